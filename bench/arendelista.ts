/**
 * The ärendelista at 10 000 ärenden: GET /api/arenden and the page `/` (the product's list: one visibility query on
 * the search attributes, scoped to the user, and its count), for a large municipality's sekreterare, a small one's,
 * and SKR (all 290, and one municipality), with free text and "Bara försenade", measured one request at a time; and
 * the product's page against a bare visibility list of the same page on the same server.
 *
 * Filling: the ärenden the earlier sections made count (they went through the real registration); the rest up to
 * 10 000 are adoption workflows started with the client as registerArende starts them, but with all the search
 * attributes that their registration would write given at the start, on a task queue no worker polls (fill()). The
 * list reads only the visibility store, so for the list they are ärenden like any other; what they skip is the worker's
 * registration (diarium, PDF), which at ~0.2–0.3 s of worker time per ärende on this machine would take ~45 minutes
 * for 10 000. They are spread over the municipalities by population (Stockholm ≈ 9 %) and over four nämnder.
 */
import { randomBytes } from 'node:crypto';
import { registerArendeSchema } from '../domain/arende';
import { addDays, stockholmMidnight } from '../domain/iso-date';
import type { Municipality } from '../domain/municipalities';
import { adoptionWorkflow } from '../workflows/adoption';
import type { AdoptionInput } from '../domain/arende-state';
import { DIARIENUMMER, KIND, KOMMUN, NAMND, NEXT_DEADLINE, PROGRAM, STAGE, TITLE } from '../workflows/search-attributes';
import { DEFAULT_PAGE_SIZE, listQuery } from '../server/arendelista';
import type { Principal } from '../server/auth/principal';
import type { BenchSection } from './main';
import { benchProduct, ms, pool, registrationFor, sleep, summarize, table, verdict, type Api, type BenchProduct } from './support';

const TOTAL = Number(process.env.BENCH_ARENDEN ?? 10_000);
const REQUESTS = Number(process.env.BENCH_LIST_REQUESTS ?? 200);
/** A case that is slow stops after this long (at least 20 requests): SKR's whole list may take seconds each. */
const CASE_BUDGET_MS = Number(process.env.BENCH_LIST_CASE_MS ?? 45_000);
const GOAL_P95_MS = 100;
/** The product's list against a bare visibility list of the same page on the same server (issue 14 p. 6). */
const GOAL_BARE_RATIO = 1.5;
/** A page token makes a route long: shown shortened. */
const shortRoute = (route: string) => route.replace(/pageToken=[^&]+/, 'pageToken=…');
/** No worker polls this queue (see fill()). */
const FILLER_QUEUE = 'beslutsflode-bench-fyllnad-utan-worker';
const NAMNDER = [
  { kod: 'SN', namn: 'Socialnämnden' },
  { kod: 'ÄN', namn: 'Äldrenämnden' },
  { kod: 'FHN', namn: 'Funktionshindernämnden' },
  { kod: 'AMN', namn: 'Arbetsmarknadsnämnden' },
];

/** `n` municipalities, each as often as its share of the population (at least once). */
function byPopulation(kommuner: readonly Municipality[], n: number): Municipality[] {
  const total = kommuner.reduce((a, k) => a + k.population, 0);
  const out: Municipality[] = [];
  for (const k of kommuner) for (let i = 0; i < Math.max(1, Math.round((k.population / total) * n)); i++) out.push(k);
  // Round-off: trim or top up from the largest.
  const largest = [...kommuner].sort((a, b) => b.population - a.population);
  while (out.length > n) out.splice(out.indexOf(largest[out.length % 10]), 1);
  for (let i = 0; out.length < n; i++) out.push(largest[i % 10]);
  return out;
}

/**
 * Starts `need` adoption workflows as registerArende does, with every search attribute their registration would set
 * (kind, municipality, nämnd, diarienummer, stage, title, programme, next deadline) given at the start, on a task
 * queue that no worker polls: they stand in the list as registered ärenden in utkast without costing the worker
 * anything. Deadlines vary: a fifth none, a fifth passed (overdue), the rest within two months.
 */
async function fill(need: number): Promise<{ seconds: number }> {
  const product = await benchProduct();
  const t0 = performance.now();
  const year = product.today.slice(0, 4);
  const batch = randomBytes(3).toString('hex').toUpperCase();
  const targets = byPopulation(product.kommuner, need);
  let started = 0;
  const progress = setInterval(() => process.stdout.write(`\r  fyllnad: ${started}/${need} startade`), 5_000);
  try {
    await pool(targets, 32, async (k, i) => {
      const namnd = NAMNDER[i % NAMNDER.length];
      const diarienummer = `F${batch} ${year}/${String(i + 1).padStart(5, '0')}`;
      const body = registrationFor(k, { namnd, title: `Fyllnadsärende ${i + 1}: ${namnd.namn} i ${k.name} ansluter till Yrkesresan`, diarienummer });
      const arendeId = `arende-fyllnad-${batch}-${String(i + 1).padStart(5, '0')}`;
      const input: AdoptionInput = {
        ...registerArendeSchema.parse(body),
        arendeId,
        registeredBy: 'Benchmarkens fyllnad',
        diarienummerPattern: '{serie} {year}/{nr:4}',
      };
      const deadline = i % 5 === 0 ? undefined : i % 5 === 1 ? addDays(product.today, -1 - (i % 20)) : addDays(product.today, 1 + (i % 60));
      await product.client.workflow.start(adoptionWorkflow, {
        workflowId: arendeId,
        taskQueue: FILLER_QUEUE,
        args: [input],
        typedSearchAttributes: [
          { key: KIND, value: 'arende' },
          { key: KOMMUN, value: k.kommunkod },
          { key: NAMND, value: namnd.kod },
          { key: DIARIENUMMER, value: diarienummer },
          { key: STAGE, value: 'utkast' },
          { key: TITLE, value: input.title },
          { key: PROGRAM, value: input.program },
          ...(deadline ? [{ key: NEXT_DEADLINE, value: stockholmMidnight(deadline) }] : []),
        ],
      });
      started++;
    });
    for (;;) {
      const { count } = await product.client.workflow.count(`BfKind = 'arende' AND BfDiarienummer STARTS_WITH 'F${batch} '`);
      if (count >= need) break;
      await sleep(1_000);
    }
  } finally {
    clearInterval(progress);
    process.stdout.write('\n');
  }
  return { seconds: (performance.now() - t0) / 1000 };
}

interface Case {
  who: string;
  api: Api;
  route: string;
  /** Shown for information: not the paged list that the goal is for. */
  info?: boolean;
  /** The same page as a bare visibility list (the visibility query the route makes), for the ratio. */
  bare?: { principal: Principal; q?: string };
}

/** The bare visibility list of a page: listWorkflowExecutions of the route's query and page size, from the bench. */
async function measureBare(product: BenchProduct, bare: NonNullable<Case['bare']>, n: number): Promise<number[]> {
  const query = listQuery(bare.principal, bare.q ? { q: bare.q } : {});
  const once = async () => {
    const t = performance.now();
    await product.client.workflowService.listWorkflowExecutions({ namespace: 'default', query, pageSize: DEFAULT_PAGE_SIZE });
    return performance.now() - t;
  };
  for (let i = 0; i < 5; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await once());
  return samples;
}

/** The route of the second page of a list (its nextPageToken). */
async function secondPage(api: Api, route: string): Promise<string> {
  const r = await api.call('GET', route);
  const token = typeof r.body === 'object' ? r.body.nextPageToken : undefined;
  if (!token) throw new Error(`${route}: ingen andra sida`);
  return `${route}${route.includes('?') ? '&' : '?'}pageToken=${token}`;
}

async function measure(c: Case): Promise<{ samples: number[]; rows: number; total: number; bytes: number }> {
  let rows = 0;
  let total = 0;
  let bytes = 0;
  const once = async () => {
    const r = await c.api.call('GET', c.route);
    if (r.status !== 200) throw new Error(`${c.who} ${c.route}: ${r.status} ${String(JSON.stringify(r.body)).slice(0, 300)}`);
    rows = typeof r.body === 'string' ? Math.max(0, (r.body.match(/<tr>/g) ?? []).length - 1) : r.body.arenden.length; // minus the header row
    total = typeof r.body === 'string' ? Number(/(\d+) (?:av (\d+) )?ärenden/.exec(r.body)?.slice(1).filter(Boolean).pop() ?? rows) : r.body.total;
    bytes = typeof r.body === 'string' ? Buffer.byteLength(r.body) : Buffer.byteLength(JSON.stringify(r.body));
    return r.ms;
  };
  for (let i = 0; i < 5; i++) await once();
  const samples: number[] = [];
  const t0 = performance.now();
  while (samples.length < REQUESTS && (samples.length < 20 || performance.now() - t0 < CASE_BUDGET_MS)) samples.push(await once());
  return { samples, rows, total, bytes };
}

export const arendelistaBench: BenchSection = {
  name: 'arendelista',
  description: `ärendelistans svarstid vid ${TOTAL} ärenden`,
  async run() {
    const product = await benchProduct();
    // As the list counts them: the latest run of each ärende (aktiv ones continue as new once a fee year).
    const ARENDEN = `BfKind = 'arende' AND ExecutionStatus != 'ContinuedAsNew'`;
    const { count: existing } = await product.client.workflow.count(ARENDEN);
    const need = Math.max(0, TOTAL - existing);
    if (need > 0) {
      console.log(`${existing} ärenden finns; startar ${need} fyllnadsärenden med sökattributen från start, utan worker (se bench/arendelista.ts) …`);
      const { seconds } = await fill(need);
      console.log(`  ${need} fyllnadsärenden registrerade på ${seconds.toFixed(0)} s (${(need / seconds).toFixed(0)} per sekund)`);
    }
    const { count } = await product.client.workflow.count(ARENDEN);
    const stockholm = product.api('0180');
    const small = [...product.kommuner].sort((a, b) => a.population - b.population)[0];
    // The ärendelista is paged (server/arendelista.ts), free text and "Bara försenade" too (visibility clauses): the
    // goal is for its pages.
    const sekreterare: Principal = { userId: 'bench', name: 'Stockholms sekreterare', role: 'namndsekreterare', kommunkod: '0180' };
    const cases: Case[] = [
      { who: 'Stockholms sekreterare', api: stockholm, route: '/api/arenden', bare: { principal: sekreterare } },
      { who: 'Stockholms sekreterare', api: stockholm, route: '/' },
      { who: 'Stockholms sekreterare, filter', api: stockholm, route: '/api/arenden?namnd=SN&stage=utkast' },
      { who: 'Stockholms sekreterare, sida 2', api: stockholm, route: await secondPage(stockholm, '/api/arenden') },
      { who: `${small.name}s sekreterare`, api: product.api(small.kommunkod), route: '/api/arenden' },
      { who: `${small.name}s sekreterare`, api: product.api(small.kommunkod), route: '/' },
      { who: 'SKR, en kommun', api: product.skr(), route: '/api/arenden?kommunkod=0180' },
      { who: 'SKR, en kommun', api: product.skr(), route: '/?kommunkod=0180' },
      { who: 'SKR, hela landet', api: product.skr(), route: '/api/arenden' },
      { who: 'SKR, hela landet', api: product.skr(), route: '/' },
      { who: 'Stockholms sekreterare, fritext', api: stockholm, route: '/api/arenden?q=Yrkesresan', bare: { principal: sekreterare, q: 'Yrkesresan' } },
      { who: 'Stockholms sekreterare, fritext', api: stockholm, route: '/?q=Yrkesresan' },
      { who: 'Stockholms sekreterare, försenade', api: stockholm, route: '/?forsenade=1' },
    ];
    console.log(
      `${count} ärenden i Temporals visibility. Ett anrop i taget, ${REQUESTS} per fall (ett långsamt fall slutar efter ${CASE_BUDGET_MS / 1000} s, minst 20):`,
    );
    // Row by row as each case is done (a slow case takes its budget).
    const header = ['vem', 'anrop', 'rader (av)', 'storlek', 'antal', 'p50', 'p95', 'p99', `mål p95 ≤ ${GOAL_P95_MS} ms`];
    const rows: Array<Array<string | number>> = [];
    for (const c of cases) {
      const r = await measure(c);
      const s = summarize(r.samples);
      rows.push([
        c.who,
        `GET ${shortRoute(c.route)}`,
        `${r.rows} (${r.total})`,
        `${(r.bytes / 1024).toFixed(0)} KiB`,
        s.n,
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        c.info ? '(information)' : verdict(s.p95 <= GOAL_P95_MS),
      ]);
      console.log(`  ${c.who}, GET ${shortRoute(c.route)}: p95 ${ms(s.p95)} (${s.n} anrop, ${r.rows} rader)`);
    }
    console.log(`\n${table(header, rows)}`);

    // The product's page against the bare visibility list of the same page (same query, same page size).
    const ratios: Array<Array<string | number>> = [];
    for (const c of cases.filter((x) => x.bare)) {
      const product95 = summarize((await measure(c)).samples);
      const bare95 = summarize(await measureBare(product, c.bare!, product95.n));
      const ratio = product95.p95 / bare95.p95;
      ratios.push([c.who, `GET ${shortRoute(c.route)}`, ms(product95.p95), ms(bare95.p95), `${ratio.toFixed(2)}×`, verdict(ratio <= GOAL_BARE_RATIO)]);
    }
    console.log(`\nÄrendelistan mot en bar visibility-lista av samma sida (listWorkflowExecutions, samma fråga, ${DEFAULT_PAGE_SIZE} rader):`);
    console.log(table(['vem', 'anrop', 'produkten p95', 'bar lista p95', 'kvot', `mål ≤ ${GOAL_BARE_RATIO}×`], ratios));
  },
};
