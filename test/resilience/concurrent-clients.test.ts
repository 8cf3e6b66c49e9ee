/**
 * 50 API clients at once, each sending a valid registration (some twice, with the same requestId) and invalid ones
 * of many kinds. No 5xx; every invalid request is a 4xx that changed nothing: the diarieserie that all of them
 * name is numbered 1..V for the V distinct valid ärenden, and the next registration gets V+1.
 */
import { registrationBody } from '../fixtures/registration';
import { eventually, startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { API_HEADERS, getJson, uniqueSerie } from '../scale/processes';

jest.setTimeout(120_000);

let product: TestProduct;
beforeAll(async () => {
  product = await startProduct(devServerAddress());
});
afterAll(async () => {
  await product?.stop();
});

type Req = { kind: 'valid' | 'invalid'; body: string; client: number; requestId?: string };

function invalidBodies(serie: string, client: number): string[] {
  const base = registrationBody({ namnd: { kod: serie, namn: 'Nämnd' }, title: `Ogiltigt ${client}` });
  const { title: _t, ...noTitle } = base;
  const all = [
    JSON.stringify(noTitle),
    JSON.stringify({ ...base, kommunkod: '9999' }),
    JSON.stringify({ ...base, kommunkod: 180 }),
    JSON.stringify({ ...base, namnd: { kod: serie.toLowerCase(), namn: 'Nämnd' } }),
    JSON.stringify({ ...base, tjansteutlatande: { ...base.tjansteutlatande, date: '2027-02-29' } }),
    JSON.stringify({ ...base, tjansteutlatande: { ...base.tjansteutlatande, proposals: [] } }),
    JSON.stringify({ ...base, kfRequired: 'ja' }),
    JSON.stringify({ ...base, requestId: 'kort' }),
    JSON.stringify({ ...base, program: 'annat-program' }),
    '{"kommunkod": "0180", "namnd":',
    '[]',
    'null',
  ];
  return [all[client % all.length], all[(client * 7 + 3) % all.length], all[(client * 5 + 1) % all.length]];
}

test('50 concurrent clients, valid and invalid mixed: no 5xx, the invalid ones change nothing', async () => {
  const serie = uniqueSerie();
  const requests: Req[] = [];
  for (let client = 0; client < 50; client++) {
    const requestId = `samtidig-${serie}-${client}`;
    const valid = JSON.stringify(registrationBody({ namnd: { kod: serie, namn: 'Nämnd' }, title: `Klient ${client}`, requestId }));
    requests.push({ kind: 'valid', body: valid, client, requestId });
    if (client % 5 === 0) requests.push({ kind: 'valid', body: valid, client, requestId }); // the same request again
    for (const body of invalidBodies(serie, client)) requests.push({ kind: 'invalid', body, client });
  }
  // Each client sends its requests one after another; the 50 clients run at the same time.
  const byClient = new Map<number, Req[]>();
  for (const r of requests) byClient.set(r.client, [...(byClient.get(r.client) ?? []), r]);
  const results = (
    await Promise.all(
      [...byClient.values()].map(async (mine) => {
        const out: Array<Req & { status: number; answer: any }> = [];
        for (const r of mine) {
          const res = await fetch(`${product.baseUrl}/api/arenden`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...API_HEADERS },
            body: r.body,
          });
          const text = await res.text();
          out.push({ ...r, status: res.status, answer: text.startsWith('{') ? JSON.parse(text) : text });
        }
        return out;
      }),
    )
  ).flat();

  expect(results.filter((r) => r.status >= 500)).toEqual([]);
  expect(results.filter((r) => r.kind === 'valid').map((r) => r.status)).toEqual(Array(60).fill(201));
  for (const r of results.filter((x) => x.kind === 'invalid')) {
    expect(r.status).toBe(400);
    expect(r.answer.error.code).toMatch(/^(VALIDATION_FAILED|MALFORMED_JSON|BODY_NOT_OBJECT)$/);
  }

  // The same request twice is one ärende; 50 distinct ärenden numbered 1..50.
  const ids = new Map<string, string>();
  for (const r of results.filter((x) => x.kind === 'valid')) {
    const seen = ids.get(r.requestId as string);
    if (seen) expect(r.answer.id).toBe(seen);
    ids.set(r.requestId as string, r.answer.id);
  }
  const numbers = [...new Set(results.filter((r) => r.kind === 'valid').map((r) => r.answer.diarienummer as string))]
    .map((d) => Number(d.split('/')[1]))
    .sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

  // Visibility agrees: exactly 50 ärenden in the series.
  await eventually(async () => ((await getJson(product.baseUrl, `/api/arenden?namnd=${serie}`)).body.arenden?.length === 50 ? true : undefined), 30_000);
  const next = await fetch(`${product.baseUrl}/api/arenden`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...API_HEADERS },
    body: JSON.stringify(registrationBody({ namnd: { kod: serie, namn: 'Nämnd' } })),
  });
  expect((await next.json()).diarienummer).toMatch(new RegExp(`^${serie} \\d{4}/0051$`));
});
