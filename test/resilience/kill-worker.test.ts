/**
 * kill -9 of a worker process (and its Chromium) in the middle of PDF renders, while other ärenden already wait for
 * their next step: a new worker process takes over and every ärende ends with exactly one tjänsteutlåtande, with no
 * document lost and no duplicate record in the document store.
 *
 * How long the takeover takes is set by the workflow's activity options: with a heartbeatTimeout on renderDocument
 * (the worker heartbeats for every activity, runtime/activity-interceptor.ts) it is that timeout; without one it is
 * the startToCloseTimeout (2 minutes at the time of writing), which is why the wait below is generous.
 */
import path from 'node:path';
import { FileDocumentStore } from '../../documents/store';
import { registrationBody } from '../fixtures/registration';
import { eventually } from '../support/product';
import { getJson, postJson, recordFiles, startWorkerProcess, uniqueSerie, webOnDevServer } from '../scale/processes';

jest.setTimeout(300_000);

const product = webOnDevServer('kill-worker');
const { procs } = product;

const tjansteutlatanden = (state: any) => (state?.documents ?? []).filter((d: any) => d.type === 'tjansteutlatande');

test('a worker killed with SIGKILL mid-render: the next worker finishes every ärende, one document each', async () => {
  const { env, dir } = product;
  const web = product.web;
  const first = await startWorkerProcess('worker-1', env, dir);
  procs.push(first);
  const serie = uniqueSerie();

  // Some ärenden done before the kill: they wait for their next step (a decision) when the worker dies.
  const early = await Promise.all(
    [0, 1].map((i) => postJson(web.url, '/api/arenden', registrationBody({ namnd: { kod: serie, namn: 'Nämnd' }, title: `Tidigt ${i}` }))),
  );
  expect(early.map((r) => r.status)).toEqual([201, 201]);
  await eventually(async () => (recordFiles(env).length >= 2 ? true : undefined), 60_000, 25);

  // A batch whose renders are under way when the worker dies.
  const n = 10;
  const batch = Array.from({ length: n }, (_, i) =>
    postJson(web.url, '/api/arenden', registrationBody({ namnd: { kod: serie, namn: 'Nämnd' }, title: `Under rendering ${i}` })),
  );
  await eventually(async () => (recordFiles(env).length >= 3 ? true : undefined), 60_000, 10);
  const storedAtKill = recordFiles(env).length;
  await first.kill9();
  expect(storedAtKill).toBeLessThan(2 + n); // killed in the middle, not after

  const second = await startWorkerProcess('worker-2', env, dir);
  procs.push(second);
  const created = [...early, ...(await Promise.all(batch))];
  expect(created.map((r) => r.status)).toEqual(Array(2 + n).fill(201));
  const numbers = created.map((r) => Number(String(r.body.diarienummer).split('/')[1])).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 2 + n }, (_, i) => i + 1));

  const store = new FileDocumentStore(path.join(env.BF_DATA_DIR, 'documents'));
  for (const c of created) {
    const state = await eventually(
      async () => {
        const { body } = await getJson(web.url, `/api/arenden/${c.body.id}`);
        return tjansteutlatanden(body).length >= 1 ? body : undefined;
      },
      200_000,
      250,
    );
    expect(tjansteutlatanden(state)).toHaveLength(1);
    const stored = (await store.listByArende(c.body.id)).filter((r) => r.type === 'tjansteutlatande');
    expect(stored.map((r) => r.id)).toEqual([tjansteutlatanden(state)[0].id]);
    expect(await store.getBytes(stored[0].sha256)).toBeDefined();
  }
  // One record per ärende in the whole store: nothing duplicated, nothing half-written left as a record.
  expect(recordFiles(env)).toHaveLength(2 + n);
});
