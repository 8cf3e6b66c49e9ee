/**
 * The worker's memory with 1 000 ärenden in its cache (issue 14 point 5: worker + Chromium ≤ 1 GiB): ärenden are
 * registered through the HTTP API (real registration, diarienummer, tjänsteutlåtande PDF) while the worker process and
 * its Chromium are sampled every half second; then each one is read once more (a state query: a cached workflow
 * answers from memory, an evicted one is replayed) and the readings go on. Printed: peak and end RSS of the worker's
 * Node process and of its whole process tree (Node + Chromium, summed over /proc), the tree's PSS (shared pages
 * counted once), the V8 heap, the cache and pool sizes the worker ran with.
 *
 *   BENCH_MEMORY_ARENDEN=1000 BF_WORKER_CACHE=1000 BF_RENDER_PAGES=2 npm run bench -- memory
 * BF_WORKER_CACHE and BF_RENDER_PAGES are handed to the worker; BENCH_WORKFLOW_BUNDLE runs it on another bundle
 * (to measure a change of the bundle against the one before, in the same run conditions).
 */
import type { BenchSection } from './main';
import { benchProduct, memoryOfTree, mib, pool, registrationFor, requestId, sampler, sleep, table } from './support';

const ARENDEN = Number(process.env.BENCH_MEMORY_ARENDEN ?? 1000);
const CONCURRENCY = 8;
const GOAL_BYTES = 2 ** 30;

export const memoryBench: BenchSection = {
  name: 'memory',
  description: `workerns minne med ${ARENDEN} ärenden i cachen`,
  async run() {
    const product = await benchProduct();
    const pid = product.worker.pid;
    const node = sampler(() => product.workerRss().node, 500);
    const tree = sampler(() => memoryOfTree(pid).rss, 500);
    const pss = sampler(() => memoryOfTree(pid).pss, 2_000);
    const heap = sampler(() => product.workerHeap(), 2_000);
    const kommuner = product.kommuner;
    const docsBefore = product.documentCount();
    let retried = 0;
    let failed = 0;
    const t0 = performance.now();
    const open = await pool(
      Array.from({ length: ARENDEN }, (_, i) => kommuner[i % kommuner.length]),
      CONCURRENCY,
      async (k, i) => {
        const api = product.api(k.kommunkod);
        const body = registrationFor(k, { title: `Minnesprov ${i + 1}`, requestId: requestId('mem') });
        // A registration is idempotent by its requestId: a 5xx (a timeout under load) is sent again, as a client would.
        for (let attempt = 1; ; attempt++) {
          const r = await api.call('POST', '/api/arenden', body).catch(() => ({ status: 599, body: 'fetch failed' }) as const);
          if (r.status === 201) return { api, id: r.body.id as string };
          if (r.status < 500) throw new Error(`POST /api/arenden: ${r.status}: ${JSON.stringify(r.body).slice(0, 400)}`);
          // Counted and left: the memory readings are the point, and a worker that cannot keep up is one of them.
          if (attempt === 3) return void failed++;
          retried++;
        }
      },
    );
    const registered = open.filter((x) => x !== undefined);
    const settle = Date.now() + 120_000;
    while (product.documentCount() < docsBefore + registered.length && Date.now() < settle) await sleep(250);
    const registeredS = (performance.now() - t0) / 1000;
    // Each ärende once more: a state query through the worker.
    await pool(registered, CONCURRENCY, ({ api, id }) => api.call('GET', `/api/arenden/${id}`));
    await sleep(3_000);
    const n = await node.stop();
    const t = await tree.stop();
    const p = await pss.stop();
    const h = await heap.stop();
    const chromium = memoryOfTree(pid).processes - 1;
    console.log(
      `${ARENDEN} ärenden registrerade på ${registeredS.toFixed(0)} s, ${CONCURRENCY} åt gången (${product.documentCount() - docsBefore} dokument, ${retried} omsända efter 5xx, ${failed} misslyckade tre gånger), sedan lästa en gång var; ` +
        `worker: BF_WORKER_CACHE=${process.env.BF_WORKER_CACHE ?? 'standard'}, BF_RENDER_PAGES=${process.env.BF_RENDER_PAGES ?? 'standard'}, ` +
        `bundle ${process.env.BENCH_WORKFLOW_BUNDLE ?? 'denna kod'}; ${chromium} Chromium-processer vid slutet.`,
    );
    console.log(
      table(
        ['', 'topp', 'slut'],
        [
          ['workerns Node (RSS)', mib(n.peak), mib(n.last)],
          ['V8-heap (huvudtråden)', mib(h.peak), mib(h.last)],
          ['worker + Chromium (summa RSS)', mib(t.peak), mib(t.last)],
          ['worker + Chromium (summa PSS)', mib(p.peak), mib(p.last)],
        ],
      ),
    );
    console.log(
      `Mål worker + Chromium ≤ 1 GiB (summa RSS): ${t.peak <= GOAL_BYTES ? 'uppfyllt' : 'EJ uppfyllt'} (${(t.peak / GOAL_BYTES).toFixed(2)} × målet)`,
    );
  },
};
