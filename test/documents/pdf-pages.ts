/** Per-page reading of a PDF with poppler: the print header, the body and the footer as separate regions. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const tmp = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'pdf-pages-'));
let n = 0;

export function pdfFile(bytes: Uint8Array): string {
  const file = path.join(tmp, `doc-${n++}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

/** A4 in points, and the page margins of documents/templates.ts (PRINT_PAGE: 32 mm top, 20 mm bottom). */
const PAGE_W = 595;
const PAGE_H = 842;
const MM = 72 / 25.4;
export const HEADER_H = Math.floor(32 * MM);
export const FOOTER_H = Math.floor(20 * MM);

function pdftotext(file: string, page: number, args: string[]): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), ...args, file, '-'], { encoding: 'utf8' });
}

export function pageRegions(file: string, page: number) {
  const crop = (y: number, h: number) => ['-x', '0', '-y', String(y), '-W', String(PAGE_W), '-H', String(h)];
  return {
    header: pdftotext(file, page, crop(0, HEADER_H)),
    body: pdftotext(file, page, crop(HEADER_H, PAGE_H - HEADER_H - FOOTER_H)),
    footer: pdftotext(file, page, crop(PAGE_H - FOOTER_H, FOOTER_H)),
    layout: pdftotext(file, page, ['-layout']),
  };
}

/** The body text of every page (headers and footers cut away), in page order. */
export function bodyText(file: string, pages: number): string {
  return Array.from({ length: pages }, (_, i) => pageRegions(file, i + 1).body).join('\n');
}

/** pdffonts rows: font name and whether it is embedded. */
export function fonts(file: string): Array<{ name: string; embedded: boolean }> {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  return out.map((line) => {
    const m = /^(\S+)\s.*?\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
    if (!m) throw new Error(`pdffonts: oväntad rad ${line}`);
    return { name: m[1]!, embedded: m[2] === 'yes' };
  });
}

/** Words as a reader's tools see them: NBSP and narrow NBSP are spaces. */
export function words(text: string): string[] {
  return text
    .replace(/[\u00a0\u202f]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}
