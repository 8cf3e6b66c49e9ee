/**
 * Operations details over HTTP (issue 15 p. 6), on the web app alone (these routes never reach Temporal): the sign-in
 * rate limit counts failures per account and per address, BF_TRUST_PROXY decides whose X-Forwarded-For names the
 * client, and /metrics is not public.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import type { ServerContext } from '../../server/context';
import { ConfigFileAuthenticator } from '../../server/auth/authenticator';
import { SessionCodec } from '../../server/auth/session';
import { loadUsersFile } from '../../server/auth/users-file';
import { loadConfig } from '../../runtime/config';
import { DEMO_USERS } from '../../demo/demo-users';

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))));
});

/** The web app with the product's users file and no Temporal behind it. */
async function webApp(extra: Partial<ServerContext> = {}): Promise<string> {
  const config = loadConfig({});
  const ctx = {
    client: {},
    taskQueue: 'none',
    store: {},
    kommunName: () => 'Stockholm',
    diarienummerPattern: () => '{serie} {year}/{nr:4}',
    auth: {
      authenticator: new ConfigFileAuthenticator(loadUsersFile(config.BF_USERS_FILE)),
      sessions: new SessionCodec({ secret: 'x'.repeat(40), cookieSecure: false }),
    },
    ...extra,
  } as unknown as ServerContext;
  const server = createApp(ctx).listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** One sign-in attempt as a fresh browser: fetch the form (cookie + CSRF token), post it. */
async function attempt(base: string, username: string, password: string, headers: Record<string, string> = {}) {
  const form = await fetch(`${base}/logga-in`, { headers: { accept: 'text/html' } });
  const cookie = (form.headers.getSetCookie().find((c) => c.startsWith('bf_session=')) ?? '').split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${base}/logga-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ username, password, _csrf: csrf }),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const sara = DEMO_USERS.stockholmSekreterare;
const lasare = DEMO_USERS.stockholmLasare;

test('successful sign-ins never count: a whole municipality behind one address signs in, far beyond the limit', async () => {
  const base = await webApp({ signIn: { attemptsPerAccount: 3, attemptsPerAddress: 4 } });
  for (let i = 0; i < 12; i++) {
    const u = i % 2 === 0 ? sara : lasare;
    expect((await attempt(base, u.username, u.password)).status).toBe(303);
  }
});

test('failures are counted per account, from whatever address, with a Swedish 429 and a code', async () => {
  const base = await webApp({ signIn: { attemptsPerAccount: 3, attemptsPerAddress: 100 }, trustProxy: 'loopback' });
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await attempt(base, sara.username, `gissning-${i}`, { 'x-forwarded-for': `203.0.113.${i + 1}` })).status);
  expect(statuses).toEqual([401, 401, 401]);
  // a fourth address, and even the right password: the account waits out the window
  const locked = await attempt(base, ` ${sara.username.toUpperCase()} `, sara.password, { 'x-forwarded-for': '203.0.113.99' });
  expect(locked.status).toBe(429);
  expect(locked.text).toContain('För många misslyckade inloggningsförsök. Vänta 15 minuter och försök igen.');
  expect(locked.headers.get('ratelimit-policy')).toBeTruthy();
  // another account from the same addresses is not affected
  expect((await attempt(base, lasare.username, lasare.password, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(303);
});

test('failures are counted per address across accounts; the 429 answers JSON with its code to an API client', async () => {
  const base = await webApp({ signIn: { attemptsPerAccount: 100, attemptsPerAddress: 3 }, trustProxy: 'loopback' });
  const from = { 'x-forwarded-for': '198.51.100.7' };
  for (let i = 0; i < 3; i++) expect((await attempt(base, `konto-${i}@example`, 'fel', from)).status).toBe(401);
  const blocked = await attempt(base, sara.username, sara.password, { ...from });
  expect(blocked.status).toBe(429);
  const asApi = await attempt(base, 'konto-x@example', 'fel', { ...from, accept: 'application/json' });
  expect(asApi.status).toBe(429);
  expect(JSON.parse(asApi.text).error).toMatchObject({ code: 'TOO_MANY_SIGN_IN_ATTEMPTS', message: expect.stringContaining('För många misslyckade') });
  // the trusted proxy names another client: that one signs in
  expect((await attempt(base, sara.username, sara.password, { 'x-forwarded-for': '198.51.100.8' })).status).toBe(303);
});

test('without a trusted proxy a forged X-Forwarded-For does not get around the per-address limit', async () => {
  const base = await webApp({ signIn: { attemptsPerAccount: 100, attemptsPerAddress: 3 } });
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await attempt(base, `konto-${i}@example`, 'fel', { 'x-forwarded-for': `192.0.2.${i + 1}` })).status);
  expect(statuses).toEqual([401, 401, 401, 429, 429]);
});

test('/metrics is not public: 404 without BF_METRICS_TOKEN, 401 without the right bearer token, the metrics with it', async () => {
  const closed = await webApp();
  const none = await fetch(`${closed}/metrics`);
  expect(none.status).toBe(404);
  expect(await none.text()).not.toContain('bf_http_requests_total');

  const token = 'skrapnyckel-for-prometheus-0001';
  const open = await webApp({ metricsToken: token });
  expect((await fetch(`${open}/metrics`)).status).toBe(401);
  expect((await fetch(`${open}/metrics`, { headers: { authorization: 'Bearer fel-nyckel-fel-nyckel-00' } })).status).toBe(401);
  const ok = await fetch(`${open}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(ok.status).toBe(200);
  expect(await ok.text()).toContain('bf_http_requests_total');
});
