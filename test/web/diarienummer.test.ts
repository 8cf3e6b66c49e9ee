/**
 * Issue 10 p. 3 over HTTP, with the product's own configuration (BF_DIARIESERIER=config): a diarienummer is unique
 * within the municipality (a taken one is refused, naming the ärende holding it, also when two registrations race for
 * it), it belongs to the chosen nämnd's series, and the nämnd is one of the municipality's configured organs.
 */
import { stockholmDate } from '../../domain/iso-date';
import { registrationBody } from '../fixtures/registration';
import { startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { apiClient } from './http';

let product: TestProduct;
let sthlm: ReturnType<typeof apiClient>;
const year = Number(stockholmDate(new Date()).slice(0, 4));
const dnr = (serie: string, nr: number) => `${serie} ${year}/${String(nr).padStart(4, '0')}`;

beforeAll(async () => {
  product = await startProduct(devServerAddress(), { series: 'config' });
  sthlm = apiClient(product.baseUrl, 'stockholm');
});
afterAll(async () => {
  await product?.stop();
});

const register = (overrides: Record<string, unknown>) => sthlm('POST', '/api/arenden', registrationBody(overrides));

test('a taken diarienummer is refused with 409, naming the ärende holding it; the number is read in the municipality format', async () => {
  const first = await register({ title: 'Det första ärendet i socialnämndens serie' });
  expect(first.status).toBe(201);
  expect(first.json.diarienummer).toBe(dnr('SN', 1));

  for (const given of [dnr('SN', 1), `sn ${year}/1`, `SN  ${year}/01`]) {
    const taken = await register({ diarienummer: given, title: 'Ett ärende med ett upptaget nummer' });
    expect([given, taken.status]).toEqual([given, 409]);
    expect(taken.json.error.code).toBe('DIARIENUMMER_TAKEN');
    expect(taken.json.error.message).toContain('Det första ärendet i socialnämndens serie');
    expect(taken.json.error.message).toContain(dnr('SN', 1));
    expect(taken.json.error.holder).toMatchObject({
      id: first.json.id,
      title: 'Det första ärendet i socialnämndens serie',
      diarienummer: dnr('SN', 1),
      href: `/api/arenden/${first.json.id}`,
    });
    expect(taken.json.error.fields).toEqual([expect.objectContaining({ field: 'diarienummer', rule: 'taken' })]);
  }

  // A number given ahead of the diarium is reserved: the diarium skips it, and nobody else gets it.
  const ahead = await register({ diarienummer: `SN ${year}/3`, title: 'Ett ärende som kom med sitt nummer' });
  expect(ahead.status).toBe(201);
  expect(ahead.json.diarienummer).toBe(dnr('SN', 3));
  expect((await register({ title: 'Nästa' })).json.diarienummer).toBe(dnr('SN', 2));
  expect((await register({ title: 'Och nästa' })).json.diarienummer).toBe(dnr('SN', 4));
  const again = await register({ diarienummer: dnr('SN', 3) });
  expect(again.status).toBe(409);
  expect(again.json.error.message).toContain('Ett ärende som kom med sitt nummer');

  // A number from another system, in another format, is unique too (as written, in any case).
  expect((await register({ diarienummer: 'Dnr 1-202/2019' })).status).toBe(201);
  const foreign = await register({ diarienummer: 'DNR 1-202/2019' });
  expect(foreign.status).toBe(409);
  expect(foreign.json.error.code).toBe('DIARIENUMMER_TAKEN');
});

test('a diarienummer of another series (a KS number for a nämnd ärende) is refused, naming the field', async () => {
  for (const given of ['KS 1999/0001', `KS ${year}/0001`, 'Dnr KS 2018/124', 'KS-2014/742.912', `ÄLN ${year}/0001`]) {
    const r = await register({ diarienummer: given });
    expect([given, r.status]).toEqual([given, 400]);
    expect(r.json.error.fields).toEqual([expect.objectContaining({ field: 'diarienummer', rule: 'wrong_series' })]);
    expect(r.json.error.fields[0].message).toContain('SN');
  }
  // The same KS number is fine for an ärende of kommunstyrelsen.
  const ks = await register({ namnd: { kod: 'KS', namn: 'Kommunstyrelsen' }, diarienummer: 'KS 1999/0001' });
  expect(ks.status).toBe(201);
  expect(ks.json.diarienummer).toBe('KS 1999/0001');
});

test('the nämnd is one of the configured organs: a typo is refused naming namnd.kod and creates no series', async () => {
  const typo = await register({ namnd: { kod: 'SNN', namn: 'Socialnämnden' } });
  expect(typo.status).toBe(400);
  expect(typo.json.error.fields).toEqual([expect.objectContaining({ field: 'namnd.kod', rule: 'unknown_organ' })]);
  expect(typo.json.error.fields[0].message).toContain('ÄLN');
  // The organ is its code: the name recorded is the configured one.
  const misspelt = await register({ namnd: { kod: 'SN', namn: 'Socialnämden' } });
  expect(misspelt.status).toBe(201);
  expect((await sthlm('GET', `/api/arenden/${misspelt.json.id}`)).json.namnd).toEqual({ kod: 'SN', namn: 'Socialnämnden' });
  // The code alone is enough: the name comes from the configuration.
  const byCode = await register({ namnd: { kod: 'ÄLN' } });
  expect(byCode.status).toBe(201);
  expect(byCode.json.diarienummer).toBe(dnr('ÄLN', 1));
  expect((await sthlm('GET', `/api/arenden/${byCode.json.id}`)).json.namnd).toEqual({ kod: 'ÄLN', namn: 'Äldrenämnden' });
  expect((await sthlm('GET', '/api/arenden?namnd=SNN')).json.arenden).toEqual([]);
});

test('two registrations racing for one number: exactly one wins, the others are told who holds it', async () => {
  const given = dnr('UN', 42);
  const racers = await Promise.all(
    Array.from({ length: 6 }, (_, i) => register({ namnd: { kod: 'UN', namn: 'Utbildningsnämnden' }, diarienummer: given, title: `Kapplöpare ${i + 1}` })),
  );
  const won = racers.filter((r) => r.status === 201);
  const lost = racers.filter((r) => r.status === 409);
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(5);
  const winner = (await sthlm('GET', `/api/arenden/${won[0].json.id}`)).json;
  expect(winner.diarienummer).toBe(given);
  for (const r of lost) {
    expect(r.json.error.code).toBe('DIARIENUMMER_TAKEN');
    expect(r.json.error.holder.id).toBe(won[0].json.id);
    expect(r.json.error.message).toContain(winner.title);
  }
});

test('the registration form offers the configured organs to choose from, not a free text field', async () => {
  const { BrowserSession } = await import('./http');
  const session = new BrowserSession(product.baseUrl);
  await session.signIn('stockholmSekreterare');
  const page = await session.get('/arenden/ny');
  expect(page.status).toBe(200);
  expect(page.text).toMatch(/<select[^>]*name="namnd\.kod"/);
  expect(page.text).toContain('<option value="ÄLN">Äldrenämnden (ÄLN)</option>');
  expect(page.text).not.toMatch(/name="namnd\.namn"/);
});
