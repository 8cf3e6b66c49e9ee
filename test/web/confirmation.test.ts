/**
 * Issue 15 p. 5: a confirmation before a bulk invitation of the whole country and before a meeting plan change that
 * re-plans ärenden. Over HTTP and in a real browser on the dev server: unconfirmed → 428 CONFIRMATION_REQUIRED with a
 * Swedish summary and nothing changed; a wrong, foreign or expired token → refused, nothing changed; confirmed → done
 * once and listed in the audit history on the page. The confirmation pages pass axe and work with the keyboard.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEMO_TOKENS, DEMO_USERS } from '../../demo/demo-users';
import { generateMeetingPlan } from '../../domain/meetings';
import { addDays, stockholmDate } from '../../domain/iso-date';
import { CHROMIUM_ARGS, findChromium } from '../../runtime/chromium';
import { loadMunicipalityRegistry } from '../../runtime/reference-data';
import { SessionCodec } from '../../server/auth/session';
import { confirmationFor } from '../../server/confirmation';
import type { ServerContext } from '../../server/context';
import { bulkIdFor } from '../../server/skr/bulk';
import { registrationBody } from '../fixtures/registration';
import { eventually, startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { uniqueSerie } from './http';

jest.setTimeout(240_000);

const SECRET = `bekraftelse-test-${'x'.repeat(32)}`;
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const skr = { authorization: `Bearer ${DEMO_TOKENS.skr.token}` };
const sthlm = { authorization: `Bearer ${DEMO_TOKENS.stockholm.token}` };
const today = stockholmDate(new Date());

let product: TestProduct;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  product = await startProduct(devServerAddress(), { env: { BF_SESSION_SECRET: SECRET } });
  browser = await puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

async function call(method: string, path: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(`${product.baseUrl}${path}`, {
    method,
    headers: {
      ...headers,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
async function html(path: string, headers: Record<string, string>) {
  return (await fetch(`${product.baseUrl}${path}`, { headers: { ...headers, accept: 'text/html' } })).text();
}

/** A token made as the server makes it, but as if 11 minutes ago: expired. */
function expiredToken(kind: string, userId: string, request: unknown): string {
  const ctx = {
    auth: { sessions: new SessionCodec({ secret: SECRET, cookieSecure: false }) },
  } as unknown as ServerContext;
  return confirmationFor(ctx, kind, userId, request, { message: '', count: 0, items: [] }, Date.now() - 11 * 60_000)
    .token;
}

function tampered(token: string): string {
  return token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6);
}

async function axeClean(name: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(() =>
    (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  )) as { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
  expect({
    name,
    violations: result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) })),
  }).toEqual({ name, violations: [] });
}

async function signIn(user: keyof typeof DEMO_USERS): Promise<void> {
  const client = await page.createCDPSession();
  await client.send('Network.clearBrowserCookies');
  await page.goto(`${product.baseUrl}/logga-in`, { waitUntil: 'load' });
  await page.type('#logga-in-username', DEMO_USERS[user].username);
  await page.type('#logga-in-password', DEMO_USERS[user].password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
}

/** Focuses the element with the keyboard (Tab until it has focus) and presses Enter. */
async function keyboardActivate(text: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')) === text) {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      return;
    }
  }
  throw new Error(`${text} nås inte med tangentbordet`);
}

const visible = () => page.evaluate(() => document.body.innerText);

test('a bulk invitation of the whole country is carried out only once confirmed, with a bound token, and is listed with who confirmed it', async () => {
  // 287 municipalities connected by import: the whole country's "not connected" are the last three.
  const all = [...loadMunicipalityRegistry().all()].sort((a, b) => (a.kommunkod < b.kommunkod ? -1 : 1));
  const csv = [
    'kommunkod,status,datum,kalla',
    ...all.map((m, i) => `${m.kommunkod},${i < 287 ? 'ansluten' : 'ej_ansluten'},2026-11-30,SKR`),
  ].join('\n');
  expect(
    (await call('POST', '/api/skr/anslutningsstatus', { requestId: 'bekraftelse-import-01', csv }, skr)).status,
  ).toBe(200);
  await eventually(async () =>
    (await call('GET', '/api/skr/oversikt', undefined, skr)).body.connected === 287 ? true : undefined,
  );

  const request = { requestId: 'hela-landet-0001', action: 'invite', filter: { status: 'ej_anslutna' } };
  const bulkId = bulkIdFor(request.requestId);
  const first = await call('POST', '/api/skr/massatgarder', request, skr);
  expect(first.status).toBe(428);
  expect(first.body.error).toMatchObject({
    code: 'CONFIRMATION_REQUIRED',
    fields: [{ field: 'confirmationToken', rule: 'required' }],
  });
  const { confirmation } = first.body.error;
  expect(confirmation.summary.message).toMatch(/^3 kommuner i hela landet, i \d+ län, bjuds in till Yrkesresan/);
  expect(confirmation.summary.count).toBe(3);
  expect(confirmation.summary.items.join(' ')).toMatch(/län: \d kommuner?/);
  expect((await call('GET', `/api/skr/massatgarder/${bulkId}`, undefined, skr)).status).toBe(404);

  // Wrong, foreign (made for another request) and expired tokens are refused; nothing starts.
  const other = await call('POST', '/api/skr/massatgarder', { ...request, message: 'Välkomna!' }, skr);
  const expired = expiredToken('massatgard', 'skr-admin', {
    requestId: request.requestId,
    program: 'yrkesresan',
    filter: { notConnected: true },
    message: '',
    count: 3,
  });
  for (const [token, rule] of [
    [tampered(confirmation.token), 'invalid'],
    [other.body.error.confirmation.token, 'invalid'],
    [expired, 'expired'],
  ]) {
    const refused = await call('POST', '/api/skr/massatgarder', { ...request, confirmationToken: token }, skr);
    expect({ status: refused.status, code: refused.body.error.code, rule: refused.body.error.fields[0].rule }).toEqual({
      status: 428,
      code: 'CONFIRMATION_REQUIRED',
      rule,
    });
  }
  expect((await call('GET', `/api/skr/massatgarder/${bulkId}`, undefined, skr)).status).toBe(404);

  // Confirmed: carried out, once (the same confirmed request again is the same operation).
  const confirmed = await call(
    'POST',
    '/api/skr/massatgarder',
    { ...request, confirmationToken: confirmation.token },
    skr,
  );
  expect(confirmed.status).toBe(202);
  expect(confirmed.body.id).toBe(bulkId);
  const again = await call('POST', '/api/skr/massatgarder', { ...request, confirmationToken: confirmation.token }, skr);
  expect(again.body.id).toBe(bulkId);
  const done = await eventually(async () => {
    const p = (await call('GET', `/api/skr/massatgarder/${bulkId}`, undefined, skr)).body;
    return p.status === 'klar' ? p : undefined;
  }, 60_000);
  expect(done).toMatchObject({
    total: 3,
    invited: 3,
    errors: [],
    confirmation: { by: DEMO_USERS.skrAdmin.name, summary: confirmation.summary.message },
  });
  const last = (await call('GET', `/api/skr/kommuner/${all[289].kommunkod}`, undefined, skr)).body;
  expect(last.onboarding.timeline.filter((t: any) => t.action === 'invite')).toHaveLength(1);

  // The audit: the bulk page lists who confirmed and when (sv-SE), the operation's page says it too.
  const list = await html('/skr/massatgarder', skr);
  expect(list).toMatch(
    new RegExp(
      `href="/skr/massatgarder/${bulkId}">[^<]+</a> – bekräftad av ${DEMO_USERS.skrAdmin.name} \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}`,
    ),
  );
  expect(await html(`/skr/massatgarder/${bulkId}`, skr)).toContain(`Bekräftad av ${DEMO_USERS.skrAdmin.name}`);

  // A county needs no confirmation.
  expect(
    (
      await call(
        'POST',
        '/api/skr/massatgarder',
        { requestId: 'ett-lan-000001', action: 'invite', filter: { lanskod: all[289].lanskod, status: 'ej_anslutna' } },
        skr,
      )
    ).status,
  ).toBe(202);
});

test('in the browser: the whole country asks first (axe-clean, keyboard), Avbryt changes nothing, Bekräfta starts it', async () => {
  await signIn('skrAdmin');
  const before = (await html('/skr/massatgarder', skr)).match(/href="\/skr\/massatgarder\/[a-f0-9]{24}"/g)?.length ?? 0;
  await page.goto(`${product.baseUrl}/skr/massatgarder`, { waitUntil: 'load' });
  await page.type('#message', 'Välkomna till Yrkesresan!');
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.click('form[action="/skr/massatgarder"] button[type="submit"]'),
  ]);
  expect(await page.$eval('h1', (h) => h.textContent)).toBe('Bekräfta inbjudan till hela landet');
  expect(await visible()).toMatch(/3 kommuner i hela landet, i \d+ län, bjuds in till Yrkesresan med ditt meddelande/);
  await axeClean('bekrafta-massatgard');

  await keyboardActivate('Avbryt');
  expect(new URL(page.url()).pathname).toBe('/skr/massatgarder');
  expect((await html('/skr/massatgarder', skr)).match(/href="\/skr\/massatgarder\/[a-f0-9]{24}"/g)?.length ?? 0).toBe(
    before,
  );

  await page.type('#message', 'Välkomna till Yrkesresan!');
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.click('form[action="/skr/massatgarder"] button[type="submit"]'),
  ]);
  await keyboardActivate('Bekräfta');
  expect(new URL(page.url()).pathname).toMatch(/^\/skr\/massatgarder\/[a-f0-9]{24}$/);
  expect(await visible()).toContain(`Bekräftad av ${DEMO_USERS.skrAdmin.name}`);
  await axeClean('massatgard-bekraftad');
  expect((await html('/skr/massatgarder', skr)).match(/href="\/skr\/massatgarder\/[a-f0-9]{24}"/g)?.length ?? 0).toBe(
    before + 1,
  );
});

test('a meeting plan change that takes away a meeting with a placed ärende needs a confirmation; the plan page lists who changed what', async () => {
  const serie = uniqueSerie('K');
  const year = Number(today.slice(0, 4));
  const later = generateMeetingPlan(serie, 'Socialnämnden', [year + 1], { weekday: 2, week: 3 }).meetings;
  const plan = { organ: serie, name: 'Socialnämnden', meetings: [{ date: today, documentDeadline: today }, ...later] };
  expect((await call('PUT', `/api/sammantradesplaner/${serie}`, plan, sthlm)).status).toBe(200);

  // An ärende placed on today's meeting.
  const created = await call(
    'POST',
    '/api/arenden',
    registrationBody({ namnd: { kod: serie, namn: 'Socialnämnden' }, kfRequired: false }),
    sthlm,
  );
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await eventually(async () =>
    (await call('GET', `/api/arenden/${id}`, undefined, sthlm)).body.meetingPlans ? true : undefined,
  );
  const act = async (action: string, body: Record<string, unknown>) => {
    const r = await call(
      'POST',
      `/api/arenden/${id}/atgarder/${action}`,
      { requestId: `bk-${randomUUID()}`, ...body },
      sthlm,
    );
    expect({ action, status: r.status }).toEqual({ action, status: 200 });
  };
  await act('sendReferrals', { referrals: [{ recipient: 'Äldrenämnden', dueDate: addDays(today, 7) }] });
  await act('recordReferralAnswer', { recipient: 'Äldrenämnden', answer: 'yttrande', text: ['Tillstyrks.'] });
  await act('signTjansteutlatande', {
    role: 'forvaltningschef',
    signatory: { name: 'Fia Förvaltningschef', title: 'Socialdirektör' },
  });
  await act('signTjansteutlatande', {
    role: 'avdelningschef',
    signatory: { name: 'Adam Avdelningschef', title: 'Avdelningschef' },
  });
  const placed = await eventually(async () => {
    const s = (await call('GET', `/api/arenden/${id}`, undefined, sthlm)).body;
    return s.stage === 'sammantrade' ? s : undefined;
  });
  expect(placed.meeting.date).toBe(today);

  // Adding a meeting re-plans nothing: saved at once.
  const added = {
    ...plan,
    meetings: [...plan.meetings, { date: `${year + 2}-01-20`, documentDeadline: `${year + 2}-01-06` }],
  };
  expect((await call('PUT', `/api/sammantradesplaner/${serie}`, added, sthlm)).status).toBe(200);

  const without = { ...added, meetings: added.meetings.slice(1) };
  const first = await call('PUT', `/api/sammantradesplaner/${serie}`, without, sthlm);
  expect(first.status).toBe(428);
  expect(first.body.error.code).toBe('CONFIRMATION_REQUIRED');
  const { confirmation } = first.body.error;
  expect(confirmation.summary).toMatchObject({
    count: 1,
    message: `Sammanträdet ${today} tas bort ur planen. 1 ärende är placerat där och måste planeras om.`,
  });
  expect(confirmation.summary.items).toEqual([`${placed.diarienummer} ${placed.title} (placerat ${today})`]);
  const unchanged = async () => {
    const o = (await call('GET', `/api/sammantradesplaner/${serie}`, undefined, sthlm)).body;
    expect(o.plan.meetings[0].date).toBe(today);
    return o;
  };
  expect((await unchanged()).history).toHaveLength(2);

  const expired = expiredToken('sammantradesplan', 'sthlm-sekreterare', {
    kommunkod: '0180',
    organ: serie,
    plan: without,
    version: 2,
    replanned: [id],
  });
  const bulkToken = (await call('POST', '/api/skr/massatgarder', { action: 'invite' }, skr)).body.error.confirmation
    .token;
  for (const [token, rule] of [
    [tampered(confirmation.token), 'invalid'],
    [bulkToken, 'invalid'],
    [expired, 'expired'],
  ]) {
    const refused = await call(
      'PUT',
      `/api/sammantradesplaner/${serie}`,
      { ...without, confirmationToken: token },
      sthlm,
    );
    expect({ status: refused.status, rule: refused.body.error.fields[0].rule }).toEqual({ status: 428, rule });
  }
  expect((await unchanged()).history).toHaveLength(2);

  const confirmed = await call(
    'PUT',
    `/api/sammantradesplaner/${serie}`,
    { ...without, confirmationToken: confirmation.token },
    sthlm,
  );
  expect(confirmed.status).toBe(200);
  const after = (await call('GET', `/api/sammantradesplaner/${serie}`, undefined, sthlm)).body;
  expect(after.plan.meetings[0].date).not.toBe(today);
  expect(after.history).toHaveLength(3);
  expect(after.history[0]).toMatchObject({
    version: 3,
    by: DEMO_USERS.stockholmSekreterare.name,
    replanned: confirmation.summary.items,
    summary: confirmation.summary.message,
  });
  // The same plan again takes away nothing more that has ärenden: saved at once, as version 4.
  expect(
    (
      await call(
        'PUT',
        `/api/sammantradesplaner/${serie}`,
        { ...without, confirmationToken: confirmation.token },
        sthlm,
      )
    ).status,
  ).toBe(200);
  expect((await call('GET', `/api/sammantradesplaner/${serie}`, undefined, sthlm)).body.history).toHaveLength(4);

  // In the browser: today's meeting back (nothing re-planned), then away again through the confirmation page.
  await signIn('stockholmSekreterare');
  await page.goto(`${product.baseUrl}/sammantraden/${serie}`, { waitUntil: 'load' });
  const planLines = (await page.$eval('#plan-meetings', (t) => (t as HTMLTextAreaElement).value)).split('\n');
  await page.$eval(
    '#plan-meetings',
    (t, v) => ((t as HTMLTextAreaElement).value = v as string),
    [`${today} ${today}`, ...planLines].join('\n'),
  );
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.click('form[aria-labelledby="rubrik-andra"] button[type="submit"]'),
  ]);
  expect(await visible()).toContain('Sammanträdesplanen är sparad.');
  await page.$eval('#plan-meetings', (t, v) => ((t as HTMLTextAreaElement).value = v as string), planLines.join('\n'));
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.click('form[aria-labelledby="rubrik-andra"] button[type="submit"]'),
  ]);
  expect(await page.$eval('h1', (h) => h.textContent)).toBe('Bekräfta ändringen av Socialnämndens sammanträdesplan');
  expect(await visible()).toContain(`${placed.diarienummer} ${placed.title} (placerat ${today})`);
  await axeClean('bekrafta-sammantradesplan');
  await keyboardActivate('Bekräfta');
  const text = await visible();
  expect(text).toContain('Sammanträdesplanen är sparad.');
  expect(text).toContain('Ändringshistorik');
  expect(text).toMatch(
    new RegExp(
      `\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\s+${DEMO_USERS.stockholmSekreterare.name}\\s+Version 6 av planen, bekräftad: Sammanträdet ${today} tas bort`,
    ),
  );
  await axeClean('sammantradesplan-historik');
});
