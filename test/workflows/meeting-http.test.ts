/**
 * Issue 12 through the HTTP API on the time-skipping server: a whole sammanträde with an adoption ärende, other
 * business and a standard item; kallelse (and a changed version), the meeting with § numbers, attendance, a named
 * vote and reservations; the protokoll as PDF and as JSON; justering by the ordförande and a justerare after a
 * rejection; protokollsutdrag; the notice on the public anslagstavla (page, JSON, Atom, hash-chained log), the
 * ärende's appeal period from the day the notice went up, and the notice coming down by itself after three weeks.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pdfsig } from '../support/pdfsig';
import { veraPdf } from '../support/verapdf';
import puppeteer, { type Browser } from 'puppeteer-core';
import { lastAppealDay } from '../../domain/deadlines';
import { addDays, stockholmDate } from '../../domain/iso-date';
import { CHROMIUM_ARGS, findChromium } from '../../runtime/chromium';
import { apiClient, BrowserSession } from '../web/http';
import { recordHistories, recordingHistories } from '../support/histories';
import { normalizeSpace, readPdf } from '../support/pdf';
import { ArendeDriver, draftAndSign, startHarness, type Harness } from './harness';
import { startHttp, type HttpOverHarness } from './http-over-harness';

jest.setTimeout(300_000);

let h: Harness;
let http: HttpOverHarness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness('meeting-http');
  http = await startHttp(h);
  browser = await puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true, pipe: true });
});
afterAll(async () => {
  await browser?.close();
  await http?.stop();
  await h?.stop();
});

const rid = () => `m-${randomUUID()}`;

async function pdfText(path: string): Promise<string> {
  const r = await getPdf(path);
  expect(r.status).toBe(200);
  return normalizeSpace((await readPdf(new Uint8Array(r.body as ArrayBuffer))).text);
}

async function getPdf(path: string, auth = true): Promise<{ status: number; body?: ArrayBuffer }> {
  const res = await fetch(`${http.baseUrl}${path}`, { headers: auth ? { authorization: 'Bearer bf_demo_stockholm_9f2c4a7e1b6d' } : {} });
  return { status: res.status, body: await res.arrayBuffer() };
}

/** GETs a public JSON resource until `ok` holds (the board's own workflow writes its log beside the request). */
async function eventuallyJson(path: string, ok: (j: any) => boolean): Promise<any> {
  const deadline = Date.now() + 30_000;
  let last: unknown;
  while (Date.now() < deadline) {
    last = await (await fetch(`${http.baseUrl}${path}`)).json();
    if (ok(last)) return last;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`${path}: ${JSON.stringify(last)}`);
}

/** Parses XML with the browser's own XML parser (a real parser, not a pattern). */
async function parseAtom(xmlText: string) {
  const page = await browser.newPage();
  try {
    return await page.evaluate((x) => {
      const doc = new DOMParser().parseFromString(x, 'application/xml');
      if (doc.getElementsByTagName('parsererror').length > 0) return { error: doc.getElementsByTagName('parsererror')[0].textContent };
      const ns = 'http://www.w3.org/2005/Atom';
      const feed = doc.documentElement;
      return {
        root: `${feed.namespaceURI} ${feed.localName}`,
        title: feed.getElementsByTagNameNS(ns, 'title')[0]?.textContent,
        entries: Array.from(feed.getElementsByTagNameNS(ns, 'entry')).map((e) => ({
          id: e.getElementsByTagNameNS(ns, 'id')[0]?.textContent,
          title: e.getElementsByTagNameNS(ns, 'title')[0]?.textContent,
          summary: e.getElementsByTagNameNS(ns, 'summary')[0]?.textContent,
        })),
      };
    }, xmlText);
  } finally {
    await page.close();
  }
}

test('a whole meeting: kallelse, protokoll with a named vote, justering by two, anslag and its end', async () => {
  const d = await ArendeDriver.register(h, { kommunkod: '0180', kfRequired: false, namnd: { kod: 'SN', namn: 'Socialnämnden' } });
  const arendeId = d.handle.workflowId;
  const signed = await draftAndSign(d);
  const M = signed.meeting!.date;
  const api = http.api;

  // 1. The meeting, its items: the adoption ärende, other business, one standard item (the others removed).
  let r = await api('POST', '/api/sammantraden', { organ: 'SN', date: M, time: '13:00', place: 'Stadshuset, sessionssalen' });
  expect(r.status).toBe(201);
  const id = r.json.id as string;
  expect(id).toBe(`sammantrade-0180-SN-${M}`);
  h.alsoStarted.push(id, 'anslagstavla-0180', 'sammantraden-0180', `paragrafer-0180-SN-${M.slice(0, 4)}`);
  const act = async (action: string, body: Record<string, unknown> = {}, as = api) =>
    as('POST', `/api/sammantraden/${id}/atgarder/${action}`, { requestId: rid(), ...body });
  for (const item of r.json.items.filter((i: { standard?: string }) => i.standard !== 'justerare'))
    expect((await act('removeItem', { itemId: item.id })).status).toBe(200);
  expect((await act('addArende', { arendeId })).status).toBe(200);
  r = await act('addItem', {
    title: 'Uppföljning av verksamhetsplan',
    diarienummer: 'SN 2026/0099',
    rapporteur: 'Eva Ekonom',
    proposals: ['Nämnden godkänner uppföljningen.'],
  });
  expect(r.status).toBe(200);
  let items = r.json.state.items as Array<{ id: string; kind: string; title: string; paragraph?: number }>;
  expect(items.map((i) => i.kind)).toEqual(['standard', 'arende', 'business']);
  // Reordered while the kallelse is not sent.
  r = await act('reorderItems', { order: [items[0].id, items[2].id, items[1].id] });
  expect(r.json.state.items.map((i: { kind: string }) => i.kind)).toEqual(['standard', 'business', 'arende']);

  // 2. Kallelse and föredragningslista; a change afterwards makes a new, marked version.
  r = await act('sendKallelse');
  expect(r.status).toBe(200);
  let kallelse = await pdfText(`/api/sammantraden/${id}/dokument/${r.json.result.documentIds[0]}`);
  expect(kallelse).toContain('Kallelse och föredragningslista');
  expect(kallelse).toContain('Stadshuset, sessionssalen');
  expect(kallelse).toContain(signed.title);
  expect(kallelse).toContain('Uppföljning av verksamhetsplan');
  expect((await act('reorderItems', { order: items.map((i) => i.id) })).status).toBe(409);
  expect((await act('addStandardItem', { standard: 'meddelanden' })).status).toBe(200);
  r = await act('sendKallelse');
  kallelse = await pdfText(`/api/sammantraden/${id}/dokument/${r.json.result.documentIds[0]}`);
  expect(kallelse).toContain('Ändrad kallelse, version 2');

  // 3. The meeting: § numbers, attendance, decisions with a named vote and reservations.
  expect((await act('openMeeting')).status).toBe(409); // not the day yet
  await d.advanceTo(M);
  r = await act('openMeeting');
  expect(r.status).toBe(200);
  items = r.json.state.items;
  const paragraphs = items.map((i) => i.paragraph as number);
  expect(paragraphs).toEqual([paragraphs[0], paragraphs[0] + 1, paragraphs[0] + 2, paragraphs[0] + 3]);
  const [standard, business, arende] = [
    items.find((i) => i.kind === 'standard')!,
    items.find((i) => i.kind === 'business')!,
    items.find((i) => i.kind === 'arende')!,
  ];
  r = await act('setAttendance', {
    present: [
      { name: 'Olle Ordförande', party: 'S' },
      { name: 'Maria Moderat', party: 'M' },
      { name: 'Vera Vänster', party: 'V' },
    ],
    serving: [{ name: 'Erik Ersättare', party: 'L', replaces: 'Frida Frånvarande' }],
    absent: [{ name: 'Frida Frånvarande', party: 'L' }],
  });
  expect(r.status).toBe(200);
  r = await act('setSigners', {
    ordforande: { name: 'Karin Kommunstyrelseordförande', userId: 'sthlm-ordforande' },
    justerare: [{ name: 'Linnea Läsare', userId: 'sthlm-lasare' }],
    plannedDate: addDays(M, 3),
  });
  expect(r.status).toBe(200);
  expect(
    (await act('recordItem', { itemId: standard.id, decision: ['Karin Kommunstyrelseordförande och Linnea Läsare utses att justera protokollet.'] })).status,
  ).toBe(200);
  const badVote = await act('recordItem', {
    itemId: business.id,
    outcome: 'bifall',
    votering: { question: 'Bifall?', ja: 'förslaget', nej: 'avslag', votes: [{ member: 'Olle Ordförande', vote: 'ja' }] },
  });
  expect(badVote.status).toBe(400);
  expect(badVote.json.error.code).toBe('VALIDATION_FAILED');
  expect(badVote.json.error.message).toContain('röst saknas');
  r = await act('recordItem', {
    itemId: business.id,
    outcome: 'bifall',
    decision: ['Nämnden godkänner uppföljningen.'],
    yrkanden: [
      { who: 'Olle Ordförande (S)', text: 'bifall till förslaget' },
      { who: 'Vera Vänster (V)', text: 'avslag' },
    ],
    propositionsordning: 'Ordföranden ställer förslaget mot avslag och finner förslaget bifallet. Votering begärs.',
    votering: {
      question: 'Den som vill bifalla förslaget röstar ja, den som vill avslå röstar nej.',
      ja: 'förslaget',
      nej: 'avslag',
      votes: [
        { member: 'Olle Ordförande', vote: 'ja' },
        { member: 'Maria Moderat', vote: 'ja' },
        { member: 'Vera Vänster', vote: 'nej' },
        { member: 'Erik Ersättare', vote: 'avstar' },
      ],
    },
    reservations: [{ who: 'Vera Vänster (V)', text: 'Uppföljningen saknar jämställdhetsanalys.' }],
    anteckningar: [{ who: 'Erik Ersättare (L)', text: 'Vill se uppföljningen igen i höst.' }],
  });
  expect(r.status).toBe(200);
  const decision = { requestId: rid(), itemId: arende.id, outcome: 'bifall', reservations: [{ who: 'Maria Moderat (M)' }] };
  r = await api('POST', `/api/sammantraden/${id}/atgarder/recordItem`, decision);
  expect(r.status).toBe(200);
  // The same request again: recorded once, in the meeting and in the ärende.
  const again = await api('POST', `/api/sammantraden/${id}/atgarder/recordItem`, decision);
  expect(again.json.result).toEqual(r.json.result);
  // The same request id with another payload is refused with the product's code, and changes nothing.
  const before = (await api('GET', `/api/sammantraden/${id}`)).json;
  const reused = await api('POST', `/api/sammantraden/${id}/atgarder/recordItem`, { ...decision, outcome: 'avslag' });
  expect([reused.status, reused.json.error.code]).toEqual([409, 'REQUEST_ID_REUSED']);
  expect((await api('GET', `/api/sammantraden/${id}`)).json).toEqual(before);
  let s = await d.waitFor((x) => x.stage === 'justering', 'beslutet från sammanträdet');
  expect(s.decisions).toHaveLength(1);
  expect(s.decisions[0]).toMatchObject({ outcome: 'bifall', paragraph: arende.paragraph, meetingDate: M, reservations: [{ who: 'Maria Moderat (M)' }] });

  expect((await act('closeMeeting')).status).toBe(200);
  r = await act('sendForJustering');
  expect(r.status).toBe(200);
  const unsigned = await pdfText(`/api/sammantraden/${id}/dokument/${r.json.result.documentIds[0]}`);
  expect(unsigned).toContain('Ej justerat');
  expect(unsigned).toContain('UTKAST'); // not an allmän handling until justerat
  expect(unsigned).toContain(`§ ${business.paragraph} Uppföljning av verksamhetsplan`);
  expect(unsigned).toMatch(/Vera Vänster Nej/);
  expect(unsigned).toContain('Uppföljningen saknar jämställdhetsanalys.');
  expect(unsigned).toContain('Tjänstgörande ersättare');

  // The protokoll as structured data.
  const json = (await api('GET', `/api/sammantraden/${id}/protokoll`)).json;
  const b = json.items.find((i: { kind: string }) => i.kind === 'business');
  expect(b.vote.result).toEqual({ ja: 2, nej: 1, avstar: 1, winner: 'ja' });
  expect(b.vote.votes).toContainEqual({ member: 'Vera Vänster', vote: 'nej' });
  expect(b.reservations).toEqual([{ who: 'Vera Vänster (V)', text: 'Uppföljningen saknar jämställdhetsanalys.' }]);
  expect(json.items.find((i: { kind: string }) => i.kind === 'arende')).toMatchObject({ arendeId, outcome: 'bifall', paragraph: arende.paragraph });
  expect(json.attendance.serving).toEqual([{ name: 'Erik Ersättare', party: 'L', replaces: 'Frida Frånvarande' }]);

  // 4. Justering: a rejection with a comment sends it back; then the ordförande and the justerare, each their own.
  await d.advanceTo(addDays(M, 2));
  const ordf = new BrowserSession(http.baseUrl);
  await ordf.signIn('stockholmOrdforande');
  const just = new BrowserSession(http.baseUrl);
  await just.signIn('stockholmLasare');
  const signerAct = (sess: BrowserSession, action: string, body: Record<string, unknown> = {}) =>
    sess.api('POST', `/api/sammantraden/${id}/atgarder/${action}`, { requestId: rid(), ...body });
  r = await signerAct(just, 'rejectJustering', { comment: 'Reservationen i § saknar partibeteckning.' });
  expect(r.status).toBe(200);
  expect(r.json.state.status).toBe('protokoll');
  expect((await act('sendForJustering')).status).toBe(200);
  expect((await act('justera')).status).toBe(403); // the secretary is not a signer
  expect((await signerAct(ordf, 'justera')).json.state.status).toBe('justering');
  const J = addDays(M, 3);
  await d.advanceTo(J);
  r = await signerAct(just, 'justera');
  expect(r.status).toBe(200);
  const meeting = r.json.state;
  expect(meeting).toMatchObject({ status: 'justerat', justering: { date: J } });
  expect(meeting.deadlines.find((x: { kind: string }) => x.kind === 'justering')).toMatchObject({ status: 'ok', doneOn: J });
  s = await d.waitFor((x) => x.stage === 'anslag', 'justeringen från sammanträdet');
  expect(s.decisions[0].justering).toMatchObject({ date: J, chair: 'Karin Kommunstyrelseordförande', adjusters: ['Linnea Läsare'] });

  // The justerat protokoll is final: it gets its PDF/A-2b archive copy beside the step.
  const justeratId = meeting.protokoll.at(-1).documentId;
  expect(meeting.protokoll.at(-1)).toMatchObject({ unsigned: false }); // the archive copy carries the justering's signatures
  // A Ghostscript run and two signatures beside the step: seconds, more on a loaded machine (up to a minute here).
  const archived = await (async () => {
    for (let i = 0; i < 300; i++) {
      const m = (await api('GET', `/api/sammantraden/${id}`)).json;
      if (m.archived?.[justeratId]) return m.archived[justeratId];
      await new Promise((res) => setTimeout(res, 200));
    }
    return undefined;
  })();
  expect(archived).toMatch(/^[0-9a-f]{64}$/);
  expect(await pdfText(`/api/sammantraden/${id}/dokument/${justeratId}`)).not.toContain('UTKAST');
  // Justering with electronic signatures: the ordförande's, then the justerare's PAdES signature, both valid in pdfsig.
  const copy = await getPdf(`/api/sammantraden/${id}/dokument/${justeratId}/arkivexemplar`);
  expect(copy.status).toBe(200);
  const copyFile = path.join(mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'protokoll-')), 'protokoll.pdf');
  writeFileSync(copyFile, new Uint8Array(copy.body!));
  const checked = await pdfsig(copyFile);
  console.log(`pdfsig på det justerade protokollets arkivexemplar:\n${checked.output}`);
  expect(checked.signatures.map((x) => [x.commonName, x.type, x.signatureValidation])).toEqual([
    ['Karin Kommunstyrelseordförande', 'ETSI.CAdES.detached', 'Signature is Valid.'],
    ['Linnea Läsare', 'ETSI.CAdES.detached', 'Signature is Valid.'],
  ]);
  const vera = (await veraPdf([copyFile], '2b')).get(path.resolve(copyFile))!;
  console.log(`veraPDF PDF/A-2b, det justerade protokollet med två underskrifter: ${vera.failures.length} regler fallerade`);
  expect(vera.failures.map((f) => f.rule)).toEqual([]);

  // 5. The protokollsutdrag of the adoption ärende's §.
  const utdrag = await pdfText(`/api/sammantraden/${id}/dokument/${meeting.utdrag[arende.id]}`);
  expect(utdrag).toContain(`§ ${arende.paragraph}`);
  expect(utdrag).toContain('Justerat');
  expect(utdrag).toContain('Utdrag bestyrkes');
  expect(utdrag).toContain('Linnea Läsare');

  // 6. The notice: not backdated; up today; the ärende's appeal period from that day.
  await d.advanceTo(addDays(J, 1));
  const A = addDays(J, 1);
  const backdated = await act('publishAnslag', { date: J, protocolKeptAt: 'Stadshuset' });
  expect([backdated.status, backdated.json.error.code, backdated.json.error.fields[0].field]).toEqual([400, 'VALIDATION_FAILED', 'date']);
  r = await act('publishAnslag', { date: A, protocolKeptAt: 'Stadshuset, Socialförvaltningens registratur' });
  expect(r.status).toBe(200);
  s = await d.waitFor((x) => x.appeal !== undefined, 'anslaget från sammanträdet');
  expect(s.appeal).toMatchObject({ from: A, lastDay: lastAppealDay(A) });
  expect(s.decisions[0].anslag).toMatchObject({ date: A, protocolKeptAt: 'Stadshuset, Socialförvaltningens registratur' });

  // The board puts it up at once (its own workflow writes the log entry).
  await eventuallyJson('/anslagstavla/0180/anslag.json', (j) => j.notices.length === 1);
  const board = await fetch(`${http.baseUrl}/anslagstavla/0180`);
  expect(board.status).toBe(200);
  const html = await board.text();
  expect(html).toContain('Socialnämnden, sammanträde');
  const list = await (await fetch(`${http.baseUrl}/anslagstavla/0180/anslag.json`)).json();
  expect(list.notices).toHaveLength(1);
  expect(list.notices[0]).toMatchObject({
    kind: 'protokoll',
    meetingDate: M,
    justeringDate: J,
    upDate: A,
    lastAppealDay: lastAppealDay(A),
    downDate: addDays(lastAppealDay(A), 1),
  });
  const atom = await parseAtom(await (await fetch(`${http.baseUrl}/anslagstavla/0180/atom.xml`)).text());
  expect(atom).toMatchObject({ root: 'http://www.w3.org/2005/Atom feed', title: 'Anslagstavla – Stockholm' });
  expect(atom.entries).toHaveLength(1);
  expect(atom.entries![0].summary).toContain(`Sista dag för överklagande: ${lastAppealDay(A)}`);
  const publicProtokoll = await (await fetch(`${http.baseUrl}${new URL(list.notices[0].protokoll).pathname}`)).json();
  expect(publicProtokoll.items.map((i: { paragraph: number }) => i.paragraph)).toEqual(paragraphs);
  let log = await (await fetch(`${http.baseUrl}/anslagstavla/0180/logg.json`)).json();
  expect(log.verified).toEqual({ ok: true });
  expect(log.entries.map((e: { event: string }) => e.event)).toEqual(['upp']);

  // The notice comes down by itself the day after the appeal period.
  await d.advanceTo(addDays(lastAppealDay(A), 1));
  log = await eventuallyJson('/anslagstavla/0180/logg.json', (j) => j.entries.length === 2);
  expect(log.entries.map((e: { event: string }) => e.event)).toEqual(['upp', 'ned']);
  expect(log.verified).toEqual({ ok: true });
  expect((await (await fetch(`${http.baseUrl}/anslagstavla/0180/anslag.json`)).json()).notices).toEqual([]);
  expect((await api('GET', `/api/sammantraden/${id}`)).json.status).toBe('nedtaget');
  if (recordingHistories()) await h.env.client.workflow.getHandle(id).result();
  await recordHistories(h.env.client, id, 'sammantrade-hela-motet');
});

test('KF: the kallelse shows the week of KL 5 kap. 12 §, and the kungörelse is on the anslagstavla until the meeting', async () => {
  const today = stockholmDate(await h.env.currentTimeMs());
  const date = addDays(today, 20);
  let r = await http.api('POST', '/api/sammantraden', { organ: 'KF', date, time: '18:00', place: 'Stadshuset, rådssalen' });
  expect(r.status).toBe(201);
  const id = r.json.id as string;
  h.alsoStarted.push(id, 'anslagstavla-0180', 'sammantraden-0180');
  expect(r.json.deadlines.find((x: { kind: string }) => x.kind === 'kallelse')).toMatchObject({ date: addDays(date, -7), law: 'KL 5 kap. 12 §' });
  const act = (action: string, body: Record<string, unknown> = {}) =>
    http.api('POST', `/api/sammantraden/${id}/atgarder/${action}`, { requestId: rid(), ...body });
  expect((await act('addItem', { title: 'Årsredovisning 2026', diarienummer: 'KS 2027/0012' })).status).toBe(200);
  r = await act('sendKallelse');
  expect(r.status).toBe(200);
  const kallelse = await pdfText(`/api/sammantraden/${id}/dokument/${r.json.result.documentIds[0]}`);
  expect(kallelse).toContain(`Kungörelse senast ${addDays(date, -7)}`);
  const list = await eventuallyJson('/anslagstavla/0180/anslag.json', (j) => j.notices.some((n: { kind: string }) => n.kind === 'kungorelse'));
  expect(list.notices.find((n: { kind: string }) => n.kind === 'kungorelse')).toMatchObject({
    organ: 'Kommunfullmäktige',
    meetingDate: date,
    time: '18:00',
    place: 'Stadshuset, rådssalen',
    items: ['Årsredovisning 2026 (KS 2027/0012)'],
    upDate: today,
    downDate: addDays(date, 1),
  });
  const atom = await parseAtom(await (await fetch(`${http.baseUrl}/anslagstavla/0180/atom.xml`)).text());
  expect(atom.entries!.map((e) => e.title)).toContain(`Kungörelse: Kommunfullmäktige sammanträder ${date}`);
  // A secretary of another municipality does not see it; the meeting's API is the municipality's own.
  expect((await apiClient(http.baseUrl, 'goteborg')('GET', `/api/sammantraden/${id}`)).status).toBe(404);
  await recordHistories(h.env.client, id, 'sammantrade-kf-kungorelse');
});
