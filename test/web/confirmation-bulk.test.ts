/**
 * Issue 15 p. 5: SKR's bulk invitation of the whole country is carried out only once confirmed. Over HTTP and in a
 * real browser on the dev server: unconfirmed → 428 CONFIRMATION_REQUIRED with a Swedish summary and nothing started;
 * a wrong, foreign or expired token → refused; confirmed → done once and listed with who confirmed it. The
 * confirmation page passes axe and works with the keyboard.
 */
import { DEMO_USERS } from '../../demo/demo-users';
import { loadMunicipalityRegistry } from '../../runtime/reference-data';
import { bulkIdFor } from '../../server/skr/bulk';
import { eventually } from '../support/product';
import { axeClean, baseUrl, call, expiredToken, html, keyboardActivate, page, signIn, skr, tampered, useProduct, visible } from './confirmation-support';

jest.setTimeout(240_000);
useProduct();

test('a bulk invitation of the whole country is carried out only once confirmed, with a bound token, and is listed with who confirmed it', async () => {
  // 287 municipalities connected by import: the whole country's "not connected" are the last three.
  const all = [...loadMunicipalityRegistry().all()].sort((a, b) => (a.kommunkod < b.kommunkod ? -1 : 1));
  const csv = ['kommunkod,status,datum,kalla', ...all.map((m, i) => `${m.kommunkod},${i < 287 ? 'ansluten' : 'ej_ansluten'},2026-11-30,SKR`)].join('\n');
  expect((await call('POST', '/api/skr/anslutningsstatus', { requestId: 'bekraftelse-import-01', csv }, skr)).status).toBe(200);
  await eventually(async () => ((await call('GET', '/api/skr/oversikt', undefined, skr)).body.connected === 287 ? true : undefined));

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
  const confirmed = await call('POST', '/api/skr/massatgarder', { ...request, confirmationToken: confirmation.token }, skr);
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
    new RegExp(`href="/skr/massatgarder/${bulkId}">[^<]+</a> – bekräftad av ${DEMO_USERS.skrAdmin.name} \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}`),
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
  await page.goto(`${baseUrl()}/skr/massatgarder`, { waitUntil: 'load' });
  await page.type('#message', 'Välkomna till Yrkesresan!');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form[action="/skr/massatgarder"] button[type="submit"]')]);
  expect(await page.$eval('h1', (h) => h.textContent)).toBe('Bekräfta inbjudan till hela landet');
  expect(await visible()).toMatch(/3 kommuner i hela landet, i \d+ län, bjuds in till Yrkesresan med ditt meddelande/);
  await axeClean('bekrafta-massatgard');

  await keyboardActivate('Avbryt');
  expect(new URL(page.url()).pathname).toBe('/skr/massatgarder');
  expect((await html('/skr/massatgarder', skr)).match(/href="\/skr\/massatgarder\/[a-f0-9]{24}"/g)?.length ?? 0).toBe(before);

  await page.type('#message', 'Välkomna till Yrkesresan!');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form[action="/skr/massatgarder"] button[type="submit"]')]);
  await keyboardActivate('Bekräfta');
  expect(new URL(page.url()).pathname).toMatch(/^\/skr\/massatgarder\/[a-f0-9]{24}$/);
  expect(await visible()).toContain(`Bekräftad av ${DEMO_USERS.skrAdmin.name}`);
  await axeClean('massatgard-bekraftad');
  expect((await html('/skr/massatgarder', skr)).match(/href="\/skr\/massatgarder\/[a-f0-9]{24}"/g)?.length ?? 0).toBe(before + 1);
});
