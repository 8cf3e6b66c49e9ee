/**
 * A fuzz run over the API's input schemas: bodies generated from the zod schema of POST /api/arenden (mutations of a
 * valid registration), from the schema of every action (POST /api/arenden/:id/atgarder/:action, domain/actions.ts),
 * random ids and filters for the read routes. The API answers 2xx or 4xx and never 5xx; what it refused changed
 * nothing (the diarieserie has no gaps; the ärende's state is exactly what it was).
 */
import { ACTION_SCHEMAS } from '../../domain/actions';
import { registerArendeSchema } from '../../domain/arende';
import { addDays, stockholmDate } from '../../domain/iso-date';
import type { Action } from '../../domain/stages';
import { registrationBody } from '../fixtures/registration';
import { startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { API_HEADERS, getJson } from '../scale/processes';
import { fuzzBodies, prng } from './fuzz-bodies';
import { malformedReads, malformedRequests, sendRaw, type RawRequest } from './fuzz-requests';
import { DEMO_TOKENS } from '../../demo/demo-users';
import { listRoutes } from '../../server/route-list';
import { createApp } from '../../server/app';

jest.setTimeout(300_000);

let product: TestProduct;
beforeAll(async () => {
  // The product's own configuration: ärenden only in the municipality's configured organs (issue 10 p. 3).
  product = await startProduct(devServerAddress(), { series: 'config' });
});
afterAll(async () => {
  await product?.stop();
});

async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

// A fixed seed in CI, so that a red run can be repeated. 694406 found that a control character in the text of a
// tjänsteutlåtande passed the API but not the document template (the ärende then waited for a PDF that could never be
// made); domain/text.ts now refuses it at the door. Set BF_FUZZ_SEED to explore other seeds.
const SEED = Number(process.env.BF_FUZZ_SEED ?? 694406);

test(`POST /api/arenden: 300 generated bodies (seed ${SEED}) get 201 or 400, never 5xx, and refused ones take no number`, async () => {
  const serie = 'SN';
  const example = registrationBody({ namnd: { kod: serie, namn: 'Socialnämnden' } });
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

  const unexpected = results.filter((r) => r.status !== 201 && r.status !== 400 && !(r.status === 409 && /DIARIENUMMER_TAKEN|REQUEST_ID_REUSED/.test(r.text)));
  if (unexpected.length > 0) {
    console.error(
      unexpected
        .slice(0, 5)
        .map((r) => `${r.status} ${r.description}: ${r.text.slice(0, 300)}`)
        .join('\n'),
    );
  }
  expect(unexpected).toEqual([]);

  for (const r of results.filter((x) => x.status === 400 || x.status === 409)) {
    const body = JSON.parse(r.text);
    expect(body.error.code).toMatch(/^[A-Z_]+$/);
    expect(typeof body.error.message).toBe('string');
  }

  // The accepted ones in the fuzz series were numbered without gaps: nothing refused drew a number.
  const accepted = new Map<string, string>();
  for (const r of results.filter((x) => x.status === 201)) {
    const body = JSON.parse(r.text);
    // A number the body brought is its own (reserved, not drawn); only drawn numbers count here.
    if (!(r.sent && typeof r.sent === 'object' && 'diarienummer' in (r.sent as object))) accepted.set(body.id, body.diarienummer);
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
  const ids = [
    'arende-finns-inte-alls',
    'arende-' + 'a'.repeat(80),
    '..%2F..%2Fetc',
    '%00',
    'arende-%27%20OR%201%3D1',
    'x'.repeat(300),
    '🙂',
    'arende-12345678',
  ];
  const filters = ['kommunkod', 'namnd', 'stage', 'pageSize', 'pageToken'];
  const values = ["'", "\\'", "0180' OR BfKommun = 'x", '%00', 'utkast', 'okänt', 'x'.repeat(500), '0180', '', '0', '50', '-1', '1e3', 'QUJDREVGR0g', 'AAAA'];
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

// ---------------------------------------------------------------- every action's schema

/** A valid example body of every action (the server sets the actor); the fuzzer mutates these. */
function actionExamples(today: string): Record<Action, Record<string, unknown>> {
  const signatory = { name: 'Frida Förvaltningschef', title: 'Socialdirektör' };
  return {
    reviseDraft: { tjansteutlatande: registrationBody().tjansteutlatande, comment: 'Ny version' },
    sendReferrals: { referrals: [{ recipient: 'Äldrenämnden', dueDate: addDays(today, 7), questions: ['Vill nämnden ansluta?'] }], proceedWhenOverdue: false },
    recordReferralAnswer: { recipient: 'Äldrenämnden', answer: 'yttrande', text: ['Nämnden tillstyrker.'], date: today },
    finishBeredning: { comment: 'Svarstiden har gått ut' },
    signTjansteutlatande: { role: 'forvaltningschef', signatory },
    placeOnMeeting: { meetingDate: today, time: '13:00', place: 'Sammanträdesrummet' },
    recordDecision: { outcome: 'bifall', paragraph: 3, reservations: [{ who: 'Vera Vänster (V)' }] },
    recordJustering: { date: today, chair: 'Ordförande Olsson', adjusters: ['Justerare Jansson'] },
    recordAnslag: { date: today, protocolKeptAt: 'Stadshuset' },
    registerOverklagande: { receivedDate: today, appellant: 'Klara Klagande' },
    recordCourtJudgment: { date: today, outcome: 'upheld' },
    recordKsBeredning: { meetingDate: today, paragraph: 4 },
    signAgreement: { party: 'kommun', signatory },
    rejectAgreement: { party: 'skr', comment: 'Fel avgift' },
    decideRenewal: { decision: 'renew' },
    joinNamnd: { namnd: { kod: 'ÄLN', namn: 'Äldrenämnden' }, decisionDate: today },
  };
}

const PER_ACTION = Number(process.env.BF_FUZZ_PER_ACTION ?? 30);

test(`POST /api/arenden/:id/atgarder/:action: ${PER_ACTION} generated bodies per action (seed ${SEED}), never 5xx, a refused one changes nothing`, async () => {
  const today = stockholmDate(new Date());
  const serie = 'ÄLN';
  const api = async (method: string, route: string, body?: unknown, raw = false) => {
    const res = await fetch(`${product.baseUrl}${route}`, {
      method,
      headers: { ...API_HEADERS, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : raw ? (body as string) : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  };
  const plan = {
    organ: serie,
    name: 'Äldrenämnden',
    meetings: [
      { date: today, documentDeadline: today },
      { date: addDays(today, 35), documentDeadline: addDays(today, 25) },
    ],
  };
  expect((await api('PUT', `/api/sammantradesplaner/${serie}`, plan)).status).toBe(200);

  // Two ärenden: one in utkast, one on today's meeting; the bodies alternate between them.
  const register = async () => {
    const r = await api('POST', '/api/arenden', registrationBody({ namnd: { kod: serie, namn: 'Äldrenämnden' }, kfRequired: false }));
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const ids = [await register(), await register()];
  for (const role of ['forvaltningschef', 'avdelningschef']) {
    expect(
      (
        await api('POST', `/api/arenden/${ids[1]}/atgarder/signTjansteutlatande`, {
          requestId: `sign-${role}-${SEED}-${Date.now()}`,
          role,
          signatory: { name: 'N N', title: role },
        })
      ).status,
    ).toBe(200);
  }
  const snapshot = async (id: string) => JSON.stringify((await api('GET', `/api/arenden/${id}`)).body);
  /**
   * After an accepted action: wait until the workflow's own follow-up is done: placing on the meeting, a PDF, and the
   * archive copy of every final document (made on the background queue, behind other copies and signatures, so it
   * may come seconds after the state otherwise stands still).
   */
  const archivePending = (state: { documents?: Array<{ status?: string; archived?: unknown }> }) =>
    (state.documents ?? []).some((d) => d.status === 'slutlig' && !d.archived);
  const settled = async (id: string) => {
    let last = await snapshot(id);
    for (let stable = 0, i = 0; stable < 2 && i < 400; i++) {
      await new Promise((r) => setTimeout(r, 150));
      const next = await snapshot(id);
      const state = JSON.parse(next);
      stable = next === last && state.stage !== 'placering' && state.stage !== 'registrering' && !archivePending(state) ? stable + 1 : 0;
      last = next;
    }
    return last;
  };
  const baseline = new Map<string, string>();
  for (const id of ids) baseline.set(id, await settled(id));

  const examples = actionExamples(today);
  const failures: string[] = [];
  const tally = { accepted: 0, refused: 0 };
  for (const [n, action] of (Object.keys(ACTION_SCHEMAS) as Action[]).entries()) {
    const example = { requestId: `fuzz-${action}-example`, ...examples[action] };
    expect(ACTION_SCHEMAS[action].safeParse({ ...example, actor: { name: 'X' } }).success).toBe(true);
    const bodies = fuzzBodies(ACTION_SCHEMAS[action], example, PER_ACTION, SEED + 100 + n);
    for (const [j, b] of bodies.entries()) {
      const id = ids[j % 2];
      // A fresh request id unless the mutation chose one, so that the rules are reached and not only "id reused".
      let body = b.body;
      if (!b.raw && body && typeof body === 'object' && (body as Record<string, unknown>).requestId === example.requestId) {
        body = { ...(body as object), requestId: `fuzz-${SEED}-${n}-${j}-${Math.random().toString(36).slice(2, 10)}` };
      }
      const r = await api('POST', `/api/arenden/${id}/atgarder/${action}`, body, b.raw);
      const where = `${action} [${b.description}] → ${r.status}`;
      if (r.status >= 500) {
        failures.push(`${where}: ${JSON.stringify(r.body).slice(0, 300)}`);
        continue;
      }
      if (r.status === 200) {
        tally.accepted++;
        baseline.set(id, await settled(id));
        continue;
      }
      tally.refused++;
      if (typeof r.body !== 'object' || !/^[A-Z_]+$/.test(r.body?.error?.code ?? ''))
        failures.push(`${where}: svaret saknar felkod: ${String(JSON.stringify(r.body)).slice(0, 200)}`);
      const after = await snapshot(id);
      if (after !== baseline.get(id)) failures.push(`${where}: ärendet ändrades av en avvisad begäran`);
    }
  }
  if (failures.length > 0) console.error(failures.slice(0, 10).join('\n'));
  expect(failures).toEqual([]);
  console.log(
    `Fuzz av åtgärderna (frö ${SEED}): ${tally.accepted + tally.refused} kroppar, ${tally.accepted} godtagna, ${tally.refused} avvisade utan ändring`,
  );
});

// ---------------------------------------------------------------- every endpoint, request shapes that are not well-formed

const SKR_HEADERS = { authorization: `Bearer ${DEMO_TOKENS.skr.token}` };

test(`every endpoint: bodies in other charsets, encodings and media types, non-object and broken JSON, hidden characters (seed ${SEED}) get a 4xx with a code and change nothing`, async () => {
  const today = stockholmDate(new Date());
  const created = await fetch(`${product.baseUrl}/api/arenden`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...API_HEADERS },
    body: JSON.stringify(registrationBody({ title: 'Ärendet som fuzzas med felaktiga begäranden' })),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  let docId = '';
  for (let i = 0; i < 100 && !docId; i++) {
    docId = (await getJson(product.baseUrl, `/api/arenden/${id}`)).body?.documents?.[0]?.id ?? '';
    if (!docId) await new Promise((r) => setTimeout(r, 200));
  }

  /** Everything a refused request could have changed: the ärenden, the meeting plans, SKR's onboardings and imports. */
  const snapshot = async () => {
    const parts = await Promise.all([
      getJson(product.baseUrl, '/api/arenden?pageSize=500'),
      getJson(product.baseUrl, `/api/arenden/${id}`),
      getJson(product.baseUrl, `/api/arenden/${id}/handlingar`),
      getJson(product.baseUrl, '/api/sammantradesplaner'),
      getJson(product.baseUrl, '/api/sammantraden'),
      fetch(`${product.baseUrl}/api/skr/kommuner`, { headers: SKR_HEADERS }).then((r) => r.text()),
      fetch(`${product.baseUrl}/api/skr/folkmangd`, { headers: SKR_HEADERS }).then((r) => r.text()),
      fetch(`${product.baseUrl}/api/skr/anslutningsstatus`, { headers: SKR_HEADERS }).then((r) => r.text()),
      fetch(`${product.baseUrl}/api/skr/taxor`, { headers: SKR_HEADERS }).then((r) => r.text()),
    ]);
    return JSON.stringify(parts.map((p) => (typeof p === 'string' ? p : p.body)));
  };
  const before = await snapshot();

  let n = 0;
  const fresh = () => `fuzz-${SEED}-${(n++).toString(36).padStart(6, '0')}`;
  const examples = actionExamples(today);
  const plan = { organ: 'SN', name: 'Socialnämnden', meetings: [{ date: addDays(today, 30), documentDeadline: addDays(today, 20) }] };
  const api = [
    { method: 'POST', path: '/api/arenden', headers: API_HEADERS, body: registrationBody({ requestId: 'x-placeholder' }) },
    { method: 'POST', path: `/api/arenden/${id}/atgarder/reviseDraft`, headers: API_HEADERS, body: { requestId: 'x-placeholder', ...examples.reviseDraft } },
    {
      method: 'POST',
      path: `/api/arenden/${id}/atgarder/sendReferrals`,
      headers: API_HEADERS,
      body: { requestId: 'x-placeholder', ...examples.sendReferrals },
    },
    { method: 'PUT', path: '/api/sammantradesplaner/SN', headers: API_HEADERS, body: plan },
    {
      method: 'POST',
      path: '/api/skr/kommuner/2521/atgarder/invite',
      headers: SKR_HEADERS,
      body: { requestId: 'x-placeholder', message: 'Välkommen till Yrkesresan' },
    },
    {
      method: 'POST',
      path: '/api/skr/massatgarder',
      headers: SKR_HEADERS,
      body: { requestId: 'x-placeholder', action: 'invite', filter: { lanskod: '25' }, message: 'Välkommen till Yrkesresan' },
    },
    // the whole country: the confirmation step (issue 15 p. 5); a made-up token is refused with 428
    {
      method: 'POST',
      path: '/api/skr/massatgarder',
      headers: SKR_HEADERS,
      body: { requestId: 'x-placeholder', action: 'invite', filter: { status: 'ej_anslutna' }, message: 'Välkommen', confirmationToken: 'inte-en-bekraftelse' },
    },
    { method: 'PUT', path: '/api/sammantradesplaner/SN', headers: API_HEADERS, body: { ...plan, confirmationToken: 'inte-en-bekraftelse' } },
    {
      method: 'POST',
      path: '/api/skr/folkmangd',
      headers: SKR_HEADERS,
      body: { requestId: 'x-placeholder', csv: 'kommunkod,folkmangd,folkmangd_datum\n2521,6000,2025-12-31', source: 'SCB, folkmängd 31 december 2025' },
    },
    {
      method: 'POST',
      path: '/api/skr/anslutningsstatus',
      headers: SKR_HEADERS,
      body: { requestId: 'x-placeholder', csv: 'kommunkod,status,datum,kalla\n2521,ansluten,2025-12-31,SKR:s medlemsregister' },
    },
    {
      method: 'POST',
      path: '/api/skr/taxor',
      headers: SKR_HEADERS,
      body: { requestId: 'x-placeholder', year: 2031, rate: '2,51', source: 'SKR:s styrelsebeslut' },
    },
    { method: 'POST', path: '/api/skr/avgifter/2019', headers: SKR_HEADERS, body: { kommunkod: '2521', participants: { kind: 'lan', lanskod: '25' } } },
    { method: 'POST', path: '/api/verifiera', headers: {}, body: { fil: 'inte en PDF' } },
    { method: 'POST', path: '/api/earkiv/exporter', headers: API_HEADERS, body: { ar: 2026 } },
    { method: 'POST', path: '/api/sammantraden', headers: API_HEADERS, body: { organ: 'SN', date: '2099-01-15', time: '13:00', place: 'Sammanträdesrummet' } },
    {
      method: 'POST',
      path: '/api/sammantraden/sammantrade-0180-SN-2099-01-15/atgarder/addItem',
      headers: API_HEADERS,
      body: { requestId: 'x-placeholder', title: 'Uppföljning', diarienummer: 'SN 2099/1' },
    },
    // an upload takes multipart/form-data only: every shape here (JSON, other types, a broken multipart) is refused
    {
      method: 'POST',
      path: `/api/arenden/${id}/handlingar`,
      headers: API_HEADERS,
      body: { requestId: 'x-placeholder', direction: 'inkommande', sender: 'Pensionärsrådet', description: 'Skrivelse' },
    },
  ];
  const forms = [
    { method: 'POST', path: '/logga-in', headers: {}, body: { username: 'fuzz@example', password: 'fel-losenord-1' } },
    { method: 'POST', path: '/logga-ut', headers: API_HEADERS, body: { _csrf: 'ingen-sadan' } },
    {
      method: 'POST',
      path: '/arenden/ny',
      headers: API_HEADERS,
      body: { requestId: 'x-placeholder', title: 'Hemställan om Yrkesresan', 'namnd.kod': 'SN', 'caseOfficer.name': 'Anna Andersson' },
    },
    {
      method: 'POST',
      path: `/arenden/${id}/atgarder/finishBeredning`,
      headers: API_HEADERS,
      body: { requestId: 'x-placeholder', comment: 'Svarstiden har gått ut' },
    },
    { method: 'POST', path: '/sammantraden/SN', headers: API_HEADERS, body: { name: 'Socialnämnden' } },
    {
      method: 'POST',
      path: '/skr/kommuner/2521/atgarder/invite',
      headers: SKR_HEADERS,
      body: { requestId: 'x-placeholder', message: 'Välkommen till Yrkesresan' },
    },
    { method: 'POST', path: '/skr/massatgarder', headers: SKR_HEADERS, body: { requestId: 'x-placeholder', lan: '25', message: 'Välkommen till Yrkesresan' } },
    {
      method: 'POST',
      path: '/skr/massatgarder',
      headers: SKR_HEADERS,
      body: { requestId: 'x-placeholder', lan: '', message: 'Välkommen', confirmationToken: 'inte-en-bekraftelse' },
    },
    {
      method: 'POST',
      path: '/sammantraden/SN',
      headers: API_HEADERS,
      body: { name: 'Socialnämnden', meetings: '2099-01-20 2099-01-06', confirmationToken: 'inte-en-bekraftelse' },
    },
    { method: 'POST', path: '/skr/folkmangd', headers: SKR_HEADERS, body: { csv: 'kommunkod,folkmangd,folkmangd_datum\n2521,6000,2025-12-31', source: 'SCB' } },
    {
      method: 'POST',
      path: '/skr/anslutningsstatus',
      headers: SKR_HEADERS,
      body: { csv: 'kommunkod,status,datum,kalla\n2521,ansluten,2025-12-31,SKR:s medlemsregister' },
    },
    { method: 'POST', path: '/skr/avgifter/taxor', headers: SKR_HEADERS, body: { year: '2031', rate: '2,51', source: 'SKR:s styrelsebeslut' } },
    { method: 'POST', path: '/verifiera', headers: {}, body: { fil: 'inte en PDF' } },
    { method: 'POST', path: '/earkiv/export', headers: API_HEADERS, body: { ar: '2026' } },
    { method: 'POST', path: '/moten', headers: API_HEADERS, body: { organ: 'SN', date: '2099-01-15' } },
    { method: 'POST', path: '/moten/sammantrade-0180-SN-2099-01-15/addItem', headers: API_HEADERS, body: { requestId: 'x-placeholder', title: 'Uppföljning' } },
    { method: 'POST', path: '/mina-arenden/paminnelser', headers: API_HEADERS, body: { reminders: 'on', digest: 'on' } },
    {
      method: 'POST',
      path: `/arenden/${id}/handlingar`,
      headers: API_HEADERS,
      body: { requestId: 'x-placeholder', direction: 'inkommande', sender: 'Pensionärsrådet', description: 'Skrivelse' },
    },
  ].map((e) => ({ ...e, form: true }));

  // Every route of the app is covered: the ones that take a body above, the others as reads.
  const routes = listRoutes(createApp(product.web.context));
  const covered = new Set([...api, ...forms].map((e) => `${e.method} ${e.path}`));
  const fill = (path: string) =>
    path
      .replace(':id', id)
      .replace(':docId', docId)
      .replace(':kommunkod', '2521')
      .replace(':organ', 'SN')
      .replace(':date', addDays(today, 30))
      .replace(':action', 'invite');
  const withBody = routes.filter((r) => r.method !== 'GET');
  const uncovered = withBody.filter((r) => ![...covered].some((c) => new RegExp(`^${r.method} ${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(c)));
  expect(uncovered).toEqual([]);
  const reads = routes.filter((r) => r.method === 'GET').map((r) => ({ path: fill(r.path), headers: r.path.includes('skr') ? SKR_HEADERS : API_HEADERS }));

  const requests: RawRequest[] = [
    ...api.flatMap((e, i) => malformedRequests(e, SEED + 1000 + i, fresh)),
    ...forms.flatMap((e, i) => malformedRequests(e, SEED + 2000 + i, fresh)),
    ...reads.flatMap((r) => malformedReads(r.path, r.headers)),
  ];
  const failures: string[] = [];
  const tally: Record<number, number> = {};
  const started = Date.now();
  for (let i = 0; i < requests.length; i += 8) {
    const batch = requests.slice(i, i + 8);
    const replies = await Promise.all(batch.map((r) => sendRaw(product.baseUrl, r)));
    replies.forEach((reply, j) => {
      const r = batch[j];
      tally[reply.status] = (tally[reply.status] ?? 0) + 1;
      const where = `${r.method} ${r.path.slice(0, 80)} [${r.description}] → ${reply.status}`;
      if (reply.status >= 500) return failures.push(`${where}: ${reply.text.slice(0, 200)}`);
      if (r.method === 'GET') return;
      if (reply.status < 400) return failures.push(`${where}: godtogs`);
      if (r.path.startsWith('/api/')) {
        let code: unknown;
        try {
          code = JSON.parse(reply.text).error?.code;
        } catch {
          code = undefined;
        }
        if (typeof code !== 'string' || !/^[A-Z_]+$/.test(code)) failures.push(`${where}: svaret saknar felkod: ${reply.text.slice(0, 200)}`);
      }
    });
  }
  if (failures.length > 0) console.error(failures.slice(0, 20).join('\n'));
  expect(failures).toEqual([]);
  expect(await snapshot()).toBe(before);
  console.log(
    `Felaktiga begäranden (frö ${SEED}): ${requests.length} st på ${routes.length} vägar på ${Date.now() - started} ms; svar ${JSON.stringify(tally)}`,
  );
});
