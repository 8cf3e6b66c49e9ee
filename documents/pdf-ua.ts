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
import { inflateSync, deflateSync } from 'node:zlib';
import { markUnmarkedAsArtifacts } from './content-stream';
import { objectBytes, patchPdf, readClassicPdf, streamObject, withEntries, type ClassicPdf } from './pdf-patch';
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
  const m = { ...meta, date: new Date(Math.floor(meta.date.getTime() / 1000) * 1000) };
  return finishByCopy(pdf, m) ?? (await finishWithPdfLib(pdf, m));
}

/** The general path: any PDF pdf-lib reads. */
export async function finishWithPdfLib(pdf: Uint8Array, meta: AccessibleMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  markArtifacts(doc);
  addRoleMap(doc);
  addMetadata(doc, meta);
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

const text = (b: Buffer | undefined) => b?.toString('latin1');
const ref = (s: string | undefined, key: string) => {
  const m = s && new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(s);
  return m ? Number(m[1]) : undefined;
};

/** Page objects in order, or undefined when the page tree is not the plain shape Chromium writes. */
function pageNumbers(pdf: ClassicPdf, node: number, depth = 0): number[] | undefined {
  const t = text(objectBytes(pdf, node));
  if (!t || depth > 16) return undefined;
  if (/\/Type\s*\/Pages\b/.test(t)) {
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(t)?.[1];
    if (kids === undefined) return undefined;
    const out: number[] = [];
    for (const k of kids.matchAll(/(\d+)\s+0\s+R/g)) {
      const sub = pageNumbers(pdf, Number(k[1]), depth + 1);
      if (!sub) return undefined;
      out.push(...sub);
    }
    return out;
  }
  return /\/Type\s*\/Page\b/.test(t) ? [node] : undefined;
}

/** A content stream object rewritten with its unmarked content as artifacts; undefined: leave the file to pdf-lib. */
function contentWithArtifacts(pdf: ClassicPdf, num: number): Buffer | null | undefined {
  const b = objectBytes(pdf, num);
  if (!b) return undefined;
  const head = /^\d+ 0 obj\s*<<([^<>]*)>>\s*stream(\r\n|\n)/.exec(b.toString('latin1', 0, Math.min(b.length, 512)));
  const length = head && /\/Length\s+(\d+)\b(?!\s+\d+\s+R)/.exec(head[1]!);
  if (!head || !length || !/\/Filter\s*\/FlateDecode\b/.test(head[1]!) || /\/DecodeParms|\[/.test(head[1]!)) return undefined;
  const data = b.subarray(head[0].length, head[0].length + Number(length[1]));
  const decoded = inflateSync(data);
  const marked = markUnmarkedAsArtifacts(decoded);
  if (!marked) return undefined;
  if (marked === decoded) return null; // nothing to mark
  return streamObject(num, '/Filter /FlateDecode', deflateSync(marked));
}

/** The fast path for Chromium's output: only the changed objects are written (pdf-patch.ts). */
export function finishByCopy(pdf: Uint8Array, meta: AccessibleMetadata): Buffer | undefined {
  const c = readClassicPdf(pdf);
  if (!c) return undefined;
  const rootNum = ref(c.trailer, 'Root');
  const catalog = rootNum === undefined ? undefined : text(objectBytes(c, rootNum));
  if (rootNum === undefined || !catalog || /\/Metadata\b/.test(catalog)) return undefined;
  const pagesNum = ref(catalog, 'Pages');
  const pages = pagesNum === undefined ? undefined : pageNumbers(c, pagesNum);
  if (!pages) return undefined;
  const replace = new Map<number, Buffer>();
  for (const page of pages) {
    const pageText = text(objectBytes(c, page));
    const one = pageText && /\/Contents\s*\[\s*(\d+)\s+0\s+R\s*\]/.exec(pageText);
    const contents = one ? Number(one[1]) : ref(pageText, 'Contents');
    if (contents === undefined) return undefined; // no content, or several streams: pdf-lib handles it
    const rewritten = contentWithArtifacts(c, contents);
    if (rewritten === undefined) return undefined;
    if (rewritten) replace.set(contents, rewritten);
  }
  const structRoot = ref(catalog, 'StructTreeRoot');
  if (structRoot !== undefined) {
    if (/\/RoleMap\b/.test(text(objectBytes(c, structRoot)) ?? '/RoleMap')) return undefined;
    const roleMap = Object.entries(ROLE_MAP)
      .map(([type, standard]) => `/${type} /${standard}`)
      .join(' ');
    const root = withEntries(c, structRoot, `/RoleMap <<${roleMap}>>`);
    if (!root) return undefined;
    replace.set(structRoot, root);
  }
  const xmp = Buffer.from(xmpPacket({ ...meta, identification: [PDFUA_1_ID] }), 'utf8');
  const withMetadata = withEntries(c, rootNum, `/Metadata ${c.size} 0 R`);
  if (!withMetadata) return undefined;
  replace.set(rootNum, withMetadata);
  return patchPdf(c, replace, [streamObject(c.size, '/Type /Metadata /Subtype /XML', xmp)]);
}
