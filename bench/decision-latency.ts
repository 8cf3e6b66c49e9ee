/**
 * A decision's round trip with 1 000 open ärenden: ärenden registered through the HTTP API (real registration,
 * diarienummer, tjänsteutlåtande PDF) and left waiting until 1 000 run (the nation's active ones count); of the new ones
 * a few hundred signed and placed on today's meeting of the nämnd. Once the worker is idle, recordDecision (bifall) is sent for those, one at a time and then eight at a
 * time, each to its own ärende, and the HTTP round trip (send → 200 with the result and the new state) is measured.
 * The decision itself writes no document (the protokollsutdrag comes with the justering), so this is the path of
 * the product: web → Update → workflow task on the worker → answer → query of the new state.
 */
import type { Municipality } from '../domain/municipalities';
import type { BenchSection } from './main';
import {
  benchProduct,
  mib,
  ms,
  pool,
  registrationFor,
  requestId,
  sleep,
  summarize,
  table,
  verdict,
  type Api,
  type BenchProduct,
  type Summary,
} from './support';
import { timeBareUpdates } from './update-baseline';

const OPEN = Number(process.env.BENCH_OPEN_ARENDEN ?? 1000);
const PLACED = Number(process.env.BENCH_DECISIONS ?? 240);
const WARMUP = 20;
const CONCURRENT = 8;
const GOAL_P99_MS = 150;
/** A decision against a bare Temporal update on the same server (issue 14 p. 6). */
const GOAL_BARE_RATIO = 1.5;

interface Placed {
  api: Api;
  id: string;
}

/** Registers `count` ärenden spread over the municipalities; the first `placed` are signed and placed on today's meeting. */
export async function openAndPlace(
  product: BenchProduct,
  count: number,
  placed: number,
  kommuner: readonly Municipality[] = product.kommuner,
): Promise<{ open: Placed[]; placed: Placed[] }> {
  await product.ensureMeetingsToday(kommuner.map((k) => k.kommunkod));
  const docsBefore = product.documentCount();
  const open = await pool(
    Array.from({ length: count }, (_, i) => kommuner[i % kommuner.length]),
    16,
    async (k, i) => {
      const api = product.api(k.kommunkod);
      const r = await api.expect(
        201,
        'POST',
        '/api/arenden',
        registrationFor(k, { title: `Öppet ärende ${i + 1}: anslutning till Yrkesresan`, requestId: requestId('open') }),
      );
      return { api, id: r.body.id as string };
    },
  );
  const toPlace = open.slice(0, placed);
  await pool(toPlace, 16, async ({ api, id }) => {
    const sign = (role: string, name: string) =>
      api.expect(200, 'POST', `/api/arenden/${id}/atgarder/signTjansteutlatande`, { requestId: requestId('sign'), role, signatory: { name, title: role } });
    await sign('forvaltningschef', 'Frida Förvaltningschef');
    await sign('avdelningschef', 'Adam Avdelningschef');
  });
  await pool(toPlace, 8, ({ api, id }) => api.waitFor(id, (st) => st.stage === 'sammantrade', 'sammanträde'));
  // Quiet machine: every document of the preparation written (one per ärende, two more per placed one).
  const expectedDocs = docsBefore + count + 2 * placed;
  while (product.documentCount() < expectedDocs) await sleep(250);
  await sleep(2_000);
  return { open, placed: toPlace };
}

/** recordDecision (bifall) on one ärende: the HTTP round trip, ms. */
export const decide = async (x: Placed) =>
  (await x.api.expect(200, 'POST', `/api/arenden/${x.id}/atgarder/recordDecision`, { requestId: requestId('beslut'), outcome: 'bifall', paragraph: 5 })).ms;

/** Decisions one at a time on fresh ärenden against as many bare updates on the same server, in the same run. */
export async function decisionsAgainstBareUpdate(
  product: BenchProduct,
  n: number,
  kommuner: readonly Municipality[] = product.kommuner,
): Promise<{ decision: Summary; bare: Summary }> {
  const { placed } = await openAndPlace(product, n + WARMUP, n + WARMUP, kommuner);
  for (const x of placed.slice(0, WARMUP)) await decide(x);
  const decisions: number[] = [];
  for (const x of placed.slice(WARMUP)) decisions.push(await decide(x));
  return { decision: summarize(decisions), bare: summarize(await timeBareUpdates(product.address, n)) };
}

export const decisionLatencyBench: BenchSection = {
  name: 'decision-latency',
  description: `ett besluts rundresa med ${OPEN} öppna ärenden`,
  async run() {
    const product = await benchProduct();
    // 1 000 open ärenden, spread over every municipality; those of earlier sections (the nation's, active) count.
    const { count: already } = await product.client.workflow.count(`BfKind = 'arende' AND ExecutionStatus = 'Running'`);
    const toRegister = Math.max(PLACED, OPEN - already);
    const rssBefore = product.workerRss().node;
    const t0 = performance.now();
    const { placed } = await openAndPlace(product, toRegister, PLACED);
    const running = await product.client.workflow.count(`BfKind = 'arende' AND ExecutionStatus = 'Running'`);
    const rssAfter = product.workerRss().node;
    console.log(
      `${toRegister} ärenden registrerade (${already} fanns) och ${PLACED} placerade på dagens sammanträde på ${((performance.now() - t0) / 1000).toFixed(0)} s; ` +
        `öppna ärenden i Temporal nu: ${running.count}. Workerns minne (RSS) ${mib(rssBefore)} → ${mib(rssAfter)}.`,
    );

    const rest = placed.slice(WARMUP);
    const half = Math.floor(rest.length / 2);
    for (const x of placed.slice(0, WARMUP)) await decide(x);
    const sequential: number[] = [];
    for (const x of rest.slice(0, half)) sequential.push(await decide(x));
    const concurrent = await pool(rest.slice(half), CONCURRENT, decide);

    const rows = [
      ['ett beslut i taget', sequential],
      [`${CONCURRENT} beslut samtidigt`, concurrent],
    ] as const;
    console.log(`\nrecordDecision (bifall) via POST /api/arenden/:id/atgarder/recordDecision, ${running.count} öppna ärenden:`);
    console.log(
      table(
        ['', 'antal', 'p50', 'p95', 'p99', 'max', `mål p99 ≤ ${GOAL_P99_MS} ms`],
        rows.map(([label, xs]) => {
          const s = summarize(xs);
          return [label, s.n, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), verdict(s.p99 <= GOAL_P99_MS)];
        }),
      ),
    );
    const s = summarize(sequential);
    console.log(`Kvot p99 / mål (ett i taget): ${(s.p99 / GOAL_P99_MS).toFixed(2)}`);
    const bare = summarize(await timeBareUpdates(product.address, sequential.length));
    console.log(
      `En tom Temporal-update på samma server (${bare.n} st, ett i taget): p50 ${ms(bare.p50)}, p99 ${ms(bare.p99)}; ` +
        `beslut / tom update, p50 ${(s.p50 / bare.p50).toFixed(2)}×, p99 ${(s.p99 / bare.p99).toFixed(2)}× (mål ≤ ${GOAL_BARE_RATIO}×: ${verdict(s.p99 / bare.p99 <= GOAL_BARE_RATIO)})`,
    );
  },
};
