/**
 * The product as separate OS processes, the way a cluster runs it: `npm run worker` and `npm run web`
 * (node --import tsx, so that the pid is the process itself and kill -9 hits it, not a wrapper).
 * Each process runs in its own process group: kill9() takes its Chromium with it, as a container kill would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_TOKENS } from '../../demo/demo-users';
import { PROJECT_ROOT } from '../../runtime/temporal-binaries';
import { freePort } from '../support/servers';
import { devServerAddress, freshNamespace } from '../support/temporal';

export interface ProductProcess {
  name: string;
  child: ChildProcess;
  /** http://127.0.0.1:<port> of the web app, or of the worker's /healthz and /metrics. */
  url: string;
  logFile: string;
  exited: Promise<number | null>;
  /** SIGTERM and wait: the graceful way (drains the worker). Resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL to the whole process group, no goodbye. */
  kill9(): Promise<void>;
  logTail(lines?: number): string;
}

const running = new Set<ProductProcess>();
process.once('exit', () => {
  for (const p of running) {
    try {
      process.kill(-(p.child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export interface ClusterEnv {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_TASK_QUEUE: string;
  BF_DATA_DIR: string;
  [name: string]: string | undefined;
}

/**
 * A folder and the environment of one installation's processes on the shared dev server: a namespace and a task
 * queue of its own, documents under the folder's data/.
 */
export async function clusterOnDevServer(label: string, extra: Record<string, string> = {}): Promise<{ dir: string; env: ClusterEnv }> {
  const dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), `${label}-`));
  const env: ClusterEnv = {
    TEMPORAL_ADDRESS: devServerAddress(),
    TEMPORAL_NAMESPACE: await freshNamespace(),
    TEMPORAL_TASK_QUEUE: `${label}-${path.basename(dir)}`,
    BF_DATA_DIR: path.join(dir, 'data'),
    ...extra,
  };
  return { dir, env };
}

/** The document records the installation's file store holds (one file per stored document). */
export function recordFiles(env: ClusterEnv): string[] {
  try {
    return readdirSync(path.join(env.BF_DATA_DIR, 'documents', 'records')).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
}

function spawnProduct(script: string, name: string, env: Record<string, string | undefined>, logDir: string) {
  const logFile = path.join(logDir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      BF_DEMO_DATA: 'off',
      BF_DIARIESERIER: 'open', // each test numbers in a diarieserie of its own (uniqueSerie)
      BF_RENDER_PAGES: '1',
      LOG_LEVEL: 'info',
      BF_WORKFLOW_BUNDLE: process.env.BF_TEST_WORKFLOW_BUNDLE,
      // One session key for all web processes, as in compose (sessions made by one are read by the other).
      BF_SESSION_SECRET: 'test-sessionsnyckel-for-alla-webbprocesser-0123456789',
      ...env,
    } as NodeJS.ProcessEnv,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, logFile, exited };
}

async function waitFor(url: string, proc: { exited: Promise<number | null>; logFile: string }, name: string, timeoutMs = 90_000) {
  let gone = false;
  void proc.exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gone) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} blev inte redo (${url}):\n${tail(proc.logFile, 30)}`);
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function wrap(name: string, url: string, spawned: ReturnType<typeof spawnProduct>): ProductProcess {
  const p: ProductProcess = {
    name,
    url,
    child: spawned.child,
    logFile: spawned.logFile,
    exited: spawned.exited,
    async stop() {
      if (spawned.child.exitCode !== null || spawned.child.signalCode !== null) return spawned.child.exitCode;
      spawned.child.kill('SIGTERM');
      const timer = setTimeout(() => void p.kill9(), 40_000);
      const code = await spawned.exited;
      clearTimeout(timer);
      // Chromium and anything else in the group, should it linger.
      try {
        process.kill(-(spawned.child.pid as number), 'SIGKILL');
      } catch {
        // the group is empty
      }
      running.delete(p);
      return code;
    },
    async kill9() {
      try {
        process.kill(-(spawned.child.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
      await spawned.exited;
      running.delete(p);
    },
    logTail: (lines) => tail(spawned.logFile, lines),
  };
  running.add(p);
  return p;
}

/** `npm run worker`: waits until its /healthz answers (connected, search attributes registered, polling). */
export async function startWorkerProcess(name: string, env: ClusterEnv, logDir: string): Promise<ProductProcess> {
  const port = await freePort();
  const spawned = spawnProduct('runtime/worker-main.ts', name, { ...env, BF_WORKER_HTTP_PORT: String(port) }, logDir);
  const url = `http://127.0.0.1:${port}`;
  const p = wrap(name, url, spawned);
  await waitFor(`${url}/healthz`, spawned, name).catch(async (err) => {
    await p.kill9();
    throw err;
  });
  return p;
}

/** `npm run web`: waits until its /readyz answers 200 (Temporal reachable, document store writable). */
export async function startWebProcess(name: string, env: ClusterEnv, logDir: string): Promise<ProductProcess> {
  const port = await freePort();
  const spawned = spawnProduct('server/main.ts', name, { ...env, PORT: String(port) }, logDir);
  const url = `http://127.0.0.1:${port}`;
  const p = wrap(name, url, spawned);
  await waitFor(`${url}/readyz`, spawned, name).catch(async (err) => {
    await p.kill9();
    throw err;
  });
  return p;
}

/** A machine client of Stockholm (config/users.json's demo token): the API's way in once sign-in guards it. */
export const API_HEADERS = { authorization: `Bearer ${DEMO_TOKENS.stockholm.token}` };

export async function postJson(base: string, route: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...API_HEADERS },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed };
}

export async function getJson(base: string, route: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${route}`, { headers: API_HEADERS });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed };
}

/** A diarieserie of its own per test, so that numbering starts at 1 whatever else ran on the server. */
export function uniqueSerie(): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = 'Q';
  for (let i = 0; i < 6; i++) s += letters[Math.floor(Math.random() * letters.length)];
  return s;
}

/** The value of one sample of a Prometheus text exposition (sum over samples whose labels all match). */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+([0-9.eE+-]+|NaN)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

/**
 * The set-up the process-killing tests share: a namespace of their own on the dev server and one web process,
 * started before the file's tests and stopped after them with every process the tests added to `procs`.
 */
export function webOnDevServer(label: string): { readonly env: ClusterEnv; readonly dir: string; readonly web: ProductProcess; procs: ProductProcess[] } {
  const procs: ProductProcess[] = [];
  const shared = { env: undefined as unknown as ClusterEnv, dir: '', web: undefined as unknown as ProductProcess, procs };
  beforeAll(async () => {
    ({ dir: shared.dir, env: shared.env } = await clusterOnDevServer(label));
    shared.web = await startWebProcess('web', shared.env, shared.dir);
    procs.push(shared.web);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
  });
  return shared;
}
