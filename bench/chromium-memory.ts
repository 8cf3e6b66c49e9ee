/**
 * The renderer's Chromium alone: renders every document type 8 rounds (with as many at once as twice the pages) and
 * prints the number of Chromium processes, their summed RSS and their PSS (docs/benchmarks.md, "Worker memory").
 *   npx tsx bench/chromium-memory.ts [extra flags, comma-separated] [pages]
 *   npx tsx bench/chromium-memory.ts --renderer-process-limit=1 2
 */
import { ChromiumPdfRenderer } from '../documents/renderer';
import { renderDocumentHtml } from '../documents/templates';
import { DOCUMENT_TYPES } from '../documents/types';
import { CHROMIUM_ARGS, findChromium } from '../runtime/chromium';
import { SAMPLES, sampleLook } from '../test/documents/samples';
import { memoryOfTree, mib } from './support';

async function main() {
  const extra = (process.argv[2] ?? '').split(',').filter(Boolean);
  const pages = Number(process.argv[3] ?? 2);
  const renderer = new ChromiumPdfRenderer({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, ...extra], pages });
  const jobs = DOCUMENT_TYPES.map((t) => ({ ...renderDocumentHtml(t, SAMPLES[t], sampleLook), createdAt: new Date('2026-06-05T08:00:00Z') }));
  let peakRss = 0;
  let peakPss = 0;
  const t0 = performance.now();
  for (let round = 0; round < 8; round++) {
    await Promise.all(Array.from({ length: pages * 2 }, (_, i) => renderer.render(jobs[(round * 7 + i) % jobs.length])));
    for (const job of jobs) await renderer.render(job);
    const m = memoryOfTree(renderer.browserPid() as number);
    peakRss = Math.max(peakRss, m.rss);
    peakPss = Math.max(peakPss, m.pss);
  }
  const end = memoryOfTree(renderer.browserPid() as number);
  console.log(
    `flaggor [${extra.join(' ')}], ${pages} sidor: ${end.processes} Chromium-processer; summa RSS ${mib(end.rss)} (topp ${mib(peakRss)}), ` +
      `PSS ${mib(end.pss)} (topp ${mib(peakPss)}); ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await renderer.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
