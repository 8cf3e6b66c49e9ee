/**
 * Mina ärenden (issue 15 p. 2): the page lists what is due for the signed-in person in the ärenden they may see,
 * nearest first, with links; it is axe-clean; the reminder choices are stored in the reminder service (a workflow)
 * and shown again; a person of another municipality sees none of Stockholm's items.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEMO_USERS } from '../../demo/demo-users';
import { addDays, stockholmDate } from '../../domain/iso-date';
import { CHROMIUM_ARGS, findChromium } from '../../runtime/chromium';
import { REMINDERS_WORKFLOW_ID, remindersQuery } from '../../workflows/reminders-messages';
import { registrationBody } from '../fixtures/registration';
import { startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { apiClient, BrowserSession, uniqueSerie } from './http';

const screenshotPath = (name: string) => {
  const dir = require('node:path').join(__dirname, '..', '..', 'test-artifacts', 'web');
  require('node:fs').mkdirSync(dir, { recursive: true });
  return require('node:path').join(dir, `${name}.png`) as string;
};
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let product: TestProduct;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  product = await startProduct(devServerAddress());
  browser = await puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

test('what is due for me, nearest first, with the reminder choices stored durably', async () => {
  const sthlm = apiClient(product.baseUrl, 'stockholm');
  const today = stockholmDate(new Date());
  const titles = ['Ärende med sen remiss', 'Ärende med snar remiss'];
  for (const [title, days] of [
    [titles[0], 12],
    [titles[1], 3],
  ] as const) {
    const created = await sthlm('POST', '/api/arenden', registrationBody({ title, namnd: { kod: uniqueSerie('M'), namn: 'Socialnämnden' } }));
    const id = created.json.id ?? created.json.arende?.id;
    const sent = await sthlm('POST', `/api/arenden/${id}/atgarder/sendReferrals`, {
      requestId: `mina-${randomUUID()}`,
      referrals: [{ recipient: 'Äldrenämnden', dueDate: addDays(today, days) }],
    });
    expect(sent.status).toBe(200);
  }
  const u = DEMO_USERS.stockholmSekreterare;
  await page.goto(`${product.baseUrl}/logga-in`, { waitUntil: 'load' });
  await page.type('#logga-in-username', u.username);
  await page.type('#logga-in-password', u.password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form[action="/logga-in"] button[type=submit]')]);
  await page.goto(`${product.baseUrl}/mina-arenden`, { waitUntil: 'load' });
  const rows = await page.$$eval('table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ')));
  const mine = rows.filter((r) => titles.some((t) => r.includes(t)));
  expect(mine).toHaveLength(2);
  expect(mine[0]).toContain(titles[1]); // the nearer last day first
  expect(mine[0]).toContain(`Remissvar från Äldrenämnden`);
  expect(mine[0]).toContain(`${addDays(today, 3)} (om 3 dagar)`);
  expect(await page.$eval('a[aria-current="page"]', (a) => a.textContent)).toBe('Mina ärenden');
  await page.screenshot({ path: screenshotPath('mina-arenden'), fullPage: true });
  await page.evaluate(AXE_SOURCE);
  const axe = (await page.evaluate(() =>
    (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  )) as { violations: Array<{ id: string }> };
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // turn the digest off: stored in the reminder service's workflow, shown again
  await page.click('#paminnelser-digest');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form[action="/mina-arenden/paminnelser"] button')]);
  expect(await page.$eval('#paminnelser-digest', (e) => (e as HTMLInputElement).checked)).toBe(false);
  expect(await page.$eval('#paminnelser-reminders', (e) => (e as HTMLInputElement).checked)).toBe(true);
  expect(await page.$eval('body', (b) => (b as HTMLElement).innerText)).toContain('Dina val är sparade.');
  const state = await product.web.context.client.workflow.getHandle(REMINDERS_WORKFLOW_ID).query(remindersQuery);
  expect(state.recipients['sthlm-sekreterare'].preferences).toEqual({ reminders: true, digest: false });
});

test('another municipality’s secretary sees none of Stockholm’s items', async () => {
  const gbg = new BrowserSession(product.baseUrl);
  await gbg.signIn('goteborgSekreterare');
  const r = await gbg.get('/mina-arenden');
  expect(r.status).toBe(200);
  expect(r.text).not.toContain('Ärende med snar remiss');
});
