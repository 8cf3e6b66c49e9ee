/**
 * The document renderer against bare Chromium, measured in the same run on the same HTML:
 * (a) product: renderDocumentHtml's output through ChromiumPdfRenderer.render (pool, interception, JS off,
 *     about:blank checks, document information written) — one document at a time;
 * (b) bare: one Chromium, one reused page, setContent + page.pdf of the same HTML with the same options;
 * (c) launch per document: a new Chromium for every document (a few only: it is slow);
 * (d) throughput: the product with its pool at the default size, as many documents in flight as the pool takes.
 * (a) and (b) alternate document by document, so that both see the same machine.
 */
import os from 'node:os';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DOCUMENT_TYPES, type DocumentType } from '../documents/types';
import { ChromiumPdfRenderer, printOptions, type PrintJob } from '../documents/renderer';
import { renderDocumentHtml } from '../documents/templates';
import { CHROMIUM_ARGS, findChromium } from '../runtime/chromium';
import { SAMPLES, sampleLook } from '../test/documents/samples';
import type { BenchSection } from './main';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const LAUNCH_ROUNDS = Number(process.env.BENCH_LAUNCH_ROUNDS ?? 2);
const GOAL = 1.15;

/** Bare Chromium: setContent + page.pdf of the product's HTML with the product's print options (no pool, no checks). */
export async function barePrint(page: Page, job: PrintJob): Promise<Uint8Array> {
  await page.setContent(job.html);
  return page.pdf(printOptions(job));
}

export const launchOptions = (executablePath: string) => ({ executablePath, headless: true, args: CHROMIUM_ARGS });

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const pageCount = (pdf: Uint8Array) =>
  (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page\b/g) ?? []
  ).length;
const pad = (s: string | number, n: number) => String(s).padStart(n);

export const documentsBench: BenchSection = {
  name: 'documents',
  description: 'PDF per dokumenttyp: produktens renderare mot ren Chromium',
  async run() {
    const executablePath = findChromium();
    const jobs = new Map<DocumentType, PrintJob>(
      DOCUMENT_TYPES.map((t) => [t, { ...renderDocumentHtml(t, SAMPLES[t], sampleLook), createdAt: new Date('2026-06-05T08:00:00Z') }]),
    );
    const product = new ChromiumPdfRenderer({ executablePath, args: CHROMIUM_ARGS });
    const bareBrowser: Browser = await puppeteer.launch(launchOptions(executablePath));
    const barePage = await bareBrowser.newPage();
    console.log(
      `${os.availableParallelism()} kärnor, Chromium ${await bareBrowser.version()}, produktens pool: ${product.poolSize} sidor; ` +
        `${ROUNDS} varv per typ (+2 uppvärmning), ${LAUNCH_ROUNDS} med ny Chromium per dokument`,
    );
    const rows: Array<{ type: DocumentType; pages: number; product: number[]; bare: number[]; launch: number[] }> = [];
    try {
      for (const [type, job] of jobs) {
        // warm-up: fonts, caches, the first page of the pool
        for (let i = 0; i < 2; i++) {
          await product.render(job);
          await barePrint(barePage, job);
        }
        const row = { type, pages: 0, product: [] as number[], bare: [] as number[], launch: [] as number[] };
        for (let i = 0; i < ROUNDS; i++) {
          const order = i % 2 === 0 ? (['product', 'bare'] as const) : (['bare', 'product'] as const);
          for (const which of order) {
            if (which === 'product') {
              const [ms, pdf] = await timed(() => product.render(job));
              row.product.push(ms);
              row.pages = pageCount(pdf);
            } else {
              row.bare.push((await timed(() => barePrint(barePage, job)))[0]);
            }
          }
        }
        for (let i = 0; i < LAUNCH_ROUNDS; i++) {
          const [ms] = await timed(async () => {
            const b = await puppeteer.launch(launchOptions(executablePath));
            try {
              return await barePrint(await b.newPage(), job);
            } finally {
              await b.close();
            }
          });
          row.launch.push(ms);
        }
        rows.push(row);
        process.stdout.write('.');
      }
      process.stdout.write('\n');

      // (d) throughput of the pool
      const all = [...jobs.values()];
      const inFlight = product.poolSize * 2;
      const total = all.length * 4;
      let next = 0;
      const [concurrentMs] = await timed(() =>
        Promise.all(
          Array.from({ length: inFlight }, async () => {
            while (next < total) await product.render(all[next++ % all.length]!);
          }),
        ),
      );

      const header = `${'dokumenttyp'.padEnd(20)}${pad('sidor', 6)}${pad('produkt ms', 12)}${pad('ren ms', 9)}${pad('produkt/ren', 13)}${pad('ny Chromium ms', 16)}${pad('ny/produkt', 12)}`;
      console.log(`\nMedian per dokument (ms), ett dokument i taget:\n${header}\n${'-'.repeat(header.length)}`);
      for (const r of rows) {
        const p = median(r.product);
        const b = median(r.bare);
        const l = median(r.launch);
        console.log(
          `${r.type.padEnd(20)}${pad(r.pages, 6)}${pad(p.toFixed(0), 12)}${pad(b.toFixed(0), 9)}${pad(`${(p / b).toFixed(2)}×`, 13)}${pad(l.toFixed(0), 16)}${pad(`${(l / p).toFixed(1)}×`, 12)}`,
        );
      }
      const pAll = sum(rows.flatMap((r) => r.product));
      const bAll = sum(rows.flatMap((r) => r.bare));
      const lAll = sum(rows.flatMap((r) => r.launch));
      const nP = rows.length * ROUNDS;
      const nL = rows.length * LAUNCH_ROUNDS;
      const ratio = pAll / nP / (bAll / nP);
      console.log(`${'-'.repeat(header.length)}`);
      console.log(`Produkten:            ${(nP / (pAll / 1000)).toFixed(2)} dokument/s (${(pAll / nP).toFixed(0)} ms per dokument)`);
      console.log(`Ren Chromium:         ${(nP / (bAll / 1000)).toFixed(2)} dokument/s (${(bAll / nP).toFixed(0)} ms per dokument)`);
      console.log(`Ny Chromium per dok.: ${(nL / (lAll / 1000)).toFixed(2)} dokument/s (${(lAll / nL).toFixed(0)} ms per dokument)`);
      console.log(`Kvot produkt/ren:     ${ratio.toFixed(3)}× (mål ≤ ${GOAL}×: ${ratio <= GOAL ? 'uppfyllt' : 'EJ uppfyllt'})`);
      console.log(`Kvot ny Chromium/produkt: ${(lAll / nL / (pAll / nP)).toFixed(1)}×`);
      console.log(
        `Genomströmning med poolen (${product.poolSize} sidor, ${inFlight} samtidiga): ${(total / (concurrentMs / 1000)).toFixed(2)} dokument/s (${total} dokument på ${(concurrentMs / 1000).toFixed(1)} s)`,
      );
      if (product.launches !== 1) console.log(`OBS: Chromium startades ${product.launches} gånger`);
    } finally {
      await product.close();
      await bareBrowser.close();
    }
  },
};
