/**
 * One fault on a Temporal cluster on PostgreSQL of the test's own, while ärenden move and documents are rendered:
 * N ärenden are registered (the tjänsteutlåtande is rendered), signed by two chiefs (the signed version is
 * rendered) and placed on the nämnd's next meeting (its föredragningslista is rendered), by clients that send every request again with the same requestId after a 503 or a cut connection, as
 * the API asks them to. The fault strikes once the first registration is answered and lasts a few seconds.
 *
 * What must hold: every answer the clients saw is a success or a 503 TEMPORAL_UNAVAILABLE (never a 500, never a
 * wrong answer), and afterwards no ärende, diarienummer, signature or document is lost or doubled.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { FileDocumentStore } from '../../documents/store';
import type { RunningCluster } from '../../runtime/cluster/cluster';
import { registrationBody } from '../fixtures/registration';
import { startTestCluster } from '../support/cluster';
import { eventually } from '../support/eventually';
import { API_HEADERS, getJson, recordFiles, startWebProcess, startWorkerProcess, uniqueSerie, type ClusterEnv, type ProductProcess } from '../scale/processes';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';

export const N = 6;
const OUTAGE_MS = 4_000;

export interface FaultRun {
  cluster: RunningCluster;
  env: ClusterEnv;
  web: ProductProcess;
  worker: ProductProcess;
  stop(): Promise<void>;
}

/** A cluster (one process, or one per service) with a worker process and a web process on it. */
export async function startFaultRun(label: string, split: boolean): Promise<FaultRun> {
  const cluster = await startTestCluster({ split, label });
  const dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), `${label}-product-`));
  const env: ClusterEnv = { TEMPORAL_ADDRESS: cluster.address, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: label, BF_DATA_DIR: path.join(dir, 'data') };
  const worker = await startWorkerProcess('worker', env, dir);
  const web = await startWebProcess('web', env, dir);
  return {
    cluster,
    env,
    web,
    worker,
    async stop() {
      await Promise.all([web.stop(), worker.stop()]);
      await cluster.stop();
    },
  };
}

/** What the clients saw: every status, and each refusal's code. */
interface Seen {
  statuses: number[];
  codes: string[];
  cutOff: number;
}

/** Sends one request until it succeeds, always with the same body (and so the same requestId). */
async function sendUntilDone(web: string, method: string, route: string, body: unknown, seen: Seen): Promise<any> {
  const deadline = Date.now() + 150_000;
  for (;;) {
    let res: Response | undefined;
    let text = '';
    try {
      res = await fetch(`${web}${route}`, {
        method,
        headers: { 'content-type': 'application/json', ...API_HEADERS },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(45_000),
      });
      text = await res.text();
    } catch {
      seen.cutOff++;
    }
    if (res) {
      seen.statuses.push(res.status);
      if (res.status === 200 || res.status === 201) return JSON.parse(text);
      const parsed = JSON.parse(text) as { error?: { code?: string } };
      seen.codes.push(parsed.error?.code ?? `(${res.status} utan kod)`);
      if (res.status !== 503) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 300)}`);
      expect(res.headers.get('retry-after')).toBeTruthy();
    }
    if (Date.now() > deadline) throw new Error(`${method} ${route} besvarades inte inom 150 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const count = (state: any, action: string) => state.history.filter((h: any) => h.action === action).length;

/**
 * Runs the load, strikes with `fault` when the first registration is answered, `recover`s after the outage, and
 * checks the outcome. Returns a line for the test's log.
 */
export async function loadThroughFault(run: FaultRun, fault: () => Promise<void>, recover: () => Promise<void> | void): Promise<string> {
  const web = run.web.url;
  const serie = uniqueSerie();
  const seen: Seen = { statuses: [], codes: [], cutOff: 0 };
  let firstAnswered!: () => void;
  const answered = new Promise<void>((resolve) => (firstAnswered = resolve));
  const load = Promise.all(
    Array.from({ length: N }, async (_, i) => {
      // Staggered, so that some registrations start during the outage and some before.
      await new Promise((r) => setTimeout(r, i * 400));
      const body = registrationBody({
        requestId: `reg-${randomUUID()}`,
        namnd: { kod: serie, namn: 'Socialnämnden' },
        kfRequired: false,
        title: `Under fel ${i}`,
      });
      const created = await sendUntilDone(web, 'POST', '/api/arenden', body, seen);
      firstAnswered();
      for (const [role, name] of [
        ['forvaltningschef', 'Frida Förvaltningschef'],
        ['avdelningschef', 'Adam Avdelningschef'],
      ]) {
        await sendUntilDone(
          web,
          'POST',
          `/api/arenden/${created.id}/atgarder/signTjansteutlatande`,
          { requestId: `sign-${randomUUID()}`, role, signatory: { name, title: role } },
          seen,
        );
      }
      return created as { id: string; diarienummer: string };
    }),
  );
  await answered;
  const t0 = Date.now();
  await fault();
  await new Promise((r) => setTimeout(r, OUTAGE_MS));
  await recover();
  const created = await load;
  const outageAndRecovery = Date.now() - t0;

  // Every answer was a success or the clear retryable refusal.
  expect(seen.statuses.filter((s) => s !== 200 && s !== 201 && s !== 503)).toEqual([]);
  expect([...new Set(seen.codes)].filter((c) => c !== 'TEMPORAL_UNAVAILABLE')).toEqual([]);

  // N ärenden, N distinct diarienummer in one unbroken sequence of the serie.
  const ids = created.map((c) => c.id);
  expect(new Set(ids).size).toBe(N);
  const numbers = created.map((c) => c.diarienummer);
  expect(new Set(numbers).size).toBe(N);
  const sequence = numbers.map((d) => Number(/(\d+)\s*$/.exec(d)?.[1])).sort((a, b) => a - b);
  expect(sequence).toEqual(Array.from({ length: N }, (_, i) => i + 1));

  // Each ärende signed twice (once per chief), its documents made once each and all in the store.
  const store = new FileDocumentStore(path.join(run.env.BF_DATA_DIR, 'documents'));
  let documents = 0;
  for (const [i, id] of ids.entries()) {
    const state = await eventually(
      async () => {
        const r = await getJson(web, `/api/arenden/${id}`);
        // Signed by both, it is placed on the nämnd's next meeting (its föredragningslista rendered): at rest.
        return r.status === 200 && r.body.stage === 'sammantrade' ? r.body : undefined;
      },
      90_000,
      250,
    );
    expect(state.diarienummer).toBe(numbers[i]);
    expect(count(state, 'signTjansteutlatande')).toBe(2);
    const types = state.documents.map((d: any) => d.type);
    expect(types.filter((t: string) => t === 'tjansteutlatande')).toHaveLength(2); // the draft and the signed version
    expect(types.filter((t: string) => t === 'foredragningslista')).toHaveLength(1);
    const stored = await store.listByArende(id);
    expect(stored.map((r) => r.id).sort()).toEqual(state.documents.map((d: any) => d.id).sort());
    documents += state.documents.length;
  }
  expect(recordFiles(run.env)).toHaveLength(documents); // nothing doubled in the whole store

  // The ärendelista (visibility on PostgreSQL) has exactly them.
  await eventually(
    async () => {
      const r = await getJson(web, `/api/arenden?namnd=${serie}`);
      return r.status === 200 && r.body.total === N ? true : undefined;
    },
    30_000,
    250,
  );
  const listed = (await getJson(web, `/api/arenden?namnd=${serie}`)).body.arenden.map((a: any) => a.id).sort();
  expect(listed).toEqual([...ids].sort());
  const refusals = seen.statuses.filter((s) => s === 503).length;
  return `${N} ärenden, ${documents} dokument; ${refusals} svar 503 TEMPORAL_UNAVAILABLE, ${seen.cutOff} avbrutna anrop; avbrott + återhämtning ${(outageAndRecovery / 1000).toFixed(1)} s`;
}
