/**
 * Stateless scale-out: two worker processes and two web processes against one Temporal (the dev server), sharing
 * one document store (a folder here; a bucket in production). Ärenden registered through either web process are
 * numbered in one sequence, rendered by whichever worker takes the task, and readable through both web processes.
 */
import { createHash } from 'node:crypto';
import { registrationBody } from '../fixtures/registration';
import { eventually } from '../support/product';
import {
  API_HEADERS,
  clusterOnDevServer,
  getJson,
  metricValue,
  postJson,
  startWebProcess,
  startWorkerProcess,
  uniqueSerie,
  type ClusterEnv,
  type ProductProcess,
} from './processes';

jest.setTimeout(120_000);

const METRICS_TOKEN = 'skrapnyckel-for-prometheus-0001';
const metricsOf = async (p: ProductProcess) => (await fetch(`${p.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();

let env: ClusterEnv;
let logDir: string;
let workers: ProductProcess[] = [];
let webs: ProductProcess[] = [];

beforeAll(async () => {
  const made = await clusterOnDevServer('scale', { BF_METRICS_TOKEN: METRICS_TOKEN });
  logDir = made.dir;
  env = made.env;
  // One at a time: each process bundles nothing (prebuilt bundle) but loads tsx and Chromium; two cores.
  workers = [await startWorkerProcess('worker-1', env, logDir), await startWorkerProcess('worker-2', env, logDir)];
  webs = [await startWebProcess('web-1', env, logDir), await startWebProcess('web-2', env, logDir)];
}, 180_000);

afterAll(async () => {
  await Promise.all([...webs, ...workers].map((p) => p.stop()));
});

const hasTjansteutlatande = (state: any) => (state?.documents ?? []).find((d: any) => d.type === 'tjansteutlatande');

test('ärenden registered through two web processes get one numbering and their PDFs, readable through both', async () => {
  const serie = uniqueSerie();
  const n = 12;
  const created = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      postJson(webs[i % 2].url, '/api/arenden', registrationBody({ namnd: { kod: serie, namn: 'Socialnämnden' }, title: `Skalat ärende ${i}` })),
    ),
  );
  expect(created.map((c) => c.status)).toEqual(Array(n).fill(201));
  const numbers = created.map((c) => Number(String(c.body.diarienummer).split('/')[1])).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: n }, (_, i) => i + 1));

  for (const [i, c] of created.entries()) {
    // Read through the other web process than the one that registered it.
    const other = webs[(i + 1) % 2];
    const state = await eventually(async () => {
      const { body } = await getJson(other.url, `/api/arenden/${c.body.id}`);
      return hasTjansteutlatande(body) ? body : undefined;
    }, 60_000);
    const doc = hasTjansteutlatande(state);
    const downloads = await Promise.all(
      webs.map(async (w) => {
        const res = await fetch(`${w.url}/api/arenden/${c.body.id}/dokument/${doc.id}`, { headers: API_HEADERS });
        expect(res.status).toBe(200);
        return Buffer.from(await res.arrayBuffer());
      }),
    );
    for (const bytes of downloads) {
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);
    }
  }

  // Every document was rendered by one of the two worker processes; the sum is what was asked for.
  const rendered = await Promise.all(workers.map(async (w) => metricValue(await metricsOf(w), 'bf_documents_rendered_total', { type: 'tjansteutlatande' })));
  expect(rendered[0] + rendered[1]).toBeGreaterThanOrEqual(n);
  console.log(`Fördelning av renderingar över workerprocesserna: ${rendered.join(' + ')}`);

  // The web processes count their requests and see the ärenden per stage from visibility.
  const webMetrics = await metricsOf(webs[0]);
  expect(metricValue(webMetrics, 'bf_http_requests_total', { route: '/api/arenden', method: 'POST', status: '201' })).toBeGreaterThanOrEqual(n / 2);
  await eventually(async () => {
    const text = await metricsOf(webs[1]);
    return STAGE_TOTAL(text) >= n ? true : undefined;
  }, 20_000);
});

const STAGE_TOTAL = (text: string) => metricValue(text, 'bf_arenden_by_stage');

test('/metrics wants the token when BF_METRICS_TOKEN is set, on web and worker processes alike', async () => {
  for (const p of [webs[0], workers[1]]) {
    expect((await fetch(`${p.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${p.url}/metrics`, { headers: { authorization: 'Bearer fel-nyckel-fel-nyckel-00' } })).status).toBe(401);
    const text = await metricsOf(p);
    expect(text).toContain('bf_process_cpu_seconds_total');
  }
  expect(await metricsOf(workers[1])).toContain('bf_document_render_seconds_bucket');
  expect(await metricsOf(webs[0])).toContain('bf_http_request_duration_seconds_bucket');
});

test('every process answers /healthz; web processes answer /readyz with what they checked', async () => {
  for (const p of [...workers, ...webs]) {
    const res = await fetch(`${p.url}/healthz`);
    expect(res.status).toBe(200);
  }
  for (const w of webs) {
    const res = await fetch(`${w.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { temporal: 'ok', documentStore: 'ok' } });
  }
});

test('a worker stopped with SIGTERM drains and exits 0; the other worker carries on alone', async () => {
  const code = await workers[0].stop();
  expect(code).toBe(0);
  expect(workers[0].logTail(5)).toContain('worker stängd');
  const serie = uniqueSerie();
  const created = await Promise.all(
    [0, 1].map((i) => postJson(webs[i].url, '/api/arenden', registrationBody({ namnd: { kod: serie, namn: 'Nämnd' }, title: `Efter stopp ${i}` }))),
  );
  expect(created.map((c) => c.status)).toEqual([201, 201]);
  for (const c of created) {
    await eventually(async () => (hasTjansteutlatande((await getJson(webs[0].url, `/api/arenden/${c.body.id}`)).body) ? true : undefined), 60_000);
  }
});
