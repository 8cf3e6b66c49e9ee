/**
 * What Chromium's tagged PDF lacks for PDF/UA-1 (ISO 14289-1), added after printing; measured with veraPDF
 * (docs/archival.md):
 * - 7.1 test 8: the catalog has no XMP metadata stream: one is written, with dc:title and the PDF/UA
 *   identification (pdfuaid:part 1, clause 5);
 * - 7.1 test 3: the print header and footer and decorative rules are neither tagged nor artifacts: they are
 *   marked as artifacts (content-stream.ts);
 * - 7.1 test 5: Chromium uses the PDF 2.0 types Strong and Em, not standard in PDF 1.7: the role map maps them
 *   to Span, their nearest standard type;
 * - 7.2 test 43: Chromium leaves an empty table cell out of the structure tree, so that row has fewer cells than
 *   the others: before printing, an empty cell gets a no-break space (keepEmptyTableCells).
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';
import { markUnmarkedAsArtifacts } from './content-stream';
import { PDFUA_1_ID, xmpPacket } from './xmp';

export interface AccessibleMetadata {
  title: string;
  author?: string;
  subject?: string;
  lang: string;
  date: Date;
  producer: string;
}

/** Every empty <td>/<th> gets a no-break space: invisible, and Chromium then keeps the cell as a TD/TH. */
export function keepEmptyTableCells(html: string): string {
  return html.replace(/<(td|th)(\s[^>]*)?>\s*<\/\1>/gi, (_, tag: string, attrs: string | undefined) => `<${tag}${attrs ?? ''}>&nbsp;</${tag}>`);
}

/** Structure types outside ISO 32000-1, 14.8.4 that Chromium writes, and their nearest standard type. */
export const ROLE_MAP: Record<string, string> = { Strong: 'Span', Em: 'Span' };

function streamBytes(stream: PDFStream): Uint8Array | undefined {
  if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode();
  return undefined;
}

/** Marks unmarked content of every page as artifacts; a page whose stream it cannot read is left as it is. */
function markArtifacts(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    if (!refs.every((r) => r instanceof PDFRef)) continue;
    const decoded = (refs as PDFRef[]).map((r) => {
      const s = doc.context.lookup(r);
      return s instanceof PDFStream ? streamBytes(s) : undefined;
    });
    if (decoded.some((d) => d === undefined)) continue;
    // The streams of a page are one stream for marked content (ISO 32000-1, 7.8.2): join them with a newline.
    const joined = Buffer.concat(decoded.flatMap((d, i) => (i ? [Buffer.from('\n'), Buffer.from(d!)] : [Buffer.from(d!)])));
    const marked = markUnmarkedAsArtifacts(joined);
    if (!marked || marked === joined) continue;
    const stream = doc.context.flateStream(marked);
    doc.context.assign(refs[0] as PDFRef, stream);
    if (refs.length > 1) page.node.set(PDFName.of('Contents'), refs[0]!);
  }
}

function addRoleMap(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  const roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict) ?? doc.context.obj({});
  for (const [type, standard] of Object.entries(ROLE_MAP)) {
    if (!roleMap.has(PDFName.of(type))) roleMap.set(PDFName.of(type), PDFName.of(standard));
  }
  root.set(PDFName.of('RoleMap'), roleMap);
}

function addMetadata(doc: PDFDocument, meta: AccessibleMetadata): void {
  const xmp = Buffer.from(xmpPacket({ ...meta, identification: [PDFUA_1_ID] }), 'utf8');
  // Uncompressed, so that tools that scan for the packet find it.
  const stream = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML', Length: xmp.length });
  const previous = doc.catalog.get(PDFName.of('Metadata'));
  if (previous instanceof PDFRef) doc.context.delete(previous);
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

/** The tagged PDF made ready for PDF/UA-1: XMP metadata, artifacts, role map. Same input, same bytes. */
export async function finishForPdfUa(pdf: Uint8Array, meta: AccessibleMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  markArtifacts(doc);
  addRoleMap(doc);
  addMetadata(doc, { ...meta, date: new Date(Math.floor(meta.date.getTime() / 1000) * 1000) });
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}
