/**
 * Issue 12 in the browser, on the time-skipping server: the nämndsekreterare prepares a meeting (one adoption ärende,
 * one other business item, one standard item), sends the kallelse, runs the meeting with a named vote and a
 * reservation, sends the protokoll for justering; the ordförande and the justerare each justera on the same page
 * signed in as themselves; the secretary puts the notice up; the public anslagstavla shows it (axe-core clean, no
 * sign-in) until it comes down by itself after the three weeks; the ärende's appeal period runs from that notice.
 * The kallelse, the protokoll and the protokollsutdrag of the ärende's § are read back as text.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { lastAppealDay } from '../../domain/deadlines';
import { addDays } from '../../domain/iso-date';
import { CHROMIUM_ARGS, findChromium } from '../../runtime/chromium';
import { DEMO_USERS } from '../../demo/demo-users';
import { normalizeSpace, readPdf } from '../support/pdf';
import { pdfsig } from '../support/pdfsig';
import { expectReadable, visibleText } from '../web/page-text';
import { ArendeDriver, draftAndSign, startHarness, type Harness } from './harness';
import { startHttp, type HttpOverHarness } from './http-over-harness';

jest.setTimeout(300_000);

const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'web');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let h: Harness;
let http: HttpOverHarness;
let browser: Browser;
beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await startHarness('meeting-browser');
  http = await startHttp(h);
  browser = await puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true, pipe: true });
});
afterAll(async () => {
  await browser?.close();
  await http?.stop();
  await h?.stop();
});

async function axe(page: Page, name: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(() =>
    (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  )) as { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  // No stage codes, UTC instants, file names or HTTP routes in what a user reads (issue 15 p. 5).
  expectReadable(name, visibleText(await page.content()));
  expect({ page: name, violations: result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) })) }).toEqual({
    page: name,
    violations: [],
  });
}

async function signedInPage(user: (typeof DEMO_USERS)[keyof typeof DEMO_USERS]): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${http.baseUrl}/logga-in`, { waitUntil: 'load' });
  await page.$eval('#logga-in-username', (el, v) => ((el as HTMLInputElement).value = v as string), user.username);
  await page.$eval('#logga-in-password', (el, v) => ((el as HTMLInputElement).value = v as string), user.password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form[action="/logga-in"] button[type=submit]')]);
  return page;
}

/** Fills a form's fields (by id) and sends it; expects to come back without an error summary. */
async function send(page: Page, action: string, values: Record<string, string> = {}, nth = 0): Promise<void> {
  const forms = await page.$$(`form[action$="/${action}"]`);
  const form = forms[nth];
  expect(form).toBeDefined();
  await form.evaluate((f) => {
    const d = f.closest('details');
    if (d) d.open = true;
  });
  for (const [id, value] of Object.entries(values)) await page.$eval(`#${id}`, (el, v) => ((el as HTMLInputElement).value = v as string), value);
  const button = await form.$('button[type=submit]');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button!.click()]);
  const problem = await page.$eval('body', (b) => b.querySelector('.error-summary')?.textContent ?? '');
  expect({ action, problem: normalizeSpace(problem) }).toEqual({ action, problem: '' });
}

async function pdf(meetingId: string, docId: string): Promise<string> {
  const res = await fetch(`${http.baseUrl}/api/sammantraden/${meetingId}/dokument/${docId}`, {
    headers: { authorization: 'Bearer bf_demo_stockholm_9f2c4a7e1b6d' },
  });
  expect(res.status).toBe(200);
  return normalizeSpace((await readPdf(new Uint8Array(await res.arrayBuffer()))).text);
}

test('a whole meeting in the browser, justerat by two and announced on the public anslagstavla until it comes down', async () => {
  const d = await ArendeDriver.register(h, { kommunkod: '0180', kfRequired: false, namnd: { kod: 'SN', namn: 'Socialnämnden' } });
  const arendeId = d.handle.workflowId;
  const M = (await draftAndSign(d)).meeting!.date;
  const id = `sammantrade-0180-SN-${M}`;
  h.alsoStarted.push(id, 'anslagstavla-0180', 'sammantraden-0180', `paragrafer-0180-SN-${M.slice(0, 4)}`);
  const meeting = async () => (await http.api('GET', `/api/sammantraden/${id}`)).json;

  // The secretary creates the meeting from the list (main navigation: "Kallelser och protokoll").
  const sec = await signedInPage(DEMO_USERS.stockholmSekreterare);
  await sec.goto(`${http.baseUrl}/moten`, { waitUntil: 'load' });
  expect(await sec.$eval('nav a[href="/moten"]', (a) => a.textContent)).toBe('Kallelser och protokoll');
  await sec.select('#nytt-organ', 'SN');
  await send(sec, 'moten', { 'nytt-datum': M, 'nytt-plats': 'Stadshuset, sessionssalen' });
  expect(sec.url()).toContain(`/moten/${id}`);
  // Three items: the standard item "val av justerare", the adoption ärende and other business.
  for (const title of ['Upprop och närvaro', 'Godkännande av dagordningen', 'Anmälan av delegationsbeslut', 'Meddelanden']) {
    const i = (await meeting()).items.findIndex((x: { title: string }) => x.title === title);
    await send(sec, 'removeItem', {}, i);
  }
  await send(sec, 'addArende', { 'ny-arende': arendeId });
  await send(sec, 'addItem', { 'ny-rubrik': 'Uppföljning av verksamhetsplan', 'ny-dnr': 'SN 2026/0099', 'ny-fored': 'Eva Ekonom' });
  await axe(sec, 'mote-planerat');
  await send(sec, 'sendKallelse');
  let m = await meeting();
  const kallelse = await pdf(id, m.kallelser[0].documentIds[0]);
  expect(kallelse).toContain('Kallelse och föredragningslista');
  expect(kallelse).toContain('Uppföljning av verksamhetsplan');
  expect(kallelse).toContain('Val av justerare och tid för justering');

  // The meeting day: opened, attendance, justerare, decisions.
  await d.advanceTo(M);
  await sec.reload({ waitUntil: 'load' });
  await send(sec, 'openMeeting');
  await send(sec, 'setAttendance', {
    'narvaro-led': 'Olle Ordförande (S)\nMaria Moderat (M)\nVera Vänster (V)',
    'narvaro-ers': 'Erik Ersättare (L) för Frida Frånvarande',
    'narvaro-fr': 'Frida Frånvarande (L)',
  });
  await send(sec, 'setSigners', {
    'sign-ordf': 'Karin Kommunstyrelseordförande',
    'sign-ordf-id': 'sthlm-ordforande',
    'sign-j1': 'Linnea Läsare',
    'sign-j1-id': 'sthlm-lasare',
  });
  m = await meeting();
  const idx = (kind: string) => m.items.findIndex((x: { kind: string }) => x.kind === kind);
  const arende = m.items[idx('arende')];
  await send(
    sec,
    'recordItem',
    { [`p${idx('standard')}-beslut`]: 'Karin Kommunstyrelseordförande och Linnea Läsare utses att justera protokollet.' },
    idx('standard'),
  );
  await sec.select(`#p${idx('business')}-utfall`, 'bifall');
  await send(
    sec,
    'recordItem',
    {
      [`p${idx('business')}-beslut`]: 'Nämnden godkänner uppföljningen.',
      [`p${idx('business')}-yrk`]: 'Vera Vänster (V): avslag',
      [`p${idx('business')}-vq`]: 'Ja för förslaget, nej för avslag.',
      [`p${idx('business')}-vja`]: 'förslaget',
      [`p${idx('business')}-vnej`]: 'avslag',
      [`p${idx('business')}-roster`]: 'Olle Ordförande: ja\nMaria Moderat: ja\nVera Vänster: nej\nErik Ersättare: avstår',
      [`p${idx('business')}-res`]: 'Vera Vänster (V): Uppföljningen saknar jämställdhetsanalys.',
    },
    idx('business'),
  );
  await sec.select(`#p${idx('arende')}-utfall`, 'bifall');
  await send(sec, 'recordItem', {}, idx('arende'));
  await axe(sec, 'mote-pagar');
  const s = await d.waitFor((x) => x.stage === 'justering', 'beslutet från sammanträdet');
  expect(s.decisions[0]).toMatchObject({ outcome: 'bifall', paragraph: arende.paragraph });
  await send(sec, 'closeMeeting');
  await send(sec, 'sendForJustering');
  m = await meeting();
  const protokoll = await pdf(id, m.protokoll[0].documentId);
  expect(protokoll).toContain('Omröstning');
  expect(protokoll).toMatch(/Vera Vänster Nej/);
  expect(protokoll).toContain('Vera Vänster (V) reserverar sig mot beslutet. Uppföljningen saknar jämställdhetsanalys.');

  // Justering by the two, each signed in as themselves.
  const J = addDays(M, 2);
  await d.advanceTo(J);
  for (const user of [DEMO_USERS.stockholmOrdforande, DEMO_USERS.stockholmLasare]) {
    const p = await signedInPage(user);
    await p.goto(`${http.baseUrl}/moten/${id}`, { waitUntil: 'load' });
    await axe(p, `mote-justering-${user.id}`);
    await send(p, 'justera');
    await p.browserContext().close();
  }
  m = await meeting();
  expect(m).toMatchObject({ status: 'justerat', justering: { date: J } });
  const utdrag = await pdf(id, m.utdrag[arende.id]);
  expect(utdrag).toContain(`§ ${arende.paragraph}`);
  expect(utdrag).toContain('Utdrag bestyrkes');
  await d.waitFor((x) => x.stage === 'anslag', 'justeringen');
  // The justering's electronic signatures (the local PAdES signer): pdfsig verifies both in the archive copy.
  const justeratId = m.protokoll.at(-1).documentId;
  let copy: Response | undefined;
  for (let i = 0; i < 150 && copy?.status !== 200; i++) {
    if (i) await new Promise((r) => setTimeout(r, 200));
    copy = await fetch(`${http.baseUrl}/api/sammantraden/${id}/dokument/${justeratId}/arkivexemplar`, {
      headers: { authorization: 'Bearer bf_demo_stockholm_9f2c4a7e1b6d' },
    });
  }
  expect(copy!.status).toBe(200);
  const copyFile = path.join(ARTIFACTS, 'justerat-protokoll-arkivexemplar.pdf');
  writeFileSync(copyFile, new Uint8Array(await copy!.arrayBuffer()));
  expect((await pdfsig(copyFile)).signatures.map((x) => [x.commonName, x.signatureValidation])).toEqual([
    ['Karin Kommunstyrelseordförande', 'Signature is Valid.'],
    ['Linnea Läsare', 'Signature is Valid.'],
  ]);

  // The notice goes up; the public anslagstavla shows it, without sign-in.
  await sec.reload({ waitUntil: 'load' });
  await send(sec, 'publishAnslag', { 'anslag-datum': J, 'anslag-plats': 'Stadshuset, registraturen' });
  const appeal = (await d.waitFor((x) => x.appeal !== undefined, 'anslaget')).appeal!;
  expect(appeal).toMatchObject({ from: J, lastDay: lastAppealDay(J) });
  const publicPage = await (await browser.createBrowserContext()).newPage();
  const deadline = Date.now() + 30_000;
  do {
    await publicPage.goto(`${http.baseUrl}/anslagstavla/0180`, { waitUntil: 'load' });
  } while (!(await publicPage.content()).includes('Sista dag för överklagande') && Date.now() < deadline);
  expect(normalizeSpace(await publicPage.$eval('main', (x) => (x as HTMLElement).innerText))).toContain(`Sista dag för överklagande ${lastAppealDay(J)}`);
  await axe(publicPage, 'anslagstavla');

  // Three weeks later it has come down by itself.
  await d.advanceTo(addDays(lastAppealDay(J), 1));
  const down = Date.now() + 30_000;
  do {
    await publicPage.goto(`${http.baseUrl}/anslagstavla/0180`, { waitUntil: 'load' });
  } while (!(await publicPage.content()).includes('Inga justerade protokoll') && Date.now() < down);
  expect(await publicPage.content()).toContain('Inga justerade protokoll är anslagna just nu.');
  await axe(publicPage, 'anslagstavla-tom');
  expect((await meeting()).status).toBe('nedtaget');
});
