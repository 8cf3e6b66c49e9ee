/**
 * The nämndsekreterare's day in a real browser (Chromium through Puppeteer) against the real product on the dev
 * server: sign in with the keyboard, set the meeting plans, register an ärende (first with an error), send and answer
 * referrals, sign, the nämnd's decision with § and a reservation, justering, anslag, KS, the KF decision, and the
 * protokollsutdrag downloaded and read back. axe-core checks every page (WCAG 2.1 A/AA); screenshots of each page go
 * to test-artifacts/web/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { addDays, stockholmDate } from '../../domain/iso-date';
import { CHROMIUM_ARGS, findChromium } from '../../runtime/chromium';
import { DEMO_USERS } from '../../demo/demo-users';
import { normalizeSpace, readPdf } from '../support/pdf';
import { startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { uniqueSerie } from './http';
import { listRoutes } from '../../server/route-list';
import { createApp } from '../../server/app';

const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'web');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let product: TestProduct;
let browser: Browser;
let page: Page;
const today = stockholmDate(new Date());
const serie = uniqueSerie('B');
const user = DEMO_USERS.linkopingSekreterare; // a municipality no other test file uses
const axeResults: Record<string, unknown[]> = {};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  product = await startProduct(devServerAddress());
  browser = await puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

/** axe-core on the page as it is (WCAG 2.1 A and AA rules), and a full-page screenshot. */
async function checkPage(name: string): Promise<void> {
  await page.evaluate(AXE_SOURCE); // through the DevTools protocol: the page's CSP forbids inline scripts, rightly
  const result = (await page.evaluate(() =>
    (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  )) as { violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> };
  axeResults[name] = result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  expect({ page: name, violations: axeResults[name] }).toEqual({ page: name, violations: [] });
  expect(await page.$eval('html', (el) => el.getAttribute('lang'))).toBe('sv');
}

async function go(url: string): Promise<void> {
  await page.goto(`${product.baseUrl}${url}`, { waitUntil: 'load' });
}

async function setValue(selector: string, value: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.$eval(selector, (el, v) => ((el as HTMLInputElement).value = v as string), value);
}

async function submit(formSelector: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.$eval(`${formSelector} button[type=submit]`, (b) => (b as HTMLButtonElement).click()),
  ]);
}

/** Opens the action's <details> with the keyboard, fills it, sends it, and expects to come back without errors. */
async function act(action: string, values: Record<string, string>, checks: string[] = []): Promise<void> {
  const form = `#atgard-${action}`;
  await page.waitForSelector(`${form} summary`);
  await page.focus(`${form} summary`);
  await page.keyboard.press('Enter');
  for (const [name, value] of Object.entries(values)) await setValue(`#atgard-${action}-${name.replace(/[^A-Za-z0-9]+/g, '-')}`, value);
  for (const id of checks) await page.click(`#atgard-${action}-${id}`);
  await submit(`${form} form`);
  const problem = await page.$eval('body', (b) => b.querySelector('.error-summary')?.textContent ?? '');
  expect({ action, problem: normalizeSpace(problem) }).toEqual({ action, problem: '' });
  expect(page.url()).toContain(`klart=${action}`);
}

async function stage(): Promise<string> {
  return page.$eval('dl.facts', (dl) => {
    const dts = Array.from(dl.querySelectorAll('dt'));
    const i = dts.findIndex((d) => d.textContent === 'Skede');
    return dl.querySelectorAll('dd')[i]?.textContent ?? '';
  });
}

/** Reloads the page until `predicate` holds in it (the workflow works on after answering). */
async function reloadUntil(what: string, predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await page.evaluate(predicate))) {
    if (Date.now() > deadline) throw new Error(`Sidan visade aldrig ${what}`);
    await new Promise((r) => setTimeout(r, 300));
    await page.reload({ waitUntil: 'load' });
  }
}

/** Reloads the ärende page until the workflow has reached the stage (it moves on by itself after some actions). */
async function waitForStage(label: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await stage()) !== label) {
    if (Date.now() > deadline) throw new Error(`Skedet blev inte "${label}" (är "${await stage()}")`);
    await new Promise((r) => setTimeout(r, 300));
    await page.reload({ waitUntil: 'load' });
  }
}

test('a nämndsekreterare takes an ärende from registration to the KF decision in the browser, and every page passes axe', async () => {
  // Sign in with the keyboard only: the skip link first, then the fields in order.
  await go('/');
  expect(page.url()).toContain('/logga-in?next=%2F');
  await checkPage('01-logga-in');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hoppa till innehållet');
  await page.keyboard.press('Tab'); // the site's name, a link to the start page
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('logga-in-username');
  await page.keyboard.type(user.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
  expect({ path: new URL(page.url()).pathname, text: normalizeSpace(await page.$eval('main', (m) => m.textContent ?? '')).slice(0, 7) }).toEqual({
    path: '/',
    text: 'Ärenden',
  });
  await checkPage('02-arendelista');

  // The meeting plans: the nämnd and KF meet today (so that the decisions can be recorded now), and later.
  for (const [organ, name] of [
    [serie, 'Socialnämnden'],
    ['KF', 'Kommunfullmäktige'],
  ]) {
    await go(`/sammantraden/${organ}`);
    await setValue('#plan-name', name);
    await setValue('#plan-meetings', `${today} ${today}\n${addDays(today, 35)} ${addDays(today, 21)}`);
    await submit('form[action^="/sammantraden/"]');
    expect(page.url()).toContain('sparad=1');
  }
  await checkPage('03-sammantrade-organ');
  await go('/sammantraden');
  await checkPage('04-sammantraden');

  // Planering: a target start date in, the latest dates out.
  await go(`/planering?targetStart=${addDays(today, 400)}&namnd=${serie}&kfRequired=true`);
  expect(await page.$eval('main', (m) => m.textContent)).toContain('Senast');
  await checkPage('05-planering');

  // Nytt ärende: first without a title (the error is shown next to the field and linked from the summary)
  await go('/arenden/ny');
  await checkPage('06-ny-arende');
  await setValue('#ny-namnd-kod', serie);
  await setValue('#ny-namnd-namn', 'Socialnämnden');
  await setValue('#ny-forvaltning', 'Socialtjänsten');
  await setValue('#ny-caseOfficer-name', 'Ulla Utredare');
  await setValue('#ny-caseOfficer-title', 'Utredare');
  await setValue(
    '#ny-tjansteutlatande-proposals',
    'Socialnämnden godkänner anslutningen till Yrkesresan.\nSocialnämnden överlämnar ärendet till kommunfullmäktige.',
  );
  await setValue('#ny-tjansteutlatande-summary', 'Yrkesresan ger medarbetarna i socialtjänsten en strukturerad introduktion.');
  await setValue(
    '#ny-tjansteutlatande-assessment',
    'Förvaltningen bedömer att anslutningen stärker kompetensförsörjningen.\n\n- Start hösten 2027\n- Kostnad enligt SKR:s avgift',
  );
  await submit('form[action="/arenden/ny"]');
  expect(await page.$eval('.error-summary a[href="#ny-title"]', (a) => a.textContent)).toContain('Ärendemening');
  expect(await page.$eval('#ny-title', (i) => i.getAttribute('aria-describedby'))).toContain('ny-title-fel');
  expect(await page.$eval('#ny-caseOfficer-name', (i) => (i as HTMLInputElement).value)).toBe('Ulla Utredare');
  expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
  await checkPage('07-ny-arende-fel');
  await setValue('#ny-title', 'Hemställan om att ansluta till Yrkesresan');
  await submit('form[action="/arenden/ny"]');
  expect(page.url()).toMatch(/\/arenden\/arende-[^?]+\?klart=registrerat/);
  const arendeUrl = new URL(page.url()).pathname;
  await reloadUntil(
    'the first draft as PDF',
    () => document.querySelectorAll('a[href*="/dokument/"]').length > 0 && document.querySelectorAll('details').length > 0,
  );
  expect(await stage()).toBe('Utkast');
  await checkPage('08-arende-utkast');

  // Beredning: a referral out and answered with a yttrande.
  const due = addDays(today, 14);
  await act('sendReferrals', { 'referrals.0.recipient': 'Äldrenämnden', 'referrals.0.dueDate': due });
  expect(await stage()).toBe('Beredning');
  await checkPage('09-arende-beredning');
  await act('recordReferralAnswer', { text: 'Äldrenämnden ser i nuläget inget behov av att ansluta.' }, ['recipient-0', 'answer-0']);
  await waitForStage('Undertecknande av tjänsteutlåtande');

  // Signering by förvaltningschef and avdelningschef; then the ärende books itself on the nämnd's meeting today.
  await act('signTjansteutlatande', { 'signatory.name': 'Frida Förvaltningschef', 'signatory.title': 'Socialdirektör' }, ['role-0']);
  await act('signTjansteutlatande', { 'signatory.name': 'Anders Avdelningschef', 'signatory.title': 'Avdelningschef' }, ['role-1']);
  await waitForStage('Väntar på beslut');
  await checkPage('10-arende-sammantrade');

  // The nämnd's decision with § and a reservation, justering, anslag.
  await act(
    'recordDecision',
    { paragraph: '112', 'reservations.0.who': 'Kalle Kula (M)', 'reservations.0.text': 'Reserverar sig mot beslutet till förmån för eget förslag.' },
    ['outcome-0'],
  );
  await act('recordJustering', { date: today, chair: 'Olle Ordförande', adjusters: 'Jenny Justerare' });
  await act('recordAnslag', { date: today, protocolKeptAt: 'Socialtjänsten, Linköpings kommun' });
  await waitForStage('Kommunstyrelsens beredning');
  await checkPage('11-arende-ks');

  // KS prepares; the ärende books itself on KF's meeting today; KF decides.
  await act('recordKsBeredning', { meetingDate: today, paragraph: '45' });
  await waitForStage('Väntar på beslut');
  await act('recordDecision', { paragraph: '201' }, ['outcome-0']);
  await act('recordJustering', { date: today, chair: 'Karin Fullmäktigeordförande', adjusters: 'Petra Justerare\nPelle Justerare' });
  await act('recordAnslag', { date: today, protocolKeptAt: 'Kommunkansliet, Linköpings kommun' });
  await waitForStage('Överklagandetid');
  await checkPage('12-arende-kf-beslut');

  // The history names the signed-in user; the protokollsutdrag of the nämnd's § 112 downloads and reads right.
  const history = await page.$eval('#rubrik-historik + table', (t) => t.textContent ?? '');
  expect(history).toContain(user.name);
  const links = await page.$$eval('a[href*="/dokument/"]', (as) => as.map((a) => ({ href: (a as HTMLAnchorElement).href, text: a.textContent ?? '' })));
  const utdrag = links.filter((l) => l.text.startsWith('Protokollsutdrag'));
  expect(utdrag.length).toBe(2);
  const cookies = await page.cookies();
  const texts = await Promise.all(
    utdrag.map(async (l) => {
      const res = await fetch(l.href, { headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      return normalizeSpace((await readPdf(new Uint8Array(await res.arrayBuffer()))).text);
    }),
  );
  const namnd = texts.find((t) => t.includes('112'));
  expect(namnd).toBeDefined();
  expect(namnd).toContain('Socialnämnden godkänner anslutningen till Yrkesresan.');
  expect(namnd).toContain('Kalle Kula (M)');
  expect(namnd).toContain('Jenny Justerare');
  expect(texts.find((t) => t.includes('201'))).toContain('Kommunfullmäktige');

  // The list shows it with its stage; the föredragningslista of today's KF meeting downloads as a PDF.
  await go(`/?q=${encodeURIComponent('Yrkesresan')}&namnd=${serie}`);
  expect(await page.$eval('tbody', (t) => t.textContent)).toContain('Överklagandetid');
  await checkPage('13-arendelista-filtrerad');
  await go('/sammantraden/KF');
  const agenda = await page.$eval(`a[href^="/sammantraden/KF/${today}/foredragningslista"]`, (a) => (a as HTMLAnchorElement).href);
  const pdf = await fetch(agenda, { headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } });
  expect(pdf.status).toBe(200);
  expect(normalizeSpace((await readPdf(new Uint8Array(await pdf.arrayBuffer()))).text)).toContain('Hemställan om att ansluta till Yrkesresan');

  // Sign out with the keyboard-reachable button; the ärende is no longer reachable.
  await go(arendeUrl);
  await submit('form[action="/logga-ut"]');
  expect(page.url()).toContain('/logga-in?utloggad=1');
  await checkPage('14-utloggad');
}, 240_000); // a whole ärende through the browser, on a shared 2-core machine

test('axe-core finds no WCAG 2.1 A/AA violation on any page of the app, for a sekreterare and for SKR', async () => {
  const routes = listRoutes(createApp(product.web.context))
    .filter(
      (r) =>
        r.method === 'GET' &&
        !r.path.startsWith('/api/') &&
        !r.path.startsWith('/public') &&
        !/dokument|foredragningslista|healthz|metrics|readyz|livez/.test(r.path),
    )
    .map((r) => r.path);
  const visit = async (who: 'sekreterare' | 'skr', signIn: () => Promise<void>) => {
    await signIn();
    for (const route of routes) {
      const url = route.replace(':organ', 'KF').replace(':kommunkod', '0580').replace(':id', 'finns-inte');
      const res = await page.goto(`${product.baseUrl}${url}`, { waitUntil: 'load' });
      if (!res || !(res.headers()['content-type'] ?? '').includes('text/html')) continue;
      await checkPage(`axe-${who}${url.replace(/[^A-Za-z0-9]+/g, '-')}`);
    }
  };
  const signInAs = (u: (typeof DEMO_USERS)[keyof typeof DEMO_USERS]) => async () => {
    await page.deleteCookie(...(await page.cookies()));
    await go('/logga-in');
    await setValue('#logga-in-username', u.username);
    await setValue('#logga-in-password', u.password);
    await submit('form[action="/logga-in"]');
  };
  await visit('sekreterare', signInAs(user));
  await visit('skr', signInAs(DEMO_USERS.skrAdmin));
}, 240_000);
