/**
 * Pages that keep up (issue 15 p. 4), in Chromium: after an action the page shows the state it led to and says what
 * comes next and who takes it; while the ärende changes elsewhere (another user, the process making documents) the
 * open page updates by itself through server-sent events, without a reload.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEMO_USERS } from '../../demo/demo-users';
import { addDays, stockholmDate } from '../../domain/iso-date';
import { CHROMIUM_ARGS, findChromium } from '../../runtime/chromium';
import { registrationBody } from '../fixtures/registration';
import { startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { apiClient, uniqueSerie } from './http';

const screenshotPath = (name: string) => {
  const dir = require('node:path').join(__dirname, '..', '..', 'test-artifacts', 'web');
  require('node:fs').mkdirSync(dir, { recursive: true });
  return require('node:path').join(dir, `${name}.png`) as string;
};
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let product: TestProduct;
let browser: Browser;
let page: Page;
let sthlm: ReturnType<typeof apiClient>;

beforeAll(async () => {
  product = await startProduct(devServerAddress());
  sthlm = apiClient(product.baseUrl, 'stockholm');
  browser = await puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  page = await browser.newPage();
  const u = DEMO_USERS.stockholmSekreterare;
  await page.goto(`${product.baseUrl}/logga-in`, { waitUntil: 'load' });
  await page.type('#logga-in-username', u.username);
  await page.type('#logga-in-password', u.password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form[action="/logga-in"] button[type=submit]')]);
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

/** Picks a value in a select or a group of radio buttons, whichever the form made of the field. */
async function choose(form: string, name: string, value: string): Promise<void> {
  await page.$$eval(
    `${form} [name="${name}"]`,
    (els, v) => {
      for (const el of els as HTMLInputElement[]) {
        if (el.tagName === 'SELECT') (el as unknown as HTMLSelectElement).value = v as string;
        else if (el.value === v) el.checked = true;
      }
    },
    value,
  );
}

const text = (selector: string) => page.$eval(selector, (e) => (e as HTMLElement).innerText.replace(/\s+/g, ' '));

test('the open ärende page follows a change made elsewhere without a reload, and says the next step and who takes it', async () => {
  const created = await sthlm('POST', '/api/arenden', registrationBody({ namnd: { kod: uniqueSerie('L'), namn: 'Socialnämnden' } }));
  const id: string = created.json.id ?? created.json.arende?.id;
  await page.goto(`${product.baseUrl}/arenden/${id}`, { waitUntil: 'load' });
  expect(await text('#nasta-steg')).toContain('Vem: Handläggaren');
  // the draft is made beside the registration: the documents appear by themselves
  await page.waitForFunction(() => document.querySelector('#arende-dokument table') !== null, { timeout: 30_000 });
  await page.evaluate(() => ((window as any).__samePage = true));

  const due = addDays(stockholmDate(new Date()), 14);
  const sent = await sthlm('POST', `/api/arenden/${id}/atgarder/sendReferrals`, {
    requestId: `live-${randomUUID()}`,
    referrals: [{ recipient: 'Äldrenämnden', dueDate: due }],
  });
  expect(sent.status).toBe(200);

  await page.waitForFunction(() => /Beredning/.test((document.getElementById('arende-fakta') as HTMLElement).innerText), { timeout: 20_000 });
  expect(await page.evaluate(() => (window as any).__samePage)).toBe(true); // no reload
  expect(await text('#nasta-steg')).toContain(`Vänta in och registrera remissvar från Äldrenämnden (sista svarsdag ${due}).`);
  expect(await text('#arende-dokument')).toContain('Remiss');
  expect(await text('#arende-historik')).toContain('Äldrenämnden');
  // the new stage's actions replaced the old ones (no form was open)
  expect(await page.$('#atgard-recordReferralAnswer')).not.toBeNull();
  expect(await text('#live-status')).toContain('Sidan har uppdaterats. Skede: Beredning.');
  await page.screenshot({ path: screenshotPath('arende-nasta-steg'), fullPage: true });

  await page.evaluate(AXE_SOURCE);
  const axe = (await page.evaluate(() =>
    (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  )) as { violations: Array<{ id: string }> };
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test('while an action form is open the page stands still (nothing shifts under the pointer); the change shows when it is closed', async () => {
  const created = await sthlm('POST', '/api/arenden', registrationBody({ namnd: { kod: uniqueSerie('L'), namn: 'Socialnämnden' } }));
  const id: string = created.json.id ?? created.json.arende?.id;
  await page.goto(`${product.baseUrl}/arenden/${id}`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('#arende-dokument table') !== null, { timeout: 30_000 });
  await page.click('#atgard-sendReferrals summary');
  const field = '#atgard-sendReferrals input[type=text]';
  await page.type(field, 'Kultur');
  const formTop = () => page.$eval('#atgard-sendReferrals', (e) => Math.round(e.getBoundingClientRect().top));
  const before = await formTop();

  const sent = await sthlm('POST', `/api/arenden/${id}/atgarder/sendReferrals`, {
    requestId: `live-${randomUUID()}`,
    referrals: [{ recipient: 'Äldrenämnden', dueDate: addDays(stockholmDate(new Date()), 14) }],
  });
  expect(sent.status).toBe(200);
  await page.waitForFunction(() => /stängt formuläret/.test(document.getElementById('live-status')?.textContent ?? ''), { timeout: 20_000 });
  expect(await text('#arende-fakta')).not.toContain('Beredning');
  expect(await formTop()).toBe(before);
  expect(await page.$eval(field, (e) => (e as HTMLInputElement).value)).toBe('Kultur');

  await page.click('#atgard-sendReferrals summary'); // closes the form
  await page.waitForFunction(() => /Beredning/.test((document.getElementById('arende-fakta') as HTMLElement).innerText), { timeout: 20_000 });
  expect(await text('#live-status')).toContain('Sidan har uppdaterats. Skede: Beredning.');
});

test('after an action on the page, the page shows the state the action led to and the step after it', async () => {
  const created = await sthlm('POST', '/api/arenden', registrationBody({ namnd: { kod: uniqueSerie('L'), namn: 'Socialnämnden' } }));
  const id: string = created.json.id ?? created.json.arende?.id;
  const due = addDays(stockholmDate(new Date()), 14);
  await sthlm('POST', `/api/arenden/${id}/atgarder/sendReferrals`, {
    requestId: `live-${randomUUID()}`,
    referrals: [
      { recipient: 'Äldrenämnden', dueDate: due },
      { recipient: 'Pensionärsrådet', dueDate: due },
    ],
  });
  await page.goto(`${product.baseUrl}/arenden/${id}`, { waitUntil: 'load' });
  await page.click('#atgard-recordReferralAnswer summary');
  await choose('#atgard-recordReferralAnswer', 'recipient', 'Äldrenämnden');
  await choose('#atgard-recordReferralAnswer', 'answer', 'avstar');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#atgard-recordReferralAnswer button[type=submit]')]);
  expect(page.url()).toContain('klart=recordReferralAnswer');
  expect(await text('#arende-historik')).toContain('Äldrenämnden avstår från att yttra sig');
  expect(await text('#nasta-steg')).toContain('remissvar från Pensionärsrådet');
  expect(await page.$eval('main', (m) => (m as HTMLElement).innerText)).not.toContain('ladda om');
});

test('the event stream is for those who may see the ärende: 404 for another municipality', async () => {
  const created = await sthlm('POST', '/api/arenden', registrationBody({ namnd: { kod: uniqueSerie('L'), namn: 'Socialnämnden' } }));
  const id: string = created.json.id ?? created.json.arende?.id;
  const res = await fetch(`${product.baseUrl}/arenden/${id}/handelser`, { headers: { authorization: 'Bearer bf_demo_goteborg_3e8a1c5f7d20' } });
  expect(res.status).toBe(404);
  expect((await fetch(`${product.baseUrl}/arenden/${id}/handelser`, { headers: product.apiHeaders })).status).toBe(406); // not an EventSource
  const mine = await fetch(`${product.baseUrl}/arenden/${id}/handelser`, { headers: { ...product.apiHeaders, accept: 'text/event-stream' } });
  expect(mine.headers.get('content-type')).toContain('text/event-stream');
  const reader = mine.body!.getReader();
  let got = '';
  while (!got.includes('event: andrad')) got += new TextDecoder().decode((await reader.read()).value);
  await reader.cancel();
});
