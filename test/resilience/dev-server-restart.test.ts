/**
 * The Temporal dev server stopped (SIGTERM) while ärenden are under way and started again on the same SQLite file:
 * every ärende is still there with its state, the unfinished ones finish, and the diarium continues its sequence.
 * The worker and web processes stay up through the outage and reconnect by themselves.
 * (A server of its own: stopping the shared one would pull the floor from the other test files.)
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { startDevServer, type RunningDevServer } from '../../runtime/dev-server';
import { ensureSearchAttributes } from '../../runtime/search-attributes';
import { registrationBody } from '../fixtures/registration';
import { eventually } from '../support/product';
import { freePort } from '../support/servers';
import { getJson, postJson, startWebProcess, startWorkerProcess, uniqueSerie, type ClusterEnv, type ProductProcess } from '../scale/processes';

jest.setTimeout(180_000);

let dir: string;
let port: number;
let server: RunningDevServer;
let env: ClusterEnv;
const procs: ProductProcess[] = [];

const startServer = () => startDevServer({ dataDir: path.join(dir, 'temporal'), port, logFile: path.join(dir, 'dev-server.log') });

beforeAll(async () => {
  dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'restart-'));
  port = await freePort();
  server = await startServer();
  const connection = await Connection.connect({ address: server.address });
  await ensureSearchAttributes(connection, 'default');
  await connection.close();
  env = { TEMPORAL_ADDRESS: server.address, TEMPORAL_TASK_QUEUE: 'restart', BF_DATA_DIR: path.join(dir, 'data') };
  procs.push(await startWorkerProcess('worker', env, dir));
  procs.push(await startWebProcess('web', env, dir));
}, 120_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  await server?.stop();
});

const hasDocument = (state: any) => (state?.documents ?? []).some((d: any) => d.type === 'tjansteutlatande');

test('stop the dev server and start it again on its SQLite file: nothing is lost', async () => {
  const web = procs[1].url;
  const serie = uniqueSerie();
  const before = [];
  for (let i = 0; i < 4; i++) {
    before.push(await postJson(web, '/api/arenden', registrationBody({ namnd: { kod: serie, namn: 'Nämnd' }, title: `Före ${i}` })));
  }
  expect(before.map((r) => r.status)).toEqual([201, 201, 201, 201]);
  for (const r of before) await eventually(async () => (hasDocument((await getJson(web, `/api/arenden/${r.body.id}`)).body) ? true : undefined), 60_000);
  const statesBefore = await Promise.all(before.map(async (r) => (await getJson(web, `/api/arenden/${r.body.id}`)).body));

  // Two more, and the server goes down while their documents are being made.
  const inFlight = await Promise.all(
    [0, 1].map((i) => postJson(web, '/api/arenden', registrationBody({ namnd: { kod: serie, namn: 'Nämnd' }, title: `Under stopp ${i}` }))),
  );
  expect(inFlight.map((r) => r.status)).toEqual([201, 201]);
  await server.stop();
  expect((await fetch(`${web}/readyz`)).status).toBe(503);
  await new Promise((r) => setTimeout(r, 1_000));
  server = await startServer();
  expect(server.reused).toBe(false);

  // The worker and web processes found the server again; every ärende is there, with its state.
  await eventually(async () => ((await fetch(`${web}/readyz`)).status === 200 ? true : undefined), 60_000, 250);
  for (const [i, r] of before.entries()) {
    const { status, body } = await eventually(
      async () => {
        const res = await getJson(web, `/api/arenden/${r.body.id}`);
        return res.status === 200 ? res : undefined;
      },
      60_000,
      250,
    );
    expect(status).toBe(200);
    expect(body.diarienummer).toBe(statesBefore[i].diarienummer);
    expect(body.documents).toEqual(statesBefore[i].documents);
    expect(body.history).toEqual(statesBefore[i].history);
  }
  for (const r of inFlight) {
    await eventually(async () => (hasDocument((await getJson(web, `/api/arenden/${r.body.id}`)).body) ? true : undefined), 90_000, 250);
  }
  const listed = await eventually(async () => {
    const { body } = await getJson(web, `/api/arenden?namnd=${serie}`);
    return body.arenden?.length === 6 ? body.arenden : undefined;
  }, 30_000);
  expect(listed).toHaveLength(6);

  // The diarium continues where it was: number 7.
  const next = await postJson(web, '/api/arenden', registrationBody({ namnd: { kod: serie, namn: 'Nämnd' }, title: 'Efter omstart' }));
  expect(next.status).toBe(201);
  expect(next.body.diarienummer).toMatch(new RegExp(`^${serie} \\d{4}/0007$`));
});
