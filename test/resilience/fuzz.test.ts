/**
 * A fuzz run over the API's input schemas: bodies generated from the zod schema of POST /api/arenden (mutations of a
 * valid registration), random ids and filters for the read routes. The API answers 201 or 400 (404 for reads) and
 * never 5xx; what it refused changed nothing (the diarieserie has no gaps).
 */
import { registerArendeSchema } from '../../domain/arende';
import { registrationBody } from '../fixtures/registration';
import { startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { API_HEADERS, getJson, uniqueSerie } from '../scale/processes';
import { fuzzBodies, prng } from './fuzz-bodies';

jest.setTimeout(120_000);

let product: TestProduct;
beforeAll(async () => {
  product = await startProduct(devServerAddress());
});
afterAll(async () => {
  await product?.stop();
});

async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

const SEED = Number(process.env.BF_FUZZ_SEED ?? Date.now() % 1_000_000);

test(`POST /api/arenden: 300 generated bodies (seed ${SEED}) get 201 or 400, never 5xx, and refused ones take no number`, async () => {
  const serie = uniqueSerie();
  const example = registrationBody({ namnd: { kod: serie, namn: 'Fuzznämnden' } });
  const bodies = fuzzBodies(registerArendeSchema, example, 300, SEED);
  const results = await inBatches(bodies, 10, async (b) => {
    const res = await fetch(`${product.baseUrl}/api/arenden`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...API_HEADERS },
      body: b.raw ? (b.body as string) : JSON.stringify(b.body),
    });
    const text = await res.text();
    return { status: res.status, text, description: b.description, sent: b.body };
  });

  const unexpected = results.filter((r) => r.status !== 201 && r.status !== 400);
  if (unexpected.length > 0) {
    console.error(unexpected.slice(0, 5).map((r) => `${r.status} ${r.description}: ${r.text.slice(0, 300)}`).join('\n'));
  }
  expect(unexpected).toEqual([]);

  for (const r of results.filter((x) => x.status === 400)) {
    const body = JSON.parse(r.text);
    expect(body.error.code).toMatch(/^[A-Z_]+$/);
    expect(typeof body.error.message).toBe('string');
  }

  // The accepted ones in the fuzz series were numbered without gaps: nothing refused drew a number.
  const accepted = new Map<string, string>();
  for (const r of results.filter((x) => x.status === 201)) {
    const body = JSON.parse(r.text);
    accepted.set(body.id, body.diarienummer);
  }
  const inSerie = [...accepted.values()].filter((d) => d.startsWith(`${serie} `)).map((d) => Number(d.split('/')[1]));
  inSerie.sort((a, b) => a - b);
  expect(inSerie).toEqual(Array.from({ length: inSerie.length }, (_, i) => i + 1));
  const next = await fetch(`${product.baseUrl}/api/arenden`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...API_HEADERS },
    body: JSON.stringify(example),
  });
  expect(next.status).toBe(201);
  expect((await next.json()).diarienummer).toMatch(new RegExp(`^${serie} \\d{4}/${String(inSerie.length + 1).padStart(4, '0')}$`));
  console.log(`Fuzz (frö ${SEED}): ${results.length} kroppar, ${accepted.size} godtagna, ${results.filter((r) => r.status === 400).length} avvisade`);
});

test('read routes with random ids and filters answer 200, 400 or 404, never 5xx', async () => {
  const rng = prng(SEED + 1);
  const ids = ['arende-finns-inte-alls', 'arende-' + 'a'.repeat(80), '..%2F..%2Fetc', '%00', 'arende-%27%20OR%201%3D1', 'x'.repeat(300), '🙂', 'arende-12345678'];
  const filters = ['kommunkod', 'namnd', 'stage'];
  const values = ["'", "\\'", "0180' OR BfKind = 'x", '%00', 'utkast', 'okänt', 'x'.repeat(500), '0180', ''];
  const routes: string[] = [];
  for (let i = 0; i < 40; i++) {
    const id = rng.pick(ids);
    switch (rng.int(3)) {
      case 0:
        routes.push(`/api/arenden/${id}`);
        break;
      case 1:
        routes.push(`/api/arenden/${id}/dokument/${rng.pick(ids)}`);
        break;
      default:
        routes.push(`/api/arenden?${rng.pick(filters)}=${encodeURIComponent(rng.pick(values))}&${rng.pick(filters)}=${encodeURIComponent(rng.pick(values))}`);
    }
  }
  const statuses = await inBatches(routes, 8, async (r) => ({ route: r, status: (await getJson(product.baseUrl, r)).status }));
  const bad = statuses.filter((s) => ![200, 400, 404].includes(s.status));
  expect(bad).toEqual([]);
});
