/**
 * SKR's dashboard and API over HTTP on the dev server (visibility): bulk invitation of a county, actions on one
 * municipality, the population import (a bad line imports nothing), fees, and that a municipality user gets none of it.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEMO_TOKENS } from '../../demo/demo-users';
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
    redirect: 'manual',
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }), accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json, text, headers: res.headers };
}
const get = (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers);
const post = (path: string, body: unknown, headers?: Record<string, string>) => call('POST', path, body, headers);

async function page(path: string) {
  const res = await fetch(`${product.baseUrl}${path}`, { headers: { ...skr, accept: 'text/html' } });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

test('bulk invitation of a county: every municipality not connected is invited once, with progress; a repeat invites nobody twice', async () => {
  // Blekinge län (10): five municipalities.
  const started = await post('/api/skr/massatgarder', { requestId: 'bulk-blekinge-0001', action: 'invite', filter: { lanskod: '10', status: 'ej_anslutna' } });
  expect(started.status).toBe(202);
  expect(started.headers.get('location')).toBe(`/api/skr/massatgarder/${started.body.id}`);
  const done = await eventually(async () => {
    const { body } = await get(`/api/skr/massatgarder/${started.body.id}`);
    return body.status === 'klar' ? body : undefined;
  }, 60_000);
  expect(done).toMatchObject({ total: 5, done: 5, invited: 5, skipped: 0, errors: [] });

  const listed = await eventually(async () => {
    const { body } = await get('/api/skr/kommuner?lan=10');
    return body.kommuner.every((k: any) => k.status === 'inbjuden') ? body.kommuner : undefined;
  });
  expect(listed.map((k: any) => k.name)).toEqual(['Olofström', 'Karlskrona', 'Ronneby', 'Karlshamn', 'Sölvesborg']);

  // The same request again is the same operation; a new one finds them all under way.
  const again = await post('/api/skr/massatgarder', { requestId: 'bulk-blekinge-0001', action: 'invite', filter: { lanskod: '10', status: 'ej_anslutna' } });
  expect(again.body.id).toBe(started.body.id);
  const other = await post('/api/skr/massatgarder', { requestId: 'bulk-blekinge-0002', action: 'invite', filter: { lanskod: '10', status: 'ej_anslutna' } });
  const second = await eventually(async () => {
    const { body } = await get(`/api/skr/massatgarder/${other.body.id}`);
    return body.status === 'klar' ? body : undefined;
  }, 60_000);
  expect(second).toMatchObject({ total: 5, invited: 0, skipped: 5 });
  const karlskrona = await get('/api/skr/kommuner/1080');
  expect(karlskrona.body.onboarding.timeline.filter((t: any) => t.action === 'invite')).toHaveLength(1);

  // The progress page refreshes itself while running and shows the numbers.
  const html = await page(`/skr/massatgarder/${started.body.id}`);
  expect(html.status).toBe(200);
  expect(html.html).toContain('5 av 5 kommuner behandlade');
  expect(html.html).toContain('Blekinge län');

  const bad = await post('/api/skr/massatgarder', { action: 'invite', filter: { lanskod: '1' } });
  expect(bad.status).toBe(400);
  expect(bad.body.error.fields).toEqual([expect.objectContaining({ field: 'filter.lanskod' })]);
});

test('actions on one municipality through the API: 409 in the wrong stage, 400 naming the field, SKR signs for SKR only', async () => {
  const kod = '2584'; // Kiruna
  expect((await post(`/api/skr/kommuner/${kod}/atgarder/invite`, { requestId: 'kiruna-invite-01' })).body).toMatchObject({ stage: 'inbjuden' });
  const wrong = await post(`/api/skr/kommuner/${kod}/atgarder/signAgreement`, { party: 'skr', version: 1, signer: { name: 'A', title: 'B' } });
  expect(wrong.status).toBe(409);
  expect(wrong.body.error.code).toBe('ACTION_NOT_ALLOWED_IN_STAGE');
  expect(wrong.body.error.message).toContain('Inbjuden');

  const invalid = await post(`/api/skr/kommuner/${kod}/atgarder/registerDecision`, { organ: 'KF', date: '2026-02-30', paragraph: 0, outcome: 'kanske' });
  expect(invalid.status).toBe(400);
  expect(invalid.body.error.fields.map((f: any) => f.field).sort()).toEqual(['date', 'outcome', 'paragraph']);

  const decided = await post(`/api/skr/kommuner/${kod}/atgarder/registerDecision`, {
    requestId: 'kiruna-beslut-01',
    organ: 'Kommunfullmäktige',
    date: '2026-11-02',
    paragraph: 140,
    outcome: 'bifall',
    terms: { startDate: '2027-07-01' },
  });
  expect(decided.status).toBe(200);
  const sent = await eventually(async () => {
    const { body } = await get(`/api/skr/kommuner/${kod}`);
    return body.onboarding.stage === 'avtal_signeras' ? body : undefined;
  }, 30_000);
  expect(sent.allowedActions.map((a: any) => a.action)).toEqual(['signAgreement', 'rejectAgreement']);
  const doc = sent.onboarding.documents[0];
  const pdf = await fetch(`${product.baseUrl}/api/skr/kommuner/${kod}/dokument/${doc.id}`, { headers: skr });
  expect(pdf.status).toBe(200);
  expect(pdf.headers.get('content-type')).toBe('application/pdf');

  // Manual signing (the default provider): SKR signs for SKR through the API, as its signed-in administrator; it can
  // neither sign nor reject for the municipality (the municipality signs on its ärende or through the signing service).
  const forKommun = await post(`/api/skr/kommuner/${kod}/atgarder/signAgreement`, {
    requestId: 'kiruna-sign-kommun',
    party: 'kommun',
    version: 1,
    signer: { name: 'Namn', title: 'Titel' },
  });
  expect([forKommun.status, forKommun.body.error.code]).toEqual([403, 'WRONG_PARTY']);
  const r = await post(`/api/skr/kommuner/${kod}/atgarder/signAgreement`, {
    requestId: 'kiruna-sign-skr',
    version: 1,
    signer: { name: 'Påhittat Namn', title: 'Titel' },
  });
  expect(r.status).toBe(200);
  const signed = (await get(`/api/skr/kommuner/${kod}`)).body;
  expect(signed.onboarding.stage).toBe('avtal_signeras');
  expect(signed.onboarding.agreement.signatures).toEqual({
    skr: expect.objectContaining({ name: 'Siv SKR-administratör', title: 'Avdelningschef, SKR', userId: 'skr-admin' }),
  });
  expect(signed.kommun).toMatchObject({ kommunkod: kod, name: 'Kiruna', connected: false });

  const html = await page(`/skr/kommuner/${kod}`);
  expect(html.html).toContain('Kiruna');
  expect(html.html).toContain('Anslutningsavtal');
  expect(html.html).toContain('Kommunen har beslutat att ansluta (Kommunfullmäktige 2026-11-02 § 140)');
});

test('population import: a bad line names its line and nothing is imported; a good file is applied and used by the fees', async () => {
  const before = await get('/api/skr/folkmangd');
  const importsBefore = before.body.imports.length;
  const csv = [
    'kommunkod,kommun,folkmangd,folkmangd_datum',
    '0114,Upplands Väsby,48000,2024-12-31',
    '0115,Vallentuna,fyrtio,2024-12-31',
    '9999,Okänd,100,2024-12-31',
  ].join('\n');
  const bad = await post('/api/skr/folkmangd', { csv });
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe('CSV_INVALID');
  expect(bad.body.error.fields).toEqual([expect.objectContaining({ field: 'rad 3: folkmangd' }), expect.objectContaining({ field: 'rad 4: kommunkod' })]);
  const after = await get('/api/skr/folkmangd');
  expect(after.body.imports).toHaveLength(importsBefore);
  expect(after.body.kommuner.find((k: any) => k.kommunkod === '0114')).toMatchObject({
    population: before.body.kommuner.find((k: any) => k.kommunkod === '0114').population,
  });

  const good = await post('/api/skr/folkmangd', {
    requestId: 'folkmangd-import-01',
    csv: 'kommunkod,folkmangd,folkmangd_datum\n0114,48000,2024-12-31\n',
    source: 'SCB 2024',
  });
  expect(good.status).toBe(200);
  expect(good.body.updates).toEqual([expect.objectContaining({ kommunkod: '0114', population: 48_000, populationDate: '2024-12-31' })]);
  const fees = await get('/api/skr/avgifter?kommunkod=0114&start=2027-07-01');
  expect(fees.body).toMatchObject({ population: 48_000, populationDate: '2024-12-31' });
  // The same import again is recorded once.
  await post('/api/skr/folkmangd', { requestId: 'folkmangd-import-01', csv: 'kommunkod,folkmangd,folkmangd_datum\n0114,48000,2024-12-31\n' });
  expect((await get('/api/skr/folkmangd')).body.imports).toHaveLength(importsBefore + 1);

  const form = await fetch(`${product.baseUrl}/skr/folkmangd`, { headers: { ...skr, accept: 'text/html' } });
  expect(await form.text()).toContain('Importera folkmängd');
});

test('fees: Stockholm in the current model, and the 2019 model with its tables and any participant set', async () => {
  const current = await get('/api/skr/avgifter?kommunkod=0180&start=2027-07-01&organisation=egen');
  expect(current.status).toBe(200);
  expect(current.body.years[0]).toMatchObject({ year: 2027, from: '2027-07-01', days: 184, daysInYear: 365, regionalOre: 0 });
  expect(current.body.years[0].nationalOre).toBe(Math.floor((240_313_149 * 184 * 2 + 365) / (2 * 365)));
  expect(current.body.roundingRule).toContain('halvt öre avrundas uppåt');

  const tables = await get('/api/skr/avgifter/2019');
  expect(tables.body.tables['290']).toHaveLength(9);
  expect(tables.body.tables['145'][8]).toMatchObject({ population: 1_000_000, seedOre: 104_000_000 });

  const lan = await post('/api/skr/avgifter/2019', { kommunkod: '0180', participants: { kind: 'lan', lanskod: '01' } });
  // The registry as it is now (another test imports a population in Stockholms län).
  const registryNow = (await get('/api/skr/folkmangd')).body.kommuner.filter((k: any) => k.kommunkod.startsWith('01'));
  const lanPopulation = registryNow.reduce((sum: number, k: any) => sum + k.population, 0);
  expect(lan.body).toMatchObject({ kommunkod: '0180', participantCount: 26, participantsPopulation: lanPopulation, population: 988_943 });
  expect(lan.body.yearly).toBe(Math.floor((2 * 3_900_000_000 * 988_943 + lanPopulation * 7) / (2 * lanPopulation * 7)));
  const bad = await post('/api/skr/avgifter/2019', { kommunkod: '0180', participants: { kind: 'lan' } });
  expect(bad.status).toBe(400);

  const html = await page('/skr/avgifter?kommunkod=0180&start=2027-07-01&kommun2019=0180&deltagare=lan&deltagareLan=01');
  expect(html.status).toBe(200);
  expect(html.html).toContain('SKR:s kostnadsfördelning 2019');
  expect(html.html).toContain('Stockholm');
});

test('the dashboard lists all 290 municipalities with counts by status and county and an accessible chart', async () => {
  const overview = await get('/api/skr/oversikt');
  expect(overview.body.total).toBe(290);
  expect(overview.body.byLan).toHaveLength(21);
  const html = await page('/skr');
  expect(html.status).toBe(200);
  expect(html.html).toContain('<html lang="sv">');
  expect(html.html.match(/<a href="\/skr\/kommuner\/\d{4}">/g)).toHaveLength(290);
  expect(html.html).toContain('role="img" aria-labelledby="diagram-titel diagram-beskrivning"');
  const filtered = await page('/skr?lan=10&status=inbjuden');
  expect(filtered.html.match(/<a href="\/skr\/kommuner\/\d{4}">/g)).toHaveLength(5);
});

test('every SKR page and API route is closed to a municipality user (403) and to anyone signed out', async () => {
  const routes: Array<[string, string]> = [
    ['GET', '/skr'],
    ['GET', '/skr/kommuner/0180'],
    ['POST', '/skr/kommuner/0180/atgarder/invite'],
    ['GET', '/skr/massatgarder'],
    ['POST', '/skr/massatgarder'],
    ['GET', '/skr/massatgarder/0123456789abcdef01234567'],
    ['GET', '/skr/avgifter'],
    ['GET', '/skr/folkmangd'],
    ['POST', '/skr/folkmangd'],
    ['GET', '/api/skr/oversikt'],
    ['GET', '/api/skr/kommuner'],
    ['GET', '/api/skr/kommuner/0180'],
    ['POST', '/api/skr/kommuner/0180/atgarder/invite'],
    ['GET', '/api/skr/kommuner/0180/dokument/x'],
    ['POST', '/api/skr/massatgarder'],
    ['GET', '/api/skr/massatgarder/0123456789abcdef01234567'],
    ['GET', '/api/skr/avgifter?kommunkod=0180'],
    ['GET', '/api/skr/avgifter/2019'],
    ['POST', '/api/skr/avgifter/2019'],
    ['GET', '/api/skr/folkmangd'],
    ['POST', '/api/skr/folkmangd'],
    ['GET', '/skr/finns-inte'],
  ];
  for (const [method, path] of routes) {
    const asKommun = await call(method, path, method === 'POST' ? {} : undefined, kommun);
    expect([method, path, asKommun.status]).toEqual([method, path, 403]);
    // Signed out: the API answers 401, a page redirects to /logga-in, a form post without a session fails its CSRF check.
    const signedOut = await call(method, path, method === 'POST' ? {} : undefined, {});
    const expected = method === 'POST' ? [401, 403] : path.startsWith('/api/') ? [401] : [303];
    expect([method, path, expected.includes(signedOut.status)]).toEqual([method, path, true]);
  }
  // Nothing was invited by the refused requests.
  const stockholm = await get('/api/skr/kommuner/0180');
  expect(stockholm.body.onboarding).toBeNull();
});

test('the CLI runs the same bulk invitation with a progress bar (Gotlands län)', async () => {
  const root = path.resolve(__dirname, '..', '..');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [require.resolve('tsx/cli'), 'cli/beslutsflode.ts', 'bjud-in', '--lan', '09', '--ej-anslutna'],
    {
      cwd: root,
      env: { ...process.env, TEMPORAL_ADDRESS: devServerAddress(), TEMPORAL_NAMESPACE: product.namespace, TEMPORAL_TASK_QUEUE: product.taskQueue },
      timeout: 60_000,
    },
  );
  expect(stdout).toContain('Klart: 1 inbjuden, 0 hade redan en pågående anslutning, 0 fel.'); // sv-SE: one "inbjuden", many "inbjudna" (issue 15)
  const gotland = await get('/api/skr/kommuner/0980');
  expect(gotland.body.onboarding.stage).toBe('inbjuden');
}, 90_000);
