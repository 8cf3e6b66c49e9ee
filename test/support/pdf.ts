/** Reads a PDF back the way a person's tools would: poppler's pdftotext/pdfinfo, and pdf-lib for the catalog. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bf-pdf-'));
let n = 0;

function toFile(bytes: Uint8Array): string {
  const file = path.join(tmp, `doc-${process.pid}-${n++}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

export interface PdfReadBack {
  text: string;
  pages: number;
  title?: string;
  author?: string;
  subject?: string;
  tagged: boolean;
  lang?: string;
  fonts: string;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfReadBack> {
  const file = toFile(bytes);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' });
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  const field = (name: string) => info.match(new RegExp(`^${name}:\\s*(.*)$`, 'm'))?.[1]?.trim();
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const lang = doc.catalog.lookup(PDFName.of('Lang'));
  return {
    text,
    pages: Number(field('Pages')),
    title: field('Title'),
    author: field('Author'),
    subject: field('Subject'),
    tagged: field('Tagged') === 'yes',
    lang: lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined,
    fonts,
  };
}

/** Text with runs of white space made single spaces, for comparing paragraphs that the PDF wrapped. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
