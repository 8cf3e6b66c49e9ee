/**
 * Sign-in through the municipality's own identity provider (issue 15 p. 1): a real OpenID Connect provider
 * (`oidc-provider`) on loopback, the product configured with BF_OIDC_* and the committed config/oidc.json, and a real
 * browser that signs in through the provider's own login page (authorization code + PKCE), gets its role and
 * municipality from the claims, is refused in Swedish without a mapping, and signs out of both.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../runtime/chromium';
import { startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc';
import { OIDC_NO_ROLE_MESSAGE } from '../../server/routes/sign-in-oidc';
import { REMINDERS_WORKFLOW_ID, remindersQuery } from '../../workflows/reminders-messages';

const screenshotPath = (name: string) => {
  const dir = require('node:path').join(__dirname, '..', '..', 'test-artifacts', 'web');
  require('node:fs').mkdirSync(dir, { recursive: true });
  return require('node:path').join(dir, `${name}.png`) as string;
};
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let product: TestProduct;
let idp: TestOidcProvider;
let browser: Browser;
let page: Page;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  const app = `http://127.0.0.1:${port}`;
  const secret = 'test-client-secret-0123456789abcdef';
  idp = await startOidcProvider({
    client: {
      client_id: 'beslutsflode',
      client_secret: secret,
      redirect_uris: [`${app}/logga-in/oidc/callback`],
      post_logout_redirect_uris: [`${app}/logga-in?utloggad=1`],
    },
    accounts: {
      'sara.oidc': { name: 'Sara Oidc', email: 'sara.oidc@stockholm.example', groups: ['alla-anstallda', 'beslutsflode-namndsekreterare'], kommunkod: '0180' },
      'utan.roll': { name: 'Utan Roll', email: 'utan.roll@stockholm.example', groups: ['alla-anstallda'], kommunkod: '0180' },
    },
  });
  product = await startProduct(devServerAddress(), {
    env: {
      PORT: String(port),
      BF_OIDC_ISSUER: idp.issuer,
      BF_OIDC_CLIENT_ID: 'beslutsflode',
      BF_OIDC_CLIENT_SECRET: secret,
      BF_OIDC_REDIRECT_URI: `${app}/logga-in/oidc/callback`,
      BF_OIDC_SCOPES: 'openid profile email bf',
      BF_OIDC_LABEL: 'Logga in med Stockholms stads konto',
      // mail configured: a sign-in tells the reminder service who the person is (the web never sends mail itself)
      BF_SMTP_URL: 'smtp://127.0.0.1:9',
    },
  });
  browser = await puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
  await idp?.stop();
});

async function axeClean(): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(() =>
    (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  )) as { violations: Array<{ id: string }> };
  expect(result.violations.map((v) => v.id)).toEqual([]);
}

const text = () => page.$eval('body', (b) => (b as HTMLElement).innerText.replace(/\s+/g, ' '));

/** From the product's sign-in page through the IdP's login form back to the product. */
async function signInAtIdp(login: string): Promise<void> {
  await page.goto(`${product.baseUrl}/`, { waitUntil: 'load' });
  expect(page.url()).toContain('/logga-in');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#logga-in-oidc')]);
  expect(page.url().startsWith(idp.issuer)).toBe(true); // at the IdP now
  await page.type('input[name=login]', login);
  await page.type('input[name=password]', 'vilket-som-helst');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type=submit]')]);
  // the IdP redirects to the callback, which redirects on (or refuses there): wait until the product's page is loaded
  await page.waitForFunction((base) => location.href.startsWith(base) && document.readyState === 'complete', {}, product.baseUrl);
}

test('the sign-in page offers the municipality’s sign-in beside the local account, axe-clean', async () => {
  await page.goto(`${product.baseUrl}/logga-in`, { waitUntil: 'load' });
  expect(await page.$eval('#logga-in-oidc', (a) => a.textContent)).toBe('Logga in med Stockholms stads konto');
  expect(await page.$('#logga-in-username')).not.toBeNull(); // local users stay
  await page.screenshot({ path: screenshotPath('logga-in-oidc'), fullPage: true });
  await axeClean();
});

test('a nämndsekreterare signs in through the IdP: role and municipality come from the claims (config/oidc.json)', async () => {
  await signInAtIdp('sara.oidc');
  expect(new URL(page.url()).pathname).toBe('/');
  expect(await text()).toContain('Sara Oidc, Nämndsekreterare (Stockholm)');
  // the session acts as that person: the API answers for Stockholm
  const list = await page.evaluate(async () => (await fetch('/api/arenden')).status);
  expect(list).toBe(200);
  // the reminder service knows her now, with the e-mail address from the IdP's claim
  const reminders = await product.web.context.client.workflow.getHandle(REMINDERS_WORKFLOW_ID).query(remindersQuery);
  expect(reminders.recipients['oidc:sara.oidc']).toMatchObject({ email: 'sara.oidc@stockholm.example', role: 'namndsekreterare', kommunkod: '0180' });
  await axeClean();
});

test('sign-out ends the session here and at the IdP (RP-initiated logout), then back on the sign-in page', async () => {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form[action="/logga-ut"] button')]);
  expect(page.url().startsWith(idp.issuer)).toBe(true); // the IdP asks to confirm its own sign-out
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[name=logout][value=yes]')]);
  await page.waitForFunction((base) => location.href.startsWith(`${base}/logga-in`), {}, product.baseUrl);
  expect(await text()).toContain('Du är utloggad.');
  // signed out here: a page asks for sign-in again
  await page.goto(`${product.baseUrl}/`, { waitUntil: 'load' });
  expect(new URL(page.url()).pathname).toBe('/logga-in');
  // and at the IdP: its login form comes again instead of a silent sign-in
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#logga-in-oidc')]);
  expect(await page.$('input[name=login]')).not.toBeNull();
});

test('a person the mapping does not know is refused in Swedish, and is not signed in', async () => {
  await page.goto(`${product.baseUrl}/logga-in`, { waitUntil: 'load' });
  await signInAtIdp('utan.roll');
  expect(await text()).toContain(OIDC_NO_ROLE_MESSAGE);
  await axeClean();
  const res = await page.goto(`${product.baseUrl}/`, { waitUntil: 'load' });
  expect(res?.ok()).toBe(true);
  expect(new URL(page.url()).pathname).toBe('/logga-in');
});

test('a callback without the transaction is refused with a Swedish message and changes nothing', async () => {
  const res = await fetch(`${product.baseUrl}/logga-in/oidc/callback?code=x&state=y`, { redirect: 'manual' });
  expect(res.status).toBe(400);
  expect(res.headers.get('x-error-code')).toBe('OIDC_EXPIRED');
  expect(await res.text()).toContain('Inloggningen tog för lång tid eller startade inte här.');
});
