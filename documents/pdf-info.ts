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
import { objectBytes, patchPdf, readClassicPdf } from './pdf-patch';

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

/**
 * Replaces the document information dictionary by copying bytes (documents/pdf-patch.ts). Returns undefined when
 * the file is not in the simple shape that handles (an xref stream, an incremental update) or when /Lang must change.
 */
export function replaceInfoInPlace(pdf: Uint8Array, info: PdfInfo): Uint8Array | undefined {
  const classic = readClassicPdf(pdf);
  if (!classic) return undefined;
  const infoNum = Number(/\/Info\s+(\d+)\s+0\s+R/.exec(classic.trailer)?.[1]);
  const root = objectBytes(classic, Number(/\/Root\s+(\d+)\s+0\s+R/.exec(classic.trailer)?.[1]));
  if (!objectBytes(classic, infoNum) || !root) return undefined;
  const lang = /\/Lang\s*\(([^)]*)\)/.exec(root.toString('latin1'));
  if (!lang || lang[1] !== info.lang) return undefined; // setting /Lang needs the catalog rewritten: general path
  return patchPdf(classic, new Map([[infoNum, Buffer.from(`${infoNum} 0 obj\n${infoDictionary(info)}\nendobj\n`, 'latin1')]]), []);
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
