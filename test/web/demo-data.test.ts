/** `npm start`'s demo data: the ärenden and SKR's onboardings land in different stages through the same use cases as the web app. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { startDevServer, type RunningDevServer } from '../../runtime/dev-server';
import { ensureSearchAttributes } from '../../runtime/search-attributes';
import { eventually, startProduct, type TestProduct } from '../support/product';
import { freePort } from '../support/servers';
import { DEMO_BULK_REQUEST_ID, demoCredentials, demoUsersConfigured, seedDemoData } from '../../runtime/demo-data';
import { bulkIdFor } from '../../server/skr/bulk';
import { bulkWorkflowId } from '../../workflows/onboarding-messages';
import { apiClient } from './http';

/**
 * A dev server of its own, as `npm start` on an empty data folder has: the SKR demo invites Stockholms län and
 * Stockholm (0180) in the default programme, which other test files on the shared server expect untouched.
 */
let server: RunningDevServer;
let product: TestProduct;
beforeAll(async () => {
  const dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'demo-'));
  server = await startDevServer({ dataDir: path.join(dir, 'temporal'), port: await freePort(), logFile: path.join(dir, 'dev-server.log') });
  const connection = await Connection.connect({ address: server.address });
  await ensureSearchAttributes(connection, 'default');
  await connection.close();
  product = await startProduct(server.address, { series: 'config' }); // as npm start: the configured organs
}, 120_000);
afterAll(async () => {
  await product?.stop();
  await server?.stop();
});

test('seeds seed 000 in Stockholm and ärenden in other municipalities and stages; a second run records nothing twice', async () => {
  const ctx = product.web.context;
  expect(await demoUsersConfigured(ctx)).toBe(true);
  const made = await seedDemoData(ctx);
  expect(made.map((a) => [a.kommun, a.stage])).toEqual([
    ['Stockholm', 'sammantrade'],
    ['Stockholm', 'utkast'],
    ['Göteborg', 'utkast'],
    ['Uppsala', 'beredning'],
    ['Umeå', 'overklagandetid'],
    ['Umeå', 'avslutad'],
  ]);
  const seed = await apiClient(product.baseUrl, 'stockholm')('GET', `/api/arenden/${made[0].id}`);
  expect(seed.json.title).toBe('Hemställan om att ansluta till Yrkesresan');
  expect(seed.json.documents.map((d: any) => d.type)).toEqual(expect.arrayContaining(['tjansteutlatande', 'remiss', 'yttrande', 'foredragningslista']));

  // SKR's side: Stockholms län invited in bulk, 0180 linked to seed 000's ärende, Uppsala län's two past the agreement.
  const skr = apiClient(product.baseUrl, 'skr');
  const sthlmOnboarding = (await skr('GET', '/api/skr/kommuner/0180')).json.onboarding;
  expect(sthlmOnboarding).toMatchObject({ stage: 'beslut_pagar', linkedArendeId: made[0].id });
  expect((await skr('GET', '/api/skr/kommuner/0182')).json.onboarding.stage).toBe('intresserad');
  expect((await skr('GET', '/api/skr/kommuner/0192')).json.onboarding.stage).toBe('inbjuden');
  const habo = (await skr('GET', '/api/skr/kommuner/0305')).json.onboarding;
  expect(['kontotilldelning', 'vantar_start', 'aktiv']).toContain(habo.stage);
  expect(Object.keys(habo.agreement.signatures).sort()).toEqual(['kommun', 'skr']);
  const overview = await eventually(async () => {
    const o = (await skr('GET', '/api/skr/oversikt')).json;
    const lan01 = o.byLan.find((l: any) => l.lanskod === '01');
    return o.connected >= 2 && lan01.byStatus.ej_inbjuden === 0 ? o : undefined;
  });
  expect(overview.byLan.find((l: any) => l.lanskod === '03').connected).toBe(2);

  // The closed demo ärende (Umeå's avslag) downloads as its e-archive package once its archive copies are made.
  const closed = made.find((a) => a.stage === 'avslutad')!;
  const earkiv = await eventually(async () => {
    const r = await skr('GET', `/api/arenden/${closed.id}/earkiv`);
    return r.status === 200 ? r : undefined;
  }, 90_000);
  expect(earkiv.text.length).toBeGreaterThan(1000);

  const bulk = ctx.client.workflow.getHandle(bulkWorkflowId(bulkIdFor(DEMO_BULK_REQUEST_ID)));
  const bulkRun = (await bulk.describe()).runId;
  const again = await seedDemoData(ctx);
  expect(again.map((a) => a.id)).toEqual(made.map((a) => a.id));
  const history = (await apiClient(product.baseUrl, 'stockholm')('GET', `/api/arenden/${made[0].id}`)).json.history;
  expect(history).toEqual(seed.json.history);
  expect((await skr('GET', '/api/skr/kommuner/0180')).json.onboarding.timeline).toEqual(sthlmOnboarding.timeline);
  expect((await skr('GET', '/api/skr/kommuner/0305')).json.onboarding.timeline).toEqual(habo.timeline);
  expect((await bulk.describe()).runId).toBe(bulkRun); // the bulk invitation was not started again

  const banner = demoCredentials().join('\n');
  expect(banner).toContain('sekreterare@stockholm');
  expect(banner).toContain('Authorization: Bearer bf_demo_stockholm_');
}, 120_000); // the closed demo ärende waits for its archive copies (Ghostscript) before its package downloads
