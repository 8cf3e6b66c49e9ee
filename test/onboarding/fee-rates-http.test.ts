/**
 * Issue 10, points 8 and 9 over HTTP on the dev server: the national rate per fee year (2,43 for 2027, 2,47 for
 * 2028; SKR sets a coming year's rate through the API and the fees page, recorded in a history, a past year is
 * refused), the fee model per year with the full year's fee, the population and its date, and Göteborg's regional
 * fee "ej fastställd"; a start date in the past or before the programme allows is refused (onboarding decision and
 * registration of an ärende); Göteborg's agreement PDF names "Göteborgs Stad" and its RSS and is honest about the fee.
 */
import { registrationBody } from '../fixtures/registration';
import { normalizeSpace, readPdf } from '../support/pdf';
import { eventually, startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { apiClient, BrowserSession, uniqueSerie } from '../web/http';
import { stockholmDate } from '../../domain/iso-date';
import { DEMO_TOKENS } from '../../demo/demo-users';

let product: TestProduct;
let skr: ReturnType<typeof apiClient>;
let sthlm: ReturnType<typeof apiClient>;
beforeAll(async () => {
  product = await startProduct(devServerAddress());
  skr = apiClient(product.baseUrl, 'skr');
  sthlm = apiClient(product.baseUrl, 'stockholm');
});
afterAll(async () => {
  await product?.stop();
});

const today = stockholmDate(new Date());
const thisYear = Number(today.slice(0, 4));
const rid = (label: string) => `${label}-${process.pid}-${Date.now()}`.slice(0, 64);

test('the rate table: 2,43 for 2027 and 2,47 for 2028 with source and date; both reachable in the fee model for Stockholm', async () => {
  const rates = await skr('GET', '/api/skr/taxor');
  expect(rates.status).toBe(200);
  const row = (y: number) => rates.json.table.find((r: any) => r.year === y);
  expect(row(2027)).toMatchObject({ rateKr: '2,43', setOn: '2026-06-05' });
  expect(row(2027).source).toContain('seed 000');
  expect(row(2028)).toMatchObject({ rateKr: '2,47', setOn: '2026-06-05' });

  const fees = await skr('GET', '/api/skr/avgifter?kommunkod=0180&start=2027-07-01&organisation=rss');
  expect(fees.status).toBe(200);
  const body = fees.json;
  expect(body).toMatchObject({ officialName: 'Stockholms stad', populationDate: '2023-12-31' });
  expect(body.years[0]).toMatchObject({ year: 2027, nationalRateKr: '2,43', fullYearNationalOre: 240_313_149, ratePreliminary: false });
  expect(body.years[1]).toMatchObject({ year: 2028, nationalRateKr: '2,47', fullYearNationalOre: 244_268_921, ratePreliminary: false });
  expect(body.years[0].fullYearNational).toBe('2\u00a0403\u00a0131,49\u00a0kr');
  expect(body.years[1].fullYearNational).toBe('2\u00a0442\u00a0689,21\u00a0kr');
  expect(body.regional).toMatchObject({ payee: 'Storsthlm (RSS Stockholms län)', rateKr: '1,88', set: true });

  // Göteborg through its RSS: the RSS is named, its fee is not set (null, "ej fastställd"), never 0 kr.
  const gbg = (await skr('GET', '/api/skr/avgifter?kommunkod=1480&start=2027-07-01&organisation=rss')).json;
  expect(gbg.officialName).toBe('Göteborgs Stad');
  expect(gbg.regional).toMatchObject({ payee: 'VästKom med GR / Fyrbodal / Skaraborg / Sjuhärad', rate: null, set: false });
  expect(gbg.years[0]).toMatchObject({ regionalOre: null, regionalKr: 'ej fastställd' });
});

test("SKR sets a coming year's rate (recorded once, in the history, used by the fee model); a year that has begun is refused and nothing changes", async () => {
  const before = (await skr('GET', '/api/skr/taxor')).json;
  const past = await skr('POST', '/api/skr/taxor', { requestId: rid('taxa-past'), year: thisYear, rate: '9,99', source: 'Försök' });
  expect(past.status).toBe(400);
  expect(past.json.error.code).toBe('VALIDATION_FAILED');
  expect(past.json.error.fields).toEqual([expect.objectContaining({ field: 'year' })]);
  const badRate = await skr('POST', '/api/skr/taxor', { requestId: rid('taxa-bad'), year: 2029, rate: '-1', source: 'Försök' });
  expect(badRate.status).toBe(400);
  expect(badRate.json.error.fields.map((f: any) => f.field)).toContain('rate');
  expect((await skr('GET', '/api/skr/taxor')).json.history).toEqual(before.history);

  const requestId = rid('taxa-2029');
  const body = { requestId, year: 2029, rate: '2,55', source: 'SKR:s styrelsebeslut (test)', setOn: today };
  const set = await skr('POST', '/api/skr/taxor', body);
  expect(set.status).toBe(200);
  expect(set.json.rate).toMatchObject({ year: 2029, rateKr: '2,55', source: 'SKR:s styrelsebeslut (test)', setOn: today });
  expect(set.json.rate.actor).toContain('SKR');
  const again = await skr('POST', '/api/skr/taxor', body);
  expect(again.status).toBe(200);
  expect(again.json.history.filter((h: any) => h.requestId === requestId)).toHaveLength(1);
  expect(again.json.table.find((r: any) => r.year === 2029)).toMatchObject({ rateKr: '2,55' });

  // A membership from 2028-07-01 (after the known period: preliminary period) pays 2,47 in 2028 and SKR's 2,55 in 2029.
  const fees = (await skr('GET', '/api/skr/avgifter?kommunkod=1480&start=2028-07-01&organisation=egen')).json;
  expect(fees.years.map((y: any) => [y.year, y.nationalRateKr, y.ratePreliminary])).toEqual([
    [2028, '2,47', false],
    [2029, '2,55', false],
  ]);

  // Through the fees page (a form): a past year is refused with an error summary; a coming year is recorded.
  const browser = new BrowserSession(product.baseUrl);
  await browser.signIn('skrAdmin');
  const page = await browser.get('/skr/avgifter');
  expect(page.text).toContain('Nationell taxa per avgiftsår');
  const refused = await browser.post('/skr/avgifter/taxor', { year: String(thisYear - 1), rate: '2,60', source: 'Försök' });
  expect(refused.status).toBe(400);
  expect(refused.text).toContain('Taxan sparades inte');
  expect(refused.text).toContain('href="#taxa-year"');
  const posted = await browser.post('/skr/avgifter/taxor', { year: '2030', rate: '2,60', source: 'SKR:s styrelsebeslut (formulär)' });
  expect(posted.status).toBe(303);
  const after = await browser.get('/skr/avgifter');
  expect(after.text).toContain('SKR:s styrelsebeslut (formulär)');
  expect(after.text).toContain('2,60 kr');
});

test("a start in the past or before the programme allows is refused; Göteborg's agreement names Göteborgs Stad and its RSS, honestly", async () => {
  const kod = '1480';
  const invited = await skr('POST', `/api/skr/kommuner/${kod}/atgarder/invite`, { requestId: 'gbg-texts-invite-01' });
  expect(invited.status).toBe(200);
  const decision = (startDate: string, requestId: string) => ({
    requestId,
    organ: 'Kommunfullmäktige',
    date: today,
    paragraph: 201,
    outcome: 'bifall',
    terms: { startDate, organisation: 'rss' },
  });
  const past = await skr('POST', `/api/skr/kommuner/${kod}/atgarder/registerDecision`, decision('2026-01-01', 'gbg-texts-beslut-past'));
  expect(past.status).toBe(400);
  expect(new Set(past.json.error.fields.map((f: any) => f.field))).toEqual(new Set(['terms.startDate']));
  expect(past.json.error.fields[0].message).toContain('har redan passerat');
  const early = await skr('POST', `/api/skr/kommuner/${kod}/atgarder/registerDecision`, decision('2027-03-01', 'gbg-texts-beslut-early'));
  expect(early.status).toBe(400);
  expect(early.json.error.fields[0].message).toContain('tidigast 2027-07-01');
  expect((await skr('GET', `/api/skr/kommuner/${kod}`)).json.onboarding.stage).toBe('inbjuden');

  const ok = await skr('POST', `/api/skr/kommuner/${kod}/atgarder/registerDecision`, decision('2027-07-01', 'gbg-texts-beslut-ok'));
  expect(ok.status).toBe(200);
  const sent = await eventually(async () => {
    const r = await skr('GET', `/api/skr/kommuner/${kod}`);
    return r.json.onboarding.stage === 'avtal_signeras' ? r.json : undefined;
  }, 30_000);
  const doc = sent.onboarding.documents.find((d: any) => d.type === 'anslutningsavtal');
  const pdf = await fetch(`${product.baseUrl}/api/skr/kommuner/${kod}/dokument/${doc.id}`, { headers: { authorization: `Bearer ${DEMO_TOKENS.skr.token}` } });
  expect(pdf.status).toBe(200);
  const text = normalizeSpace((await readPdf(new Uint8Array(await pdf.arrayBuffer()))).text.replace(/\u00a0/g, ' '));
  expect(text).toContain('Göteborgs Stad, nedan kallad kommunen');
  expect(text).toContain('nedan kallad SKR.');
  expect(text).not.toContain('nedan kallad nedan kallad');
  expect(text.split('tillgång till alla delar').length - 1).toBe(1);
  expect(text).toContain('Nationell avgift 2027');
  expect(text).toContain('2,43 kr per invånare och år');
  expect(text).toContain('2,47 kr per invånare och år');
  expect(text).toContain('Det regionala genomförandet sköts av VästKom med GR / Fyrbodal / Skaraborg / Sjuhärad');
  expect(text).toContain('ej fastställd');
  expect(text).not.toContain('organiserar själv');
  expect(text).not.toContain('ingen regional avgift');
});

test('registering an ärende with a target start in the past, or before the programme starts, is refused and creates nothing', async () => {
  const serie = uniqueSerie('T');
  const past = await sthlm('POST', '/api/arenden', registrationBody({ namnd: { kod: serie, namn: 'Socialnämnden' }, targetStart: '2026-01-01' }));
  expect(past.status).toBe(400);
  expect(new Set(past.json.error.fields.map((f: any) => f.field))).toEqual(new Set(['targetStart']));
  expect(past.json.error.fields[0].message).toContain('har redan passerat');
  const early = await sthlm('POST', '/api/arenden', registrationBody({ namnd: { kod: serie, namn: 'Socialnämnden' }, targetStart: '2027-03-01' }));
  expect(early.status).toBe(400);
  expect(early.json.error.fields[0].message).toContain('tidigast 2027-07-01');
  const list = await sthlm('GET', `/api/arenden?namnd=${serie}`);
  expect(list.json.arenden).toHaveLength(0);
});
