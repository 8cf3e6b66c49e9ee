/**
 * What the benchmark sections share: the machine they run on, one product started for the whole run (a Temporal dev
 * server of its own in a temp folder, `npm run worker` and `npm run web` as separate processes, as a cluster runs them),
 * an HTTP client with one API key per municipality, percentiles and memory readings.
 *
 * The product is started once per `npm run bench` (the first section that needs it starts it) and stopped at the end
 * (bench/main.ts). Sections add their ärenden to it: the ärendelista counts the ones the nation made.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { hash } from '@node-rs/argon2';
import { addDays, stockholmDate, type IsoDate } from '../domain/iso-date';
import { generateMeetingPlan } from '../domain/meetings';
import type { Municipality } from '../domain/municipalities';
import { tokenSha256 } from '../server/auth/authenticator';
import { startCluster } from '../runtime/cluster/cluster';
import { freeClusterPorts } from '../runtime/cluster/free-ports';
import { startDevServer, type RunningDevServer } from '../runtime/dev-server';
import { loadMunicipalityRegistry } from '../runtime/reference-data';
import { ensureSearchAttributes } from '../runtime/search-attributes';
import { PROJECT_ROOT } from '../runtime/temporal-binaries';
import { bundleWorkflows } from '../runtime/worker';

// ---------------------------------------------------------------- the machine

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  os: string;
}

export function machine(): Machine {
  let cpu = os.cpus()[0]?.model ?? 'okänd';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {
    // not Linux
  }
  return {
    cores: os.availableParallelism(),
    cpu,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

export function describeMachine(m = machine()): string {
  return `Maskin: ${m.cores} kärnor (${m.cpu}), ${m.memoryGiB} GiB minne, Node ${m.node}, ${m.os}`;
}

// ---------------------------------------------------------------- numbers

/** Nearest-rank percentile (p in 0–100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : NaN,
  };
}

export const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 1 : 0)} ms` : '–');
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
export const pad = (s: string | number, n: number) => String(s).padStart(n);
export const verdict = (ok: boolean) => (ok ? 'uppfyllt' : 'EJ uppfyllt');

/** A plain text table: the first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells: Array<string | number>) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Runs fn over items with at most `concurrency` in flight; results in input order. */
export async function pool<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

export const sleep = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));

// ---------------------------------------------------------------- memory of processes

/** Resident memory of one process (VmRSS), bytes; 0 when it is gone. */
export function rssOf(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of a process and all its descendants (a worker and its Chromium, which puppeteer detaches into a process group of its own), bytes. */
export function rssOfTree(root: number): number {
  let sum = 0;
  for (const pid of treeOf(root)) sum += rssOf(pid);
  return sum;
}

/** A process and all its descendants, from /proc. */
function treeOf(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces, so split after the last ')'
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 64; p = parent.get(p), hops++) if (p === root) return true;
    return false;
  };
  return [...parent.keys()].filter(inTree);
}

/** RSS and PSS (shared pages divided among the processes that share them) of a process tree, bytes, and its size. */
export function memoryOfTree(root: number): { rss: number; pss: number; processes: number } {
  let rss = 0;
  let pss = 0;
  const pids = treeOf(root);
  for (const pid of pids) {
    rss += rssOf(pid);
    try {
      const m = /^Pss:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) pss += Number(m[1]) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return { rss, pss, processes: pids.length };
}

/** Samples a value every `everyMs` until stopped; keeps the peak and the last reading. */
export function sampler(read: () => number | Promise<number>, everyMs = 1_000) {
  let peak = 0;
  let last = 0;
  const take = async () => {
    try {
      last = await read();
      peak = Math.max(peak, last);
    } catch {
      // a missed sample
    }
  };
  void take();
  const timer = setInterval(() => void take(), everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await take();
      return { peak, last };
    },
  };
}

/** One sample of the worker's Prometheus metrics (GET /metrics of its HTTP port), e.g. bf_nodejs_heap_size_used_bytes. */
export async function workerMetric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)$`, 'm').exec(text);
  if (!m) throw new Error(`${name} saknas`);
  return Number(m[1]);
}

// ---------------------------------------------------------------- the product's processes

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.once('error', reject);
  });
}

export interface ProductProcess {
  name: string;
  pid: number;
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) {
    try {
      process.kill(-(c.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * Time is real in the bench, and its ärenden start today: the bench runs Yrkesresan as configured, except that the
 * programme may start today (the installed file says 2027-07-01) and this year has the first year's rate. Programmes
 * are configuration (docs/programmes.md): the bench's copy lives in its temp folder, the workflows are unchanged.
 */
/** Rounds of the nation (BENCH_NATION_ROUNDS): each round after the first runs in a programme of its own (a copy of
 * Yrkesresan, `yrkesresan-omgang-<n>`), since a municipality joins a programme once (one onboarding per programme). */
export const NATION_ROUNDS = Number(process.env.BENCH_NATION_ROUNDS ?? 1);
export const roundProgramme = (round: number) => (round === 0 ? 'yrkesresan' : `yrkesresan-omgang-${round + 1}`);

function writeBenchProgramme(dir: string, today: IsoDate): string {
  const programme = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'config', 'programmes', 'yrkesresan.json'), 'utf8'));
  const year = Number(today.slice(0, 4));
  const first = programme.nationalRates[0];
  programme.defaultStart = today;
  programme.earliestStart = today;
  if (!programme.nationalRates.some((r: { year: number }) => r.year === year)) {
    programme.nationalRates = [{ ...first, year, source: `${first.source} (benchmarken: samma avgift från ${year})` }, ...programme.nationalRates];
  }
  const out = path.join(dir, 'programmes');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'yrkesresan.json'), JSON.stringify(programme, null, 2));
  for (let round = 1; round < NATION_ROUNDS; round++) {
    const id = roundProgramme(round);
    const copy = { ...programme, id, name: `${programme.name} (omgång ${round + 1})`, agreementNumberPrefix: `YR${String.fromCharCode(65 + round)}` };
    writeFileSync(path.join(out, `${id}.json`), JSON.stringify(copy, null, 2));
  }
  return out;
}

/** `node --import tsx <script>` in its own process group (so that it can be stopped with everything it started). */
// BF_DIARIESERIER=open: the bench registers in series SN for all 290, whatever each municipality has configured.
async function startProcess(name: string, script: string, env: Record<string, string>, logDir: string, readyPath: string): Promise<ProductProcess> {
  const port = await freePort();
  const logFile = path.join(logDir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      BF_DEMO_DATA: 'off',
      BF_DIARIESERIER: 'open',
      LOG_LEVEL: 'warn',
      ...env,
      [name === 'worker' ? 'BF_WORKER_HTTP_PORT' : 'PORT']: String(port),
    },
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone || Date.now() > deadline) {
      throw new Error(`${name} startade inte (${url}${readyPath}):\n${readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')}`);
    }
    try {
      if ((await fetch(`${url}${readyPath}`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return {
    name,
    pid: child.pid as number,
    url,
    logFile,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const force = setTimeout(() => process.kill(-(child.pid as number), 'SIGKILL'), 30_000);
        await exited;
        clearTimeout(force);
      }
      try {
        process.kill(-(child.pid as number), 'SIGKILL'); // Chromium, should it linger
      } catch {
        // the group is empty
      }
      children.delete(child);
    },
  };
}

// ---------------------------------------------------------------- users: one API key per municipality

export interface BenchUsers {
  file: string;
  /** kommunkod → API key of the municipality's nämndsekreterare (all nämnder). */
  tokens: Map<string, string>;
  /** API key of an SKR administrator (reads every municipality). */
  skrToken: string;
}

async function writeUsersFile(dir: string, kommuner: readonly Municipality[]): Promise<BenchUsers> {
  // One real argon2id hash of a password nobody knows: the users sign in with their keys only.
  const passwordHash = await hash(randomBytes(24).toString('hex'));
  const tokens = new Map<string, string>();
  const users: unknown[] = [];
  const entries: unknown[] = [];
  for (const k of kommuner) {
    const token = `bench_${k.kommunkod}_${randomBytes(16).toString('hex')}`;
    tokens.set(k.kommunkod, token);
    users.push({
      id: `bench-${k.kommunkod}`,
      username: `sekreterare@${k.kommunkod}`,
      name: `Sekreterare ${k.name}`,
      passwordHash,
      role: 'namndsekreterare',
      kommunkod: k.kommunkod,
      signingRight: { title: 'Kommunstyrelsens ordförande' },
    });
    entries.push({ id: `bench-key-${k.kommunkod}`, userId: `bench-${k.kommunkod}`, sha256: tokenSha256(token) });
  }
  const skrToken = `bench_skr_${randomBytes(16).toString('hex')}`;
  users.push({
    id: 'bench-skr',
    username: 'admin@skr',
    name: 'SKR-administratör',
    passwordHash,
    role: 'skr_admin',
    signingRight: { title: 'Avdelningschef, SKR' },
  });
  entries.push({ id: 'bench-key-skr', userId: 'bench-skr', sha256: tokenSha256(skrToken) });
  const file = path.join(dir, 'users.json');
  writeFileSync(file, JSON.stringify({ users, tokens: entries }));
  return { file, tokens, skrToken };
}

// ---------------------------------------------------------------- HTTP

export interface ApiResponse {
  status: number;
  body: any;
  /** send → the whole answer read, milliseconds */
  ms: number;
}

/** A JSON client with one API key; fetch keeps connections alive between calls. */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  async call(method: string, route: string, body?: unknown): Promise<ApiResponse> {
    const t = performance.now();
    const res = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const elapsed = performance.now() - t;
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) parsed = text ? JSON.parse(text) : undefined;
    return { status: res.status, body: parsed, ms: elapsed };
  }

  /**
   * Throws with the answer when the status is not the expected one. A 503 is sent again after its Retry-After, as a
   * well-behaved client does (the product says the same request counts once), at most five times; each one is
   * counted in `Api.retried503` and the time measured is the whole wait, retries included.
   */
  async expect(status: number, method: string, route: string, body?: unknown): Promise<ApiResponse> {
    const t = performance.now();
    let r = await this.call(method, route, body);
    for (let retry = 0; r.status === 503 && status !== 503 && retry < 5; retry++) {
      Api.retried503++;
      await sleep(5_000); // the product's Retry-After
      r = await this.call(method, route, body);
    }
    if (r.status !== status) throw new Error(`${method} ${route}: ${r.status} (väntade ${status}): ${JSON.stringify(r.body).slice(0, 400)}`);
    return { ...r, ms: performance.now() - t };
  }

  /** 503 answers sent again in this run (see expect). */
  static retried503 = 0;

  /** Polls GET /api/arenden/:id until the predicate holds. */
  async waitFor(id: string, predicate: (state: any) => boolean, what: string, timeoutMs = 180_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    let last: any;
    let wait = 150;
    for (;;) {
      const r = await this.call('GET', `/api/arenden/${id}`);
      if (r.status === 200) {
        last = r.body;
        if (predicate(last)) return last;
      }
      if (Date.now() > deadline) throw new Error(`${id} nådde inte ${what} (skede ${last?.stage}; ${JSON.stringify(last?.history?.slice(-2))})`);
      // Every poll is a query on the worker: back off so that the waiting does not become the load.
      await sleep(Math.min(1_000, (wait = wait * 1.5)));
    }
  }
}

// ---------------------------------------------------------------- the product for the run

export interface BenchProduct {
  backend: TemporalBackend;
  dir: string;
  dataDir: string;
  address: string;
  taskQueue: string;
  client: Client;
  /** The workflow bundle the worker runs (for a worker of a section's own). */
  bundlePath: string;
  worker: ProductProcess;
  web: ProductProcess;
  users: BenchUsers;
  kommuner: readonly Municipality[];
  /** The municipality's sekreterare through the HTTP API. */
  api(kommunkod: string): Api;
  skr(): Api;
  /** Number of document records in the store. */
  documentCount(): number;
  /** Worker process and its Chromium, bytes. */
  workerRss(): { node: number; withChromium: number };
  /** The worker's V8 heap in use, bytes (its /metrics). */
  workerHeap(): Promise<number>;
  /** Puts a nämnd (SN) and a KF meeting today (and monthly after) in the plans of these municipalities, once each. */
  ensureMeetingsToday(kommunkoder: readonly string[]): Promise<void>;
  today: IsoDate;
}

/**
 * Which Temporal server the product runs on: the dev server (SQLite, `npm start`) or the real server on PostgreSQL
 * (`npm run cluster`, runtime/cluster/), all services in one process as compose runs them by default.
 */
export type TemporalBackend = 'dev' | 'cluster';
export const BACKEND_LABEL: Record<TemporalBackend, string> = { dev: 'dev-servern (SQLite)', cluster: 'klustret (Temporal-servern på PostgreSQL)' };

const running = new Map<TemporalBackend, Promise<BenchProduct>>();
const stopRunning = new Map<TemporalBackend, () => Promise<void>>();

/** The product of this run on that Temporal server, started on first use (one per server, each with its own data). */
export function benchProduct(backend: TemporalBackend = 'dev'): Promise<BenchProduct> {
  let product = running.get(backend);
  if (!product) {
    product = startBenchProduct(backend);
    running.set(backend, product);
  }
  return product;
}

/** Stops one product, or all of them. */
export async function stopBenchProduct(backend?: TemporalBackend): Promise<void> {
  for (const b of backend ? [backend] : [...running.keys()]) {
    await running.get(b)?.catch(() => undefined);
    await stopRunning.get(b)?.();
    running.delete(b);
    stopRunning.delete(b);
  }
}

async function startTemporal(backend: TemporalBackend, dir: string): Promise<{ address: string; stop(): Promise<void> }> {
  if (backend === 'dev') {
    const port = await freePort();
    const dev: RunningDevServer = await startDevServer({ dataDir: path.join(dir, 'temporal'), port, logFile: path.join(dir, 'temporal.log') });
    return dev;
  }
  const { ports, postgresPort } = await freeClusterPorts();
  return startCluster({ dir: path.join(dir, 'cluster'), ports, postgresPort, retention: '1 day' });
}

async function startBenchProduct(backend: TemporalBackend): Promise<BenchProduct> {
  const started = Date.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), `beslutsflode-bench-${backend}-`));
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  stopRunning.set(backend, async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => console.error(`vid stopp: ${(err as Error).message}`));
    if (process.env.BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
    else console.log(`(benchmarkens data finns kvar i ${dir})`);
  });
  try {
    // The product's own durability settings (as `npm start` / `npm run cluster`): no test pragmas.
    const [temporal, bundle] = await Promise.all([
      startTemporal(backend, dir),
      // BENCH_WORKFLOW_BUNDLE: another bundle (bench/memory.ts compares one against this code's).
      process.env.BENCH_WORKFLOW_BUNDLE ? { code: readFileSync(process.env.BENCH_WORKFLOW_BUNDLE, 'utf8') } : bundleWorkflows(),
    ]);
    stops.push(() => temporal.stop());
    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    await ensureSearchAttributes(connection, 'default');
    const client = new Client({ connection, namespace: 'default' });
    const bundlePath = path.join(dir, 'workflow-bundle.js');
    writeFileSync(bundlePath, bundle.code);

    const kommuner = loadMunicipalityRegistry().all();
    const users = await writeUsersFile(dir, kommuner);
    const taskQueue = 'beslutsflode-bench';
    const programmesDir = writeBenchProgramme(dir, stockholmDate(new Date()));
    const env = {
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      BF_DATA_DIR: dataDir,
      BF_WORKFLOW_BUNDLE: bundlePath,
      BF_PROGRAMMES_DIR: programmesDir,
      // The worker's cache and Chromium pool as the bench is told (bench/memory.ts); unset: the product's defaults.
      ...Object.fromEntries(['BF_WORKER_CACHE', 'BF_RENDER_PAGES', 'MALLOC_ARENA_MAX'].flatMap((k) => (process.env[k] ? [[k, process.env[k] as string]] : []))),
    };
    const worker = await startProcess('worker', 'runtime/worker-main.ts', env, dir, '/healthz');
    stops.push(() => worker.stop());
    const web = await startProcess(
      'web',
      'server/main.ts',
      { ...env, BF_USERS_FILE: users.file, BF_SESSION_SECRET: randomBytes(32).toString('hex') },
      dir,
      '/readyz',
    );
    stops.push(() => web.stop());

    const apis = new Map<string, Api>();
    const planned = new Set<string>();
    const today = stockholmDate(new Date());
    const product: BenchProduct = {
      backend,
      dir,
      dataDir,
      address: temporal.address,
      taskQueue,
      client,
      bundlePath,
      worker,
      web,
      users,
      kommuner,
      today,
      api(kommunkod) {
        let a = apis.get(kommunkod);
        if (!a) {
          const token = users.tokens.get(kommunkod);
          if (!token) throw new Error(`okänd kommun ${kommunkod}`);
          a = new Api(web.url, token);
          apis.set(kommunkod, a);
        }
        return a;
      },
      skr: () => new Api(web.url, users.skrToken),
      documentCount() {
        try {
          return readdirSync(path.join(dataDir, 'documents', 'records')).filter((f) => f.endsWith('.json')).length;
        } catch {
          return 0;
        }
      },
      workerRss: () => ({ node: rssOf(worker.pid), withChromium: rssOfTree(worker.pid) }),
      workerHeap: () => workerMetric(worker.url, 'bf_nodejs_heap_size_used_bytes'),
      async ensureMeetingsToday(kommunkoder) {
        const year = Number(today.slice(0, 4));
        const todo = kommunkoder.filter((k) => !planned.has(k));
        await pool(todo, 16, async (k) => {
          for (const [organ, name] of [
            ['SN', 'Socialnämnden'],
            ['KF', 'Kommunfullmäktige'],
          ] as const) {
            const later = generateMeetingPlan(organ, name, [year + 1, year + 2], { weekday: 2, week: 3 }).meetings.filter((m) => m.date > addDays(today, 7));
            await product
              .api(k)
              .expect(200, 'PUT', `/api/sammantradesplaner/${organ}`, { organ, name, meetings: [{ date: today, documentDeadline: today }, ...later] });
          }
          planned.add(k);
        });
      },
    };
    console.log(
      `(produkten startad på ${((Date.now() - started) / 1000).toFixed(1)} s: ${BACKEND_LABEL[backend]} ${temporal.address}, worker pid ${worker.pid}, webb ${web.url})`,
    );
    return product;
  } catch (err) {
    await stopRunning.get(backend)?.();
    throw err;
  }
}

/** A registration body for a municipality (the fixture's text, the municipality's name). */
export function registrationFor(k: Municipality, overrides: Record<string, unknown> = {}) {
  const namnd = 'Socialnämnden';
  return {
    kommunkod: k.kommunkod,
    namnd: { kod: 'SN', namn: namnd },
    title: `Hemställan om att ansluta ${k.name} till Yrkesresan`,
    forvaltning: 'Socialförvaltningen',
    avdelning: 'Avdelningen för stöd och utveckling',
    caseOfficer: { name: 'Anna Andersson', title: 'Utredare' },
    kfRequired: true,
    tjansteutlatande: {
      proposals: [
        `${namnd} godkänner förvaltningens förslag till hemställan om att ansluta ${k.name} till Yrkesresan.`,
        `${namnd} överlämnar förslaget till kommunfullmäktige för godkännande.`,
      ],
      summary: ['Yrkesresan är ett strukturerat arbetssätt för introduktion och kompetensutveckling.'],
      background: ['Sveriges Kommuner och Regioner (SKR) är projektägare.'],
      matter: [`Förvaltningen föreslår att ${k.name} ansluter sig.`],
      preparation: ['Ärendet har beretts i förvaltningsgruppen.'],
      assessment: ['Förvaltningen bedömer att en anslutning stärker socialtjänsten.'],
      attachments: ['Avsiktsförklaring Yrkesresan'],
    },
    ...overrides,
  };
}

export const requestId = (prefix: string) => `${prefix}-${randomBytes(8).toString('hex')}`;
