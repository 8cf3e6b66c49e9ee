/** The product, a browser and the calls the confirmation tests share (test/web/confirmation-*.test.ts). */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEMO_TOKENS, DEMO_USERS } from '../../demo/demo-users';
import { stockholmDate } from '../../domain/iso-date';
import { CHROMIUM_ARGS, findChromium } from '../../runtime/chromium';
import { SessionCodec } from '../../server/auth/session';
import { confirmationFor } from '../../server/confirmation';
import type { ServerContext } from '../../server/context';
import { startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';

const SECRET = `bekraftelse-test-${'x'.repeat(32)}`;
const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'web');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const skr = { authorization: `Bearer ${DEMO_TOKENS.skr.token}` };
export const sthlm = { authorization: `Bearer ${DEMO_TOKENS.stockholm.token}` };
export const today = stockholmDate(new Date());

let product: TestProduct;
let browser: Browser;
export let page: Page;

/** Call at the top of a test file: starts the product (with a known session secret) and the browser, and stops them. */
export function useProduct(): void {
  beforeAll(async () => {
    product = await startProduct(devServerAddress(), { env: { BF_SESSION_SECRET: SECRET } });
    browser = await puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });
}

export const baseUrl = (): string => product.baseUrl;

export async function call(method: string, path: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(`${baseUrl()}${path}`, {
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
export async function html(path: string, headers: Record<string, string>) {
  return (await fetch(`${baseUrl()}${path}`, { headers: { ...headers, accept: 'text/html' } })).text();
}

/** A token made as the server makes it, but as if 11 minutes ago: expired. */
export function expiredToken(kind: string, userId: string, request: unknown): string {
  const ctx = {
    auth: { sessions: new SessionCodec({ secret: SECRET, cookieSecure: false }) },
  } as unknown as ServerContext;
  return confirmationFor(ctx, kind, userId, request, { message: '', count: 0, items: [] }, Date.now() - 11 * 60_000).token;
}

export function tampered(token: string): string {
  return token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6);
}

/** axe-core (WCAG 2.1 A/AA) on the page as it is, and a full-page screenshot in test-artifacts/web/. */
export async function axeClean(name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
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

export async function signIn(user: keyof typeof DEMO_USERS): Promise<void> {
  const client = await page.createCDPSession();
  await client.send('Network.clearBrowserCookies');
  await page.goto(`${baseUrl()}/logga-in`, { waitUntil: 'load' });
  await page.type('#logga-in-username', DEMO_USERS[user].username);
  await page.type('#logga-in-password', DEMO_USERS[user].password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
}

/** Focuses the element with the keyboard (Tab until it has focus) and presses Enter. */
export async function keyboardActivate(text: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')) === text) {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      return;
    }
  }
  throw new Error(`${text} nås inte med tangentbordet`);
}

export const visible = () => page.evaluate(() => document.body.innerText);
