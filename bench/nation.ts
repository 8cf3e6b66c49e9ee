/**
 * The whole nation: every one of the 290 municipalities takes one adoption ärende through every stage, through the
 * HTTP API (keep-alive, each municipality's own nämndsekreterare's API key) on the product started by the bench
 * (dev server, worker process with the real Chromium renderer, web process):
 *
 *   register → remiss → yttrande → two signatures → placed on the nämnd's meeting today → bifall → justering → anslag
 *   (+ hemställan) → KS bereder → placed on KF's meeting today → bifall → justering → anslag → avtal signed by both
 *   → startbesked → aktiv with the first avgiftsunderlag.
 *
 * Time is real (the dev server does not skip time), so:
 * - every meeting is today (the plans are replaced with one that has a meeting today);
 * - the policy actBeforeLagaKraft: the agreement proceeds while the three-week appeal period runs;
 * - targetStart is today and both signatures of the agreement are dated yesterday: the start is the day after the
 *   signing, i.e. today, so the start timer fires at once and the first fee year begins today.
 *
 * Measured: wall time, documents written (and per second), the round trip of every action (send → 200, the decision
 * steps apart), the worker's memory (its Node process, and with its Chromium).
 */
import { addDays } from '../domain/iso-date';
import type { Municipality } from '../domain/municipalities';
import type { BenchSection } from './main';
import { bareMsPerType, recordFilesNow, renderedDocumentsByType, renderingFloor, type RenderingFloor } from './rendering-floor';
import {
  BACKEND_LABEL,
  benchProduct,
  mib,
  ms,
  NATION_ROUNDS,
  pool,
  registrationFor,
  requestId,
  roundProgramme,
  sampler,
  summarize,
  table,
  verdict,
  type Api,
  type BenchProduct,
  type Summary,
  type TemporalBackend,
} from './support';

const IN_FLIGHT = Number(process.env.BENCH_NATION_IN_FLIGHT ?? 24);
const LIMIT = Number(process.env.BENCH_NATION_LIMIT ?? 290);
const GOAL_MINUTES = 12;
/** Wall time against the rendering floor (bench/rendering-floor.ts): orchestration should cost little beside the PDFs. */
const GOAL_FLOOR_RATIO = 1.5;
/**
 * The documents of one ärende on this path, as its API shows them: its own eleven and, from SKR's anslutning that
 * holds the agreement, the agreement sent and the agreement signed by both. (Start and fee statements come later.)
 */
const EXPECTED_DOCUMENTS = 13;
const DECISION_ACTIONS = ['recordDecision', 'recordJustering', 'recordAnslag', 'recordKsBeredning'];

type Timings = Map<string, number[]>;

/** One ärende of a municipality through every stage; round r > 0 runs in a programme of its own (bench/support.ts). */
async function drive(
  api: Api,
  skr: Api,
  k: Municipality,
  today: string,
  timings: Timings,
  round: number,
): Promise<{ id: string; documents: number; fees: number }> {
  const program = roundProgramme(round);
  const p = 100 * round; // § numbers of its own in the day's meetings
  const act = async (id: string, action: string, body: Record<string, unknown>) => {
    const r = await api.expect(200, 'POST', `/api/arenden/${id}/atgarder/${action}`, { requestId: requestId(action), ...body });
    const list = timings.get(action) ?? [];
    list.push(r.ms);
    timings.set(action, list);
    return r.body;
  };
  const created = await api.expect(
    201,
    'POST',
    '/api/arenden',
    registrationFor(k, { actBeforeLagaKraft: true, targetStart: today, program, requestId: requestId('nation') }),
  );
  const id = created.body.id as string;
  timings.set('register', [...(timings.get('register') ?? []), created.ms]);

  // 1–2. Remiss and yttrande
  await act(id, 'sendReferrals', { referrals: [{ recipient: 'Rådet för funktionshinderfrågor', dueDate: addDays(today, 7) }] });
  await act(id, 'recordReferralAnswer', { recipient: 'Rådet för funktionshinderfrågor', answer: 'yttrande', text: ['Rådet har inget att invända.'] });
  await api.waitFor(id, (s) => s.stage === 'signering', 'signering');
  await act(id, 'signTjansteutlatande', { role: 'forvaltningschef', signatory: { name: 'Frida Förvaltningschef', title: 'Socialdirektör' } });
  await act(id, 'signTjansteutlatande', { role: 'avdelningschef', signatory: { name: 'Adam Avdelningschef', title: 'Avdelningschef' } });
  // 3–5. The nämnd: placed on today's meeting by the workflow, then decision, justering, anslag (+ hemställan)
  await api.waitFor(id, (s) => s.stage === 'sammantrade', 'nämndens sammanträde');
  await act(id, 'recordDecision', { outcome: 'bifall', paragraph: 12 + p });
  await act(id, 'recordJustering', { date: today, chair: 'Ordförande Olsson', adjusters: ['Justerare Jansson'] });
  await act(id, 'recordAnslag', { date: today, protocolKeptAt: 'Kommunhuset' });
  // 6–7. KS and KF
  await act(id, 'recordKsBeredning', { meetingDate: today, paragraph: 40 + p });
  await api.waitFor(id, (s) => s.stage === 'sammantrade' && s.organ === 'kf', 'KF:s sammanträde');
  await act(id, 'recordDecision', { outcome: 'bifall', paragraph: 77 + p });
  await act(id, 'recordJustering', { date: today, chair: 'Ordförande Fullmäktige', adjusters: ['Justerare Karlsson'] });
  await act(id, 'recordAnslag', { date: today, protocolKeptAt: 'Kommunhuset' });
  // 9. The agreement (before laga kraft), held by SKR's anslutning: each party signs for itself (the bench's users
  // have a signing right); the ärende follows to väntar på start (the start is tomorrow at the earliest).
  await api.waitFor(id, (s) => s.agreementHolder?.stage === 'avtal_signeras', 'avtalet skickat för underskrift');
  await act(id, 'signAgreement', {});
  await skr.expect(200, 'POST', `/api/skr/kommuner/${k.kommunkod}/atgarder/signAgreement${round ? `?program=${program}` : ''}`, {
    requestId: requestId('skr-sign'),
    version: 1,
  });
  const done = await api.waitFor(
    id,
    (s) => s.stage === 'vantar_start' && s.agreementHolder?.agreement?.signedDocument,
    'väntar på start med undertecknat avtal',
  );
  return { id, documents: done.documents.length, fees: done.agreementHolder.feeStatements.length };
}

export interface NationResult {
  backend: TemporalBackend;
  kommuner: number;
  arenden: number;
  done: number;
  wallS: number;
  documents: number;
  inStates: number;
  timings: Timings;
  decisions: Summary;
  memory: { nodePeak: number; nodeEnd: number; allPeak: number; allEnd: number; heapPeak: number; heapEnd: number };
  floor: RenderingFloor;
  failed: Array<{ kommun: string; error: string }>;
  wrong: Array<{ id: string; documents: number; fees: number }>;
}

/** This run's nation results, per Temporal server (the cluster section prints them side by side). */
export const nationResults = new Map<TemporalBackend, NationResult>();

let bare: ReturnType<typeof bareMsPerType> | undefined;
/** Bare Chromium per document type, measured once per run (bench/rendering-floor.ts). */
export const bareOnce = () => (bare ??= bareMsPerType());

/** The nation on one product: every municipality (BENCH_NATION_LIMIT), BENCH_NATION_ROUNDS ärenden each. */
export async function runNation(product: BenchProduct): Promise<NationResult> {
  const kommuner = product.kommuner.slice(0, LIMIT);
  const today = product.today;
  const work = Array.from({ length: NATION_ROUNDS }, (_, round) => kommuner.map((k) => ({ k, round }))).flat();
  await product.ensureMeetingsToday(kommuner.map((k) => k.kommunkod));
  console.log(
    `${BACKEND_LABEL[product.backend]}: ${kommuner.length} kommuner × ${NATION_ROUNDS} = ${work.length} ärenden, ${IN_FLIGHT} samtidigt. ` +
      `Alla sammanträden i dag (${today}); policy actBeforeLagaKraft (avtalet tecknas medan överklagandetiden löper); targetStart ${today} ` +
      `och avtalet daterat ${addDays(today, -1)}, så starten infaller i dag.`,
  );

  const before = recordFilesNow(product.dataDir);
  const timings: Timings = new Map();
  const memory = sampler(() => product.workerRss().node);
  const memoryAll = sampler(() => product.workerRss().withChromium, 2_000);
  const heap = sampler(() => product.workerHeap(), 2_000);
  const failed: Array<{ kommun: string; error: string }> = [];
  let finished = 0;
  const progress = setInterval(
    () => process.stdout.write(`\r  ${finished}/${work.length} ärenden klara, ${product.documentCount() - before.size} dokument`),
    5_000,
  );
  const started = performance.now();
  let results: Array<{ id: string; documents: number; fees: number }>;
  try {
    const all = await pool(work, IN_FLIGHT, async ({ k, round }) => {
      try {
        return await drive(product.api(k.kommunkod), product.skr(), k, today, timings, round);
      } catch (err) {
        // One ärende's failure is reported, not the end of the run.
        failed.push({ kommun: `${k.kommunkod} ${k.name} (omgång ${round + 1})`, error: (err as Error).message.slice(0, 500) });
        return undefined;
      } finally {
        finished++;
      }
    });
    results = all.filter((r): r is { id: string; documents: number; fees: number } => r !== undefined);
  } finally {
    clearInterval(progress);
    process.stdout.write('\n');
  }
  const wallS = (performance.now() - started) / 1000;
  const mem = await memory.stop();
  const memAll = await memoryAll.stop();
  const heapUsed = await heap.stop();
  const result: NationResult = {
    backend: product.backend,
    kommuner: kommuner.length,
    arenden: work.length,
    done: 0,
    wallS,
    documents: product.documentCount() - before.size,
    inStates: results.reduce((a, r) => a + r.documents, 0),
    timings,
    decisions: summarize(DECISION_ACTIONS.flatMap((a) => timings.get(a) ?? [])),
    memory: { nodePeak: mem.peak, nodeEnd: mem.last, allPeak: memAll.peak, allEnd: memAll.last, heapPeak: heapUsed.peak, heapEnd: heapUsed.last },
    floor: renderingFloor(renderedDocumentsByType(product.dataDir, before), await bareOnce()),
    failed,
    wrong: results.filter((r) => r.documents !== EXPECTED_DOCUMENTS || r.fees !== 0),
  };
  result.done = results.length - result.wrong.length;
  nationResults.set(product.backend, result);
  return result;
}

export function printNation(r: NationResult): void {
  const rows = [...r.timings].map(([action, xs]) => {
    const s = summarize(xs);
    return [action, s.n, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
  });
  const d = r.decisions;
  const ratio = r.wallS / r.floor.seconds;
  console.log(`\nRundresa per åtgärd (HTTP-anrop från sändning till 200, under last med ${IN_FLIGHT} ärenden samtidigt), ${BACKEND_LABEL[r.backend]}:`);
  console.log(
    table(['åtgärd', 'antal', 'p50', 'p95', 'p99', 'max'], [...rows, ['beslut (de fyra besluts-stegen)', d.n, ms(d.p50), ms(d.p95), ms(d.p99), ms(d.max)]]),
  );
  console.log('');
  console.log(
    table(
      ['mått', 'värde', 'mål'],
      [
        ['ärenden genom alla skeden', `${r.done} av ${r.arenden}`, `${r.arenden}: ${verdict(r.done === r.arenden)}`],
        [
          'väggtid',
          `${(r.wallS / 60).toFixed(1)} min (${r.wallS.toFixed(0)} s)`,
          `≤ ${GOAL_MINUTES} min: ${verdict(r.wallS / 60 <= GOAL_MINUTES || r.arenden < 290)}`,
        ],
        [
          'renderingsgolv (ren Chromium)',
          `${r.floor.seconds.toFixed(0)} s: ${r.floor.documents} PDF × ${r.floor.bareMsPerDocument.toFixed(0)} ms ÷ ${r.floor.pages} sidor i poolen`,
          '',
        ],
        ['väggtid / renderingsgolv', `${ratio.toFixed(2)}×`, `≤ ${GOAL_FLOOR_RATIO}×: ${verdict(ratio <= GOAL_FLOOR_RATIO)}`],
        ['dokument skrivna', `${r.documents} (${r.inStates} i ärendena, ${EXPECTED_DOCUMENTS} per ärende)`, ''],
        ['dokument per sekund', (r.documents / r.wallS).toFixed(1), ''],
        ['beslutens rundresa p50 / p99', `${ms(d.p50)} / ${ms(d.p99)}`, '(under full last; målet 150 ms gäller avsnittet decision-latency)'],
        ['workerns minne (Node), topp / slut', `${mib(r.memory.nodePeak)} / ${mib(r.memory.nodeEnd)}`, ''],
        [
          'workerns huvudtråd, V8-heap i bruk, topp / slut',
          `${mib(r.memory.heapPeak)} / ${mib(r.memory.heapEnd)}`,
          '(arbetsflödena körs i en egen tråd och räknas bara i RSS)',
        ],
        ['workern + Chromium, topp / slut', `${mib(r.memory.allPeak)} / ${mib(r.memory.allEnd)}`, '(summa RSS, delat minne räknas flera gånger)'],
      ],
    ),
  );
  if (r.kommuner < 290) console.log(`OBS: bara ${r.kommuner} kommuner (BENCH_NATION_LIMIT); målet gäller 290.`);
}

/** Throws when an ärende failed or came out wrong (after printing, so that the figures are still seen). */
export function assertNation(r: NationResult): void {
  if (r.failed.length > 0 || r.wrong.length > 0) {
    for (const f of r.failed.slice(0, 5)) console.log(`  misslyckades: ${f.kommun}: ${f.error}`);
    throw new Error(
      `${r.failed.length} ärenden misslyckades och ${r.wrong.length} fick fel antal dokument eller avgiftsunderlag ${JSON.stringify(r.wrong.slice(0, 3))}`,
    );
  }
}

export const nationBench: BenchSection = {
  name: 'nation',
  description: `hela landet: ${LIMIT} kommuner × ${NATION_ROUNDS} genom alla skeden med alla dokument, via HTTP-API:t, på dev-servern`,
  async run() {
    const r = await runNation(await benchProduct('dev'));
    printNation(r);
    assertNation(r);
  },
};
