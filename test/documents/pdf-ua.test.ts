/**
 * The PDF/UA finishing (documents/pdf-ua.ts) on what Chromium really prints, before the renderer touches it:
 * every document type takes the byte-copy path (the pdf-lib path is the fallback, and too slow for the
 * renderer's budget), and marking the header and footer as artifacts changes no word of the text.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { DOCUMENT_TYPES } from '../../documents/types';
import { setPdfInfo } from '../../documents/pdf-info';
import { finishByCopy } from '../../documents/pdf-ua';
import { printOptions } from '../../documents/renderer';
import { renderDocumentHtml } from '../../documents/templates';
import { CHROMIUM_ARGS, findChromium } from '../../runtime/chromium';
import { readPdf } from '../support/pdf';
import { SAMPLES, sampleLook } from './samples';

let browser: Browser;
beforeAll(async () => {
  browser = await puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

test('every document type takes the byte-copy path, and its text is unchanged', async () => {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  for (const type of DOCUMENT_TYPES) {
    const printable = renderDocumentHtml(type, SAMPLES[type], sampleLook);
    await page.setContent(printable.html, { waitUntil: 'load' });
    const raw = await page.pdf(printOptions({ ...printable, createdAt: new Date(0) }));
    const info = { ...printable, creator: 'Beslutsflöde', producer: 'test', date: new Date('2026-06-05T08:00:00Z'), lang: 'sv' };
    const finished = finishByCopy(await setPdfInfo(raw, info), info);
    expect({ type, fastPath: finished !== undefined }).toEqual({ type, fastPath: true });
    const [before, after] = [await readPdf(raw), await readPdf(finished!)];
    expect(after.text).toBe(before.text);
    expect(after.pages).toBe(before.pages);
    expect(after.tagged).toBe(true);
    const bytes = Buffer.from(finished!).toString('latin1');
    expect(bytes).toMatch(/\/Metadata \d+ 0 R/);
    expect(bytes).toContain('/RoleMap <</Strong /Span /Em /Span>>');
    expect(bytes.match(/startxref/g)).toHaveLength(1); // one revision: rewritten, not appended
  }
  await page.close();
}, 120_000);
