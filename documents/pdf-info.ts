/**
 * The document information dictionary (Title, Author, Subject, Keywords, Creator, Producer, dates) of a PDF that
 * Chromium printed, and its /Lang.
 *
 * Fast path: Chromium (Skia) writes a classic, uncompressed cross-reference table with the /Info dictionary as a
 * plain object. That object is replaced in place and the table's offsets shifted: a byte copy, no re-parse, so
 * the product renderer costs about what bare Chromium costs. Any other shape (xref streams, incremental updates,
 * encryption, a catalog without /Lang) takes the slow, general path through pdf-lib.
 */
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  keywords?: string[];
  /** Custom entries (ASCII letter names, e.g. Dokumentstatus): what a reader's "document properties" list shows. */
  custom?: Record<string, string>;
  creator: string;
  producer: string;
  /** Written as CreationDate and ModDate, so that the same input gives the same bytes. */
  date: Date;
  /** BCP 47 language of the document, e.g. "sv"; the catalog's /Lang. */
  lang: string;
}

export async function setPdfInfo(pdf: Uint8Array, info: PdfInfo): Promise<Uint8Array> {
  return replaceInfoInPlace(pdf, info) ?? (await setInfoWithPdfLib(pdf, info));
}

/** PDF text string: UTF-16BE with byte order mark, hex-encoded (safe for any character, no escaping issues). */
export function pdfTextString(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** D:YYYYMMDDHHmmSSZ (UTC). */
export function pdfDate(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `(D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

function infoDictionary(info: PdfInfo): string {
  const entries = [
    `/Title ${pdfTextString(info.title)}`,
    `/Author ${pdfTextString(info.author)}`,
    `/Subject ${pdfTextString(info.subject)}`,
    ...(info.keywords?.length ? [`/Keywords ${pdfTextString(info.keywords.join(', '))}`] : []),
    ...customEntries(info).map(([k, v]) => `/${k} ${pdfTextString(v)}`),
    `/Creator ${pdfTextString(info.creator)}`,
    `/Producer ${pdfTextString(info.producer)}`,
    `/CreationDate ${pdfDate(info.date)}`,
    `/ModDate ${pdfDate(info.date)}`,
  ];
  return `<<${entries.join('\n')}>>`;
}

const STANDARD_KEYS = new Set(['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate', 'Trapped']);

function customEntries(info: PdfInfo): Array<[string, string]> {
  return Object.entries(info.custom ?? {}).filter(([k]) => /^[A-Za-z][A-Za-z0-9]{0,40}$/.test(k) && !STANDARD_KEYS.has(k));
}

const latin1 = (bytes: Uint8Array, start = 0, end = bytes.length) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', start, end);

/** Returns undefined when the file is not in the simple shape this function handles. */
export function replaceInfoInPlace(pdf: Uint8Array, info: PdfInfo): Uint8Array | undefined {
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const tail = latin1(pdf, Math.max(0, pdf.length - 1024));
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!sx) return undefined;
  const xrefAt = Number(sx[1]);
  if (!(xrefAt > 0 && xrefAt < pdf.length)) return undefined;
  const xrefAndTrailer = latin1(pdf, xrefAt, pdf.length);
  if (!xrefAndTrailer.startsWith('xref')) return undefined; // an xref stream: leave it to pdf-lib
  const trailerAt = xrefAndTrailer.indexOf('trailer');
  if (trailerAt < 0) return undefined;
  const trailer = xrefAndTrailer.slice(trailerAt, xrefAndTrailer.lastIndexOf('startxref'));
  if (/\/(Prev|Encrypt|XRefStm)\b/.test(trailer)) return undefined;
  const infoRef = /\/Info\s+(\d+)\s+0\s+R/.exec(trailer);
  const rootRef = /\/Root\s+(\d+)\s+0\s+R/.exec(trailer);
  if (!infoRef || !rootRef) return undefined;

  // Cross-reference entries: offsets by object number.
  const lines = xrefAndTrailer.slice(0, trailerAt).split(/\r?\n|\r/);
  const offsets = new Map<number, number>();
  let i = 1;
  while (i < lines.length) {
    const head = /^(\d+) (\d+)\s*$/.exec(lines[i]!);
    if (!head) break;
    const first = Number(head[1]);
    const count = Number(head[2]);
    for (let k = 0; k < count; k++) {
      const e = /^(\d{10}) (\d{5}) ([nf])/.exec(lines[i + 1 + k] ?? '');
      if (!e) return undefined;
      if (e[3] === 'n') offsets.set(first + k, Number(e[1]));
    }
    i += 1 + count;
  }

  const objectSpan = (num: number): [number, number] | undefined => {
    const at = offsets.get(num);
    if (at === undefined) return undefined;
    const text = latin1(pdf, at, Math.min(pdf.length, at + 64 * 1024));
    if (!text.startsWith(`${num} 0 obj`)) return undefined;
    const end = text.indexOf('endobj');
    if (end < 0 || text.slice(0, end).includes('stream')) return undefined;
    return [at, at + end + 'endobj'.length];
  };
  const infoNum = Number(infoRef[1]);
  const infoSpan = objectSpan(infoNum);
  const rootSpan = objectSpan(Number(rootRef[1]));
  if (!infoSpan || !rootSpan) return undefined;
  const lang = /\/Lang\s*\(([^)]*)\)/.exec(latin1(pdf, rootSpan[0], rootSpan[1]));
  if (!lang || lang[1] !== info.lang) return undefined; // setting /Lang needs the catalog rewritten: general path

  const [start, end] = infoSpan;
  const replacement = Buffer.from(`${infoNum} 0 obj\n${infoDictionary(info)}\nendobj`, 'latin1');
  const delta = replacement.length - (end - start);

  // Rewrite the table with shifted offsets (entries have a fixed width of 20 bytes).
  let xref = xrefAndTrailer.slice(0, trailerAt);
  xref = xref.replace(/^(\d{10}) (\d{5}) n/gm, (m, off: string, gen: string) => {
    const o = Number(off);
    return o > start ? `${String(o + delta).padStart(10, '0')} ${gen} n` : m;
  });
  const newXrefAt = xrefAt + delta;
  return Buffer.concat([
    buf.subarray(0, start),
    replacement,
    buf.subarray(end, xrefAt),
    Buffer.from(`${xref}${trailer}startxref\n${newXrefAt}\n%%EOF\n`, 'latin1'),
  ]);
}

async function setInfoWithPdfLib(pdf: Uint8Array, info: PdfInfo): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  if (info.keywords?.length) doc.setKeywords(info.keywords);
  doc.setCreator(info.creator);
  doc.setProducer(info.producer);
  const custom = customEntries(info);
  if (custom.length > 0) {
    // pdf-lib keeps its Info dictionary private; the trailer's /Info is the same object.
    const infoDict = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    for (const [k, v] of custom) infoDict.set(PDFName.of(k), PDFHexString.fromText(v));
  }
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(info.lang));
  return doc.save({ useObjectStreams: false });
}
