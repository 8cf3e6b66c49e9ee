/**
 * SKR imports the current connection status of all municipalities from CSV (issue 15 p. 6): a bad row imports
 * nothing and is named by row and column, a good import makes the overview, the county counts and bulk selection
 * count the municipalities as connected, an onboarding in Beslutsflöde takes precedence, and the import is recorded
 * once per requestId in the kommunregister's history. Over HTTP on the dev server.
 */
import { DEMO_TOKENS } from '../../demo/demo-users';
import { loadMunicipalityRegistry } from '../../runtime/reference-data';
import { eventually } from './helpers';
import { startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';

let product: TestProduct;
beforeAll(async () => {
  product = await startProduct(devServerAddress());
});
afterAll(async () => {
  await product?.stop();
});

const skr = { authorization: `Bearer ${DEMO_TOKENS.skr.token}` };
const kommun = { authorization: `Bearer ${DEMO_TOKENS.stockholm.token}` };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = skr) {
  const res = await fetch(`${product.baseUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }), accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const registry = loadMunicipalityRegistry();
const all = [...registry.all()].sort((a, b) => (a.kommunkod < b.kommunkod ? -1 : 1));
const invitee = all[0];
/** 279 rows "ansluten" (the invitee among them), the last 11 "ej_ansluten": 278 connected once the invitee counts by its onboarding. */
const rows = all.map((m, i) => `${m.kommunkod},${i < 279 ? 'ansluten' : 'ej_ansluten'},2026-11-30,SKR:s medlemsregister`);
const goodCsv = ['kommunkod,status,datum,kalla', ...rows].join('\n');

test('a bad row imports nothing: 400 naming each row (header = row 1) and column in Swedish', async () => {
  const csv = [
    'kommunkod,status,datum,kalla',
    '0114,ansluten,2026-11-30,SKR',
    '0115,kanske,2026-11-30,SKR',
    '9999,ansluten,2026-02-30,SKR',
    '0114,ansluten,2026-11-30,',
  ].join('\n');
  const bad = await call('POST', '/api/skr/anslutningsstatus', { csv });
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe('CSV_INVALID');
  expect(bad.body.error.message).toBe('Importen innehåller fel på 3 rad(er); inget har importerats');
  expect(bad.body.error.fields).toEqual([
    expect.objectContaining({ field: 'rad 3: status', message: '"kanske" är ingen status; skriv ansluten eller ej_ansluten' }),
    expect.objectContaining({ field: 'rad 4: kommunkod', message: 'kommunkoden 9999 finns inte i kommunregistret' }),
    expect.objectContaining({ field: 'rad 4: datum' }),
    expect.objectContaining({ field: 'rad 5: kommunkod', message: 'kommunkoden 0114 förekommer redan på rad 2' }),
    expect.objectContaining({ field: 'rad 5: kalla' }),
  ]);
  const after = await call('GET', '/api/skr/anslutningsstatus');
  expect(after.body).toMatchObject({ program: 'yrkesresan', imports: [], kommuner: [] });
  expect((await call('GET', '/api/skr/oversikt')).body.connected).toBe(0);
  // a municipality user gets none of it
  expect((await call('POST', '/api/skr/anslutningsstatus', { csv: goodCsv }, kommun)).status).toBe(403);
});

test('an import of all 290 makes the overview and the county counts start at 278 of 290; an onboarding in Beslutsflöde takes precedence', async () => {
  expect((await call('POST', `/api/skr/kommuner/${invitee.kommunkod}/atgarder/invite`, { requestId: 'anslutning-invite-0001' })).status).toBe(200);
  await eventually(async () => ((await call('GET', `/api/skr/kommuner/${invitee.kommunkod}`)).body.kommun.status === 'inbjuden' ? true : undefined));

  const imported = await call('POST', '/api/skr/anslutningsstatus', { requestId: 'anslutning-import-0001', csv: goodCsv });
  expect(imported.status).toBe(200);
  expect(imported.body.import).toMatchObject({
    requestId: 'anslutning-import-0001',
    program: 'yrkesresan',
    count: 290,
    connected: 279,
    actor: expect.any(String),
  });
  // the same request again is the same import
  const again = await call('POST', '/api/skr/anslutningsstatus', { requestId: 'anslutning-import-0001', csv: goodCsv });
  expect(again.body.import).toEqual(imported.body.import);

  const overview = await eventually(async () => {
    const o = (await call('GET', '/api/skr/oversikt')).body;
    return o.connected === 278 ? o : undefined;
  });
  expect(overview.total).toBe(290);
  expect(overview.byStatus).toEqual(expect.arrayContaining([{ status: 'ansluten_enligt_import', label: 'Ansluten (enligt importerad status)', count: 278 }]));
  const lan = overview.byLan.find((l: any) => l.lanskod === invitee.lanskod);
  const connectedInLan = all.filter((m, i) => i < 279 && m.lanskod === invitee.lanskod && m.kommunkod !== invitee.kommunkod).length;
  expect(lan).toMatchObject({ connected: connectedInLan, municipalities: all.filter((m) => m.lanskod === invitee.lanskod).length });
  // the invitee keeps its onboarding's stage
  expect((await call('GET', `/api/skr/kommuner/${invitee.kommunkod}`)).body.kommun).toMatchObject({ status: 'inbjuden', connected: false });
  const listed = (await call('GET', `/api/skr/kommuner?status=anslutna`)).body;
  expect(listed.count).toBe(278);

  const history = (await call('GET', '/api/skr/anslutningsstatus')).body;
  expect(history.imports).toHaveLength(1);
  expect(history.kommuner).toHaveLength(290);
  expect(history.kommuner[0]).toEqual({
    program: 'yrkesresan',
    kommunkod: all[0].kommunkod,
    status: 'ansluten',
    date: '2026-11-30',
    source: 'SKR:s medlemsregister',
  });

  // an older status does not replace a newer one
  const older = await call('POST', '/api/skr/anslutningsstatus', { csv: `kommunkod,status,datum,kalla\n${all[5].kommunkod},ej_ansluten,2026-01-01,SKR` });
  expect(older.status).toBe(400);
  expect(older.body.error.fields[0]).toMatchObject({ field: 'rad 2: datum' });
});

test('a bulk invitation of "not connected" skips the municipalities connected by import', async () => {
  const last = all[all.length - 1];
  const inLan = all.filter((m) => m.lanskod === last.lanskod);
  const notConnected = inLan.filter((m) => all.indexOf(m) >= 279);
  const started = await call('POST', '/api/skr/massatgarder', {
    requestId: 'anslutning-bulk-0001',
    action: 'invite',
    filter: { lanskod: last.lanskod, status: 'ej_anslutna' },
  });
  expect(started.status).toBe(202);
  const done = await eventually(async () => {
    const { body } = await call('GET', `/api/skr/massatgarder/${started.body.id}`);
    return body.status === 'klar' ? body : undefined;
  }, 60_000);
  expect(done).toMatchObject({ total: notConnected.length, invited: notConnected.length });
  expect(notConnected.length).toBeLessThan(inLan.length);
});

test('the SKR page imports a CSV and shows errors by row; its history lists the import', async () => {
  const page = await fetch(`${product.baseUrl}/skr/anslutningsstatus`, { headers: { ...skr, accept: 'text/html' } });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<h1>Importera anslutningsstatus</h1>');
  expect(html).toContain('290 kommuner har importerad status, varav 279 anslutna');
  expect(html).toContain('290 kommuner, varav 279 anslutna');
  const overviewPage = await (await fetch(`${product.baseUrl}/skr`, { headers: { ...skr, accept: 'text/html' } })).text();
  expect(overviewPage).toContain('Ansluten (enligt importerad status)');
  expect(overviewPage).toContain('<strong>278 av 290</strong> kommuner är anslutna');

  const post = (csv: string) =>
    fetch(`${product.baseUrl}/skr/anslutningsstatus`, {
      method: 'POST',
      headers: { ...skr, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csv }),
    });
  const bad = await post(`kommunkod,status,datum,kalla\n${all[0].kommunkod},ansluten,2026-12-01,SKR\n0115,ja,2026-12-01,SKR`);
  expect(bad.status).toBe(400);
  const badHtml = await bad.text();
  expect(badHtml).toContain('rad 3: status');
  expect(badHtml).toContain('&quot;ja&quot; är ingen status; skriv ansluten eller ej_ansluten');
  const good = await post(`kommunkod,status,datum,kalla\n${all[289].kommunkod},ansluten,2026-12-01,SKR:s medlemsregister`);
  expect(good.status).toBe(200);
  expect(await good.text()).toContain('Anslutningsstatus importerad för 1 kommuner, varav 1 anslutna.');
  const history = (await call('GET', '/api/skr/anslutningsstatus')).body;
  expect(history.imports).toHaveLength(2);
  expect(history.kommuner.find((k: any) => k.kommunkod === all[289].kommunkod)).toMatchObject({ status: 'ansluten', date: '2026-12-01' });
  // the bulk invitation above invited it: its onboarding in Beslutsflöde still takes precedence over the import
  expect((await call('GET', '/api/skr/oversikt')).body.connected).toBe(278);
});
