/**
 * Free text in the ärendelista is a visibility query (BfTitle: normalised words, domain/search-text.ts), paged like
 * the rest of the list. It runs in both suites: on the dev server (SQLite) and, with BF_TEST_TEMPORAL=cluster, on
 * Temporal on PostgreSQL, where a raw title with ':' or a word starting with "'" would fail to save the visibility
 * row and the ärende would vanish from every list (temporalio/temporal PR #11085). Exactly such titles are used.
 */
import { apiCall, eventually, startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { registrationBody } from '../fixtures/registration';
import { uniqueSerie } from '../scale/processes';

const TITLE = 'Yrkesresan: anslutning';
const QUOTED = "Svar på 'remiss' om Yrkesresan";

let product: TestProduct;
let serie: string;
const ids: Record<string, { id: string; diarienummer: string }> = {};

beforeAll(async () => {
  product = await startProduct(devServerAddress());
  serie = uniqueSerie();
  for (const title of [TITLE, QUOTED, 'Yrkesresan: anslutning, andra året', 'Ett annat ärende']) {
    const r = await apiCall(product, 'POST', '/api/arenden', registrationBody({ namnd: { kod: serie, namn: 'Socialnämnden' }, title }));
    expect(r.status).toBe(201);
    ids[title] = r.body;
  }
  // Every one is in visibility (none lost to a failed visibility row), with its stage set by the workflow.
  await eventually(
    async () => {
      const r = await apiCall(product, 'GET', `/api/arenden?namnd=${serie}`);
      return r.body.total === 4 && r.body.arenden.every((a: any) => a.diarienummer) ? true : undefined;
    },
    30_000,
    200,
  );
});
afterAll(async () => {
  await product?.stop();
});

const search = async (q: string, extra = '') => {
  const r = await apiCall(product, 'GET', `/api/arenden?namnd=${serie}&q=${encodeURIComponent(q)}${extra}`);
  expect(r.status).toBe(200);
  return r.body as { arenden: Array<{ id: string; title: string }>; total: number; nextPageToken?: string };
};

test(`"${TITLE}" is listed with its title as written and found by its words, whatever their case and punctuation`, async () => {
  const all = await search('');
  expect(all.arenden.find((a) => a.id === ids[TITLE].id)?.title).toBe(TITLE);
  expect(all.arenden.find((a) => a.id === ids[QUOTED].id)?.title).toBe(QUOTED);
  for (const q of [TITLE, 'yrkesresan: ANSLUTNING', 'anslutning']) {
    const found = await search(q);
    expect(found.arenden.map((a) => a.id).sort()).toEqual([ids[TITLE].id, ids['Yrkesresan: anslutning, andra året'].id].sort());
    expect(found.total).toBe(2);
  }
  expect((await search("'remiss'")).arenden.map((a) => a.id)).toEqual([ids[QUOTED].id]);
  expect((await search('yrkesresan')).total).toBe(3);
  expect((await search('finns inte')).total).toBe(0);
});

test('the diarienummer is found as free text too', async () => {
  const { id, diarienummer } = ids[TITLE];
  expect((await search(diarienummer)).arenden.map((a) => a.id)).toEqual([id]);
});

test('a search is paged: a page at a time with a token for the next, and the total that match', async () => {
  const first = await search('yrkesresan', '&pageSize=2');
  expect(first.arenden).toHaveLength(2);
  expect(first.total).toBe(3);
  expect(first.nextPageToken).toBeDefined();
  const second = await search('yrkesresan', `&pageSize=2&pageToken=${first.nextPageToken}`);
  expect(second.arenden).toHaveLength(1);
  expect(second.nextPageToken).toBeUndefined();
  const seen = [...first.arenden, ...second.arenden].map((a) => a.id).sort();
  expect(seen).toEqual([ids[TITLE].id, ids[QUOTED].id, ids['Yrkesresan: anslutning, andra året'].id].sort());
  // The token belongs to this search: with another query it is refused, naming pageToken.
  const other = await apiCall(product, 'GET', `/api/arenden?namnd=${serie}&q=annat&pageToken=${first.nextPageToken}`);
  expect(other.status).toBe(400);
  expect(other.body.error.fields[0].field).toBe('pageToken');
});

test('the ärendelista page searches the same way and shows the title as written', async () => {
  const res = await fetch(`${product.baseUrl}/?q=${encodeURIComponent('Yrkesresan: anslutning')}&namnd=${serie}`, { headers: product.apiHeaders });
  const html = await res.text();
  expect(res.status).toBe(200);
  expect(html).toContain('Yrkesresan: anslutning');
  expect(html).not.toContain('Ett annat ärende');
});
