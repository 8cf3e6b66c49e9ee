/**
 * A deploy with Worker Versioning (runtime/worker-deployment.ts) on the PostgreSQL cluster: an ärende registered on
 * build A, then build B is rolled out (its workers poll, B becomes current, A's workers stop), and the ärende takes
 * its next steps on build B: signed by both chiefs and placed on the meeting, its documents rendered by B.
 * That the new code replays the old histories is the replay tests' part (test/replay); this is the routing.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { loadConfig } from '../../runtime/config';
import { loadMunicipalityConfig } from '../../runtime/municipality-config';
import { loadMunicipalityRegistry, ownNameOf } from '../../runtime/reference-data';
import { startWeb, type RunningWeb } from '../../runtime/web';
import { createRenderer, documentStoreAt, startWorker, type RunningWorker } from '../../runtime/worker';
import { makeCurrentVersion } from '../../runtime/worker-deployment';
import { registrationBody } from '../fixtures/registration';
import { eventually } from '../support/eventually';
import { devServerAddress, freshNamespace, workflowBundle } from '../support/temporal';
import { getJson, postJson, uniqueSerie } from '../scale/processes';

jest.setTimeout(180_000);

const address = devServerAddress(); // the shared cluster (BF_TEST_TEMPORAL=cluster)
let namespace: string;
let dataDir: string;
let taskQueue: string;
let web: RunningWeb;
let connection: Connection;
const renderer = createRenderer(1);
const workers: RunningWorker[] = [];
const looks = loadMunicipalityConfig(ownNameOf(loadMunicipalityRegistry())).looks;

const startBuild = async (buildId: string) => {
  const worker = await startWorker({
    address,
    namespace,
    taskQueue,
    renderer,
    store: documentStoreAt(dataDir),
    looks,
    workflowBundle: workflowBundle(),
    identity: `build-${buildId}`,
    deployment: { deploymentName: 'bf-test', buildId },
  });
  workers.push(worker);
  await makeCurrentVersion(connection, namespace, { deploymentName: 'bf-test', buildId });
  return worker;
};

/** The deployment version the ärende's workflow tasks run on now, as the server describes it. */
async function versionOf(id: string): Promise<string | undefined> {
  const d = await connection.workflowService.describeWorkflowExecution({ namespace, execution: { workflowId: id } });
  const info = d.workflowExecutionInfo?.versioningInfo;
  return info?.deploymentVersion?.buildId ?? undefined;
}

beforeAll(async () => {
  namespace = await freshNamespace(address, 'versioning');
  dataDir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'versioning-'));
  taskQueue = `versioning-${path.basename(dataDir)}`;
  connection = await Connection.connect({ address });
  web = await startWeb(
    loadConfig({ BF_DATA_DIR: dataDir, PORT: '0', TEMPORAL_TASK_QUEUE: taskQueue, TEMPORAL_NAMESPACE: namespace, BF_DIARIESERIER: 'open' }),
    address,
  );
});
afterAll(async () => {
  await web?.stop();
  await Promise.all(workers.map((w) => w.shutdown()));
  await renderer.close();
  await connection?.close();
});

test('an ärende started on build A takes its next steps on build B after B is rolled out and A stopped', async () => {
  const buildA = await startBuild('A');
  const serie = uniqueSerie();
  const created = await postJson(
    web.url,
    '/api/arenden',
    registrationBody({ namnd: { kod: serie, namn: 'Socialnämnden' }, kfRequired: false, title: 'Startat på bygge A' }),
  );
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await eventually(async () => ((await getJson(web.url, `/api/arenden/${id}`)).body.documents?.length === 1 ? true : undefined), 60_000, 200);
  expect(await versionOf(id)).toBe('A');

  // The rollout: B's workers poll, B becomes current, A's workers stop.
  await startBuild('B');
  await buildA.shutdown();
  workers.splice(workers.indexOf(buildA), 1);

  for (const [role, name] of [
    ['forvaltningschef', 'Frida Förvaltningschef'],
    ['avdelningschef', 'Adam Avdelningschef'],
  ]) {
    const r = await postJson(web.url, `/api/arenden/${id}/atgarder/signTjansteutlatande`, {
      requestId: `sign-${randomUUID()}`,
      role,
      signatory: { name, title: role },
    });
    expect(r.status).toBe(200);
  }
  const state = await eventually(
    async () => {
      const r = await getJson(web.url, `/api/arenden/${id}`);
      return r.body.stage === 'sammantrade' ? r.body : undefined;
    },
    60_000,
    200,
  );
  expect(await versionOf(id)).toBe('B');
  expect(state.documents.map((d: any) => d.type).sort()).toEqual(['foredragningslista', 'tjansteutlatande', 'tjansteutlatande']);
});
