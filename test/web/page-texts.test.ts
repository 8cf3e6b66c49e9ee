/**
 * What a user reads on the pages (issue 15 point 5, "what the walk found"): no stage codes or UTC timestamps, no
 * field paths or zero-based rows in form errors, sv-SE numbers, no file names or HTTP routes, and /verifiera names the
 * municipality of the document it found.
 */
import { registrationBody } from '../fixtures/registration';
import { eventually, startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { apiClient, BrowserSession, uniqueSerie } from './http';
import { expectReadable, visibleText } from './page-text';

let product: TestProduct;
let arende: { id: string; docId: string };

beforeAll(async () => {
  product = await startProduct(devServerAddress());
  const sthlm = apiClient(product.baseUrl, 'stockholm');
  const created = await sthlm('POST', '/api/arenden', registrationBody({ namnd: { kod: uniqueSerie('P'), namn: 'Socialnämnden' } }));
  expect(created.status).toBe(201);
  const state = await eventually(async () => {
    const r = await sthlm('GET', `/api/arenden/${created.json.id}`);
    return r.json?.documents?.length ? r.json : undefined;
  });
  arende = { id: created.json.id, docId: state.documents[0].id };
});
afterAll(async () => {
  await product?.stop();
});

test('the main pages show stage labels and Stockholm local time, never stage codes, UTC timestamps or file names', async () => {
  const anonymous = new BrowserSession(product.baseUrl);
  for (const path of ['/logga-in', '/verifiera']) expectReadable(path, visibleText((await anonymous.get(path)).text));
  const sekr = new BrowserSession(product.baseUrl);
  await sekr.signIn('stockholmSekreterare');
  for (const path of ['/', `/arenden/${arende.id}`, '/arenden/ny', '/sammantraden', '/planering', '/verifiera']) {
    const r = await sekr.get(path);
    expect({ path, status: r.status }).toEqual({ path, status: 200 });
    expectReadable(path, visibleText(r.text));
  }
  const page = visibleText((await sekr.get(`/arenden/${arende.id}`)).text);
  expect(page).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d/); // the history's times, local

  expect(visibleText((await sekr.get('/')).text)).toMatch(/ 1 ärende, /); // this namespace's one ärende, singular

  // SKR's records with times of their own: a rate, a population import and an invitation in bulk (this test's own
  // namespace: nobody else sees them).
  const skr = new BrowserSession(product.baseUrl);
  await skr.signIn('skrAdmin');
  const rate = await apiClient(product.baseUrl, 'skr')('POST', '/api/skr/taxor', {
    requestId: `taxa-${Date.now()}`,
    year: 2029,
    rate: '2,55',
    source: 'Sidtexttest',
  });
  expect(rate.status).toBeLessThan(300);
  await skr.get('/skr/folkmangd');
  const imported = await skr.post('/skr/folkmangd', { csv: 'kommunkod,folkmangd,folkmangd_datum\n0980,61234,2025-12-31\n', source: 'Sidtexttest' });
  expect(imported.status).toBe(200);
  const importedText = visibleText(imported.text);
  expect(importedText).toContain('1 kommun har fått ny folkmängd');
  expect(importedText).toContain('61\u00a0234');
  await skr.get('/skr/massatgarder');
  const bulk = await skr.post('/skr/massatgarder', { lan: '09', message: '' });
  expect(bulk.status).toBe(303);
  await eventually(async () => (/Klar/.test((await skr.get(bulk.headers.get('location') as string)).text) ? true : undefined));
  const bulkText = visibleText((await skr.get(bulk.headers.get('location') as string)).text);
  expect(bulkText).toMatch(/1 av 1 kommun behandlade/);
  expectReadable('massåtgärd', bulkText);
  for (const path of ['/skr', '/skr/kommuner/0180', '/skr/kommuner/0305', '/skr/avgifter', '/skr/folkmangd', '/skr/massatgarder']) {
    const r = await skr.get(path);
    expect({ path, status: r.status }).toEqual({ path, status: 200 });
    expectReadable(path, visibleText(r.text));
  }
});

test('a meeting plan with an error names the row from 1 and the field in Swedish, never the API path', async () => {
  const sekr = new BrowserSession(product.baseUrl);
  await sekr.signIn('stockholmSekreterare');
  await sekr.get('/sammantraden/KF');
  const r = await sekr.post('/sammantraden/KF', { name: 'Kommunfullmäktige', meetings: '2027-03-10 2027-03-01\n2027-02-30 2027-02-01' });
  expect(r.status).toBe(400);
  const text = visibleText(r.text);
  expect(text).toContain('Rad 2: Sammanträdesdag måste vara ett datum som finns');
  expect(text).not.toMatch(/meetings\.\d|\((date|documentDeadline|meetings)\)/);
  const later = await sekr.post('/sammantraden/KF', { name: 'Kommunfullmäktige', meetings: '2027-03-10 2027-03-20' });
  expect(visibleText(later.text)).toContain('Rad 1: Sista dag för handlingar 2027-03-20 får inte vara efter sammanträdesdagen 2027-03-10');
});

test('limits are written with sv-SE grouping: "högst 20 000 tecken"', async () => {
  const long = 'x'.repeat(20_001);
  const r = await apiClient(product.baseUrl, 'stockholm')(
    'POST',
    '/api/arenden',
    registrationBody({
      namnd: { kod: uniqueSerie('P'), namn: 'Socialnämnden' },
      tjansteutlatande: { ...registrationBody().tjansteutlatande, assessment: [long] },
    }),
  );
  expect(r.status).toBe(400);
  expect(r.json.error.fields.map((f: any) => f.message)).toContain('får vara högst 20\u00a0000 tecken');
});

test('the ärende page shows its actions above the process timeline', async () => {
  const sekr = new BrowserSession(product.baseUrl);
  await sekr.signIn('stockholmSekreterare');
  const html = (await sekr.get(`/arenden/${arende.id}`)).text;
  const actions = html.indexOf('id="rubrik-atgarder"');
  expect(actions).toBeGreaterThan(0);
  expect(actions).toBeLessThan(html.indexOf('id="rubrik-process"'));
});

test('/verifiera names the municipality of the document it found', async () => {
  const sekr = new BrowserSession(product.baseUrl);
  await sekr.signIn('stockholmSekreterare');
  const pdf = await fetch(`${product.baseUrl}/arenden/${arende.id}/dokument/${arende.docId}`, { headers: { cookie: sekr.cookie } });
  expect(pdf.status).toBe(200);
  const form = new FormData();
  form.append('fil', new Blob([await pdf.arrayBuffer()], { type: 'application/pdf' }), 'dokument.pdf');
  const res = await fetch(`${product.baseUrl}/verifiera`, { method: 'POST', body: form });
  const text = visibleText(await res.text());
  expect(res.status).toBe(200);
  expect(text).toContain('Äkta dokument');
  expect(text).toContain('Kommun Stockholm (0180)');
  expectReadable('/verifiera', text);
});
