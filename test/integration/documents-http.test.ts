/**
 * Issue 10, points 6, 7 and 13, through the HTTP API and the PDFs as downloaded (read back with poppler and pdf-lib).
 *
 * Seed 000's ärende goes from registration to KF's protokollsutdrag:
 * - every tjänsteutlåtande before both signatures is marked UTKAST (page, running header, metadata); v1 is still
 *   downloadable, unchanged, after v2 and v3; the signed version shows who signed and when (point 6);
 * - the remisser to two recipients, the nämnd's and KF's protokollsutdrag and the agendas of two meetings are each
 *   version 1 of their own handling, titled without doubled prefixes; the ärende page shows stages in Swedish (point 7);
 * - the signed tjänsteutlåtande's "Ärendets beredning" is seed 000's own text, with no generated line beside it; the
 *   hemställan is a missive to KF via KS with the nämnd's decision, enclosures and the signatures of its ordförande
 *   and sekreterare, with one date style (point 13).
 */
import { randomUUID } from 'node:crypto';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { SEED_000_ATTACHMENTS, SEED_000_PLACEHOLDERS, SEED_000_PROPOSALS, SEED_000_SECTIONS, SEED_000_SIGNATORIES, SEED_000_TITLE } from '../../demo/seed-000';
import { addDays, stockholmDate } from '../../domain/iso-date';
import { generateMeetingPlan } from '../../domain/meetings';
import { bodyText, pdfFile } from '../documents/pdf-pages';
import { normalizeSpace, readPdf } from '../support/pdf';
import { eventually, apiAct, apiCall, startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';

jest.setTimeout(240_000);

let product: TestProduct;
beforeAll(async () => {
  product = await startProduct(devServerAddress());
});
afterAll(async () => {
  await product?.stop();
});

const call = (method: string, path: string, body?: unknown) => apiCall(product, method, path, body);

const act = (id: string, action: string, body: Record<string, unknown>) => apiAct(product, id, action, body);

interface Doc {
  id: string;
  type: string;
  title: string;
  version: number;
  handling?: string;
  status?: string;
  sha256: string;
  step: string;
}

interface Downloaded {
  bytes: Uint8Array;
  text: string;
  body: string;
  subject?: string;
  keywords?: string;
  status?: string;
  filename?: string;
}

async function download(id: string, doc: Doc): Promise<Downloaded> {
  const res = await fetch(`${product.baseUrl}/api/arenden/${id}/dokument/${doc.id}`, { headers: product.apiHeaders });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const bytes = new Uint8Array(await res.arrayBuffer());
  const read = await readPdf(bytes);
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
  const text = (name: string) => {
    const v = info.lookup(PDFName.of(name));
    return v instanceof PDFHexString || v instanceof PDFString ? v.decodeText() : undefined;
  };
  return {
    filename: /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1],
    bytes,
    text: normalizeSpace(read.text),
    body: normalizeSpace(bodyText(pdfFile(bytes), read.pages)),
    subject: read.subject,
    keywords: text('Keywords'),
    status: text('Dokumentstatus'),
  };
}

const seedContent = () => {
  const [summary, background, matter, preparation, assessment] = SEED_000_SECTIONS.map(([, blocks]) => [...blocks]);
  return {
    proposals: [...SEED_000_PROPOSALS],
    summary,
    background,
    matter,
    preparation,
    assessment,
    signatures: SEED_000_SIGNATORIES.map((s) => ({ ...s })),
    attachments: [...SEED_000_ATTACHMENTS],
  };
};

const LONG_DATE = /\b\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) \d{4}\b/;

test('seed 000 from utkast to KF: UTKAST marks, versions kept, one handling per document, the hemställan as a missive', async () => {
  const today = stockholmDate(new Date());
  const year = Number(today.slice(0, 4));
  const serie = `D${randomUUID()
    .replace(/[^A-Z]/gi, '')
    .slice(0, 5)
    .toUpperCase()}`;
  // The nämnd and KF meet today and later: the nämnd's and KF's agendas are of two different meetings.
  for (const [organ, name] of [
    [serie, 'Socialnämnden'],
    ['KF', 'Kommunfullmäktige'],
  ] as const) {
    const later = generateMeetingPlan(organ, name, [year + 1], { weekday: 2, week: 3 });
    const plan = { organ, name, meetings: [{ date: today, documentDeadline: today }, ...later.meetings] };
    expect((await call('PUT', `/api/sammantradesplaner/${organ}`, plan)).status).toBe(200);
  }

  const created = await call('POST', '/api/arenden', {
    requestId: `doc-${randomUUID()}`,
    kommunkod: '0180',
    namnd: { kod: serie, namn: 'Socialnämnden' },
    title: SEED_000_TITLE,
    forvaltning: 'Socialförvaltningen',
    avdelning: 'Avdelningen för strategi och utveckling',
    caseOfficer: { ...SEED_000_PLACEHOLDERS.caseOfficer },
    kfRequired: true,
    regionalOrganisation: 'egen',
    tjansteutlatande: seedContent(),
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const state = async () => (await call('GET', `/api/arenden/${id}`)).body;
  const docs = async (type: string): Promise<Doc[]> => (await state()).documents.filter((d: Doc) => d.type === type);
  const v1 = (
    await eventually(async () => {
      const s = await state();
      return s.documents?.length > 0 && s.meetingPlans ? s : undefined;
    })
  ).documents[0] as Doc;
  expect(v1).toMatchObject({ type: 'tjansteutlatande', version: 1, status: 'utkast', handling: 'tjansteutlatande' });

  // Point 6: the first version is an utkast, on the page, in the running header and in the metadata.
  const first = await download(id, v1);
  expect(first.body).toContain('UTKAST – version 1. Detta är inte en slutlig version av handlingen.');
  expect(first.text).toMatch(/Tjänsteutlåtande UTKAST\s+Version 1/);
  expect(first.subject?.startsWith('UTKAST – ')).toBe(true);
  expect(first.keywords).toContain('UTKAST');
  expect(first.status).toBe('Utkast');
  expect(first.filename).toBe('tjansteutlatande-hemstallan-om-att-ansluta-till-yrkesresan-v1-utkast.pdf');

  // A second version (the author revises); the first stays downloadable and unchanged.
  const revised = seedContent();
  await act(id, 'reviseDraft', { tjansteutlatande: revised, comment: 'Språklig granskning' });
  const again = await download(id, v1);
  expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);

  // Beredning in seed 000: förvaltningsgruppen and Rådet för funktionshinderfrågor. Two remisser, two handlings.
  await act(id, 'sendReferrals', {
    referrals: [
      { recipient: 'Förvaltningsgruppen', dueDate: addDays(today, 7) },
      { recipient: 'Rådet för funktionshinderfrågor', dueDate: addDays(today, 10) },
    ],
  });
  const remisser = await docs('remiss');
  expect(remisser.map((d) => [d.version, d.title]).sort()).toEqual([
    [1, `Remiss till Förvaltningsgruppen: ${SEED_000_TITLE}`],
    [1, `Remiss till Rådet för funktionshinderfrågor: ${SEED_000_TITLE}`],
  ]);
  expect(new Set(remisser.map((d) => d.handling)).size).toBe(2);
  const remiss = await download(id, remisser[0]!);
  expect(remiss.text).not.toContain('Remiss: Remiss:');
  expect(remiss.status).toBe('Slutlig');
  expect(remiss.filename).toMatch(/^remiss-till-(forvaltningsgruppen|radet-for-funktionshinderfragor)-hemstallan-om-att-ansl.*-v1\.pdf$/);
  await act(id, 'recordReferralAnswer', { recipient: 'Förvaltningsgruppen', answer: 'yttrande', text: ['Ärendet har behandlats i förvaltningsgruppen.'] });
  await act(id, 'recordReferralAnswer', { recipient: 'Rådet för funktionshinderfrågor', answer: 'yttrande', text: ['Rådet har inget att invända.'] });
  const yttranden = await download(id, (await docs('yttrande'))[0]!);
  expect(yttranden.text).not.toMatch(/Remiss: Remiss:|remiss: Remiss:/);

  // Signing: after the first signature the version is still an utkast; the signed version shows who and when.
  await act(id, 'signTjansteutlatande', { role: 'forvaltningschef', signatory: SEED_000_SIGNATORIES[0] });
  await act(id, 'signTjansteutlatande', { role: 'avdelningschef', signatory: SEED_000_SIGNATORIES[1] });
  const tu = await docs('tjansteutlatande');
  expect(tu.map((d) => [d.version, d.status])).toEqual([
    [1, 'utkast'],
    [2, 'utkast'],
    [3, 'slutlig'],
  ]);
  const signed = await download(id, tu[2]!);
  expect(signed.text).not.toContain('UTKAST');
  expect(signed.status).toBe('Slutlig');
  expect(signed.keywords).toContain('Slutlig version');
  for (const who of SEED_000_SIGNATORIES) expect(signed.body).toContain(who.name);
  expect(signed.body.split(`Undertecknat ${today}`).length - 1).toBe(2);
  // Point 13: the seed's own "Ärendets beredning", word for word, and nothing generated beside it.
  const preparation = normalizeSpace((SEED_000_SECTIONS.find(([h]) => h === 'Ärendets beredning')![1] as readonly string[]).join(' '));
  expect(signed.body).toContain(`Ärendets beredning ${preparation} Förvaltningens synpunkter och förslag`);
  expect(signed.body).not.toContain('har lämnat yttrande den');
  // Every earlier version is still there, v1 unchanged.
  expect(Buffer.from((await download(id, v1)).bytes).equals(Buffer.from(first.bytes))).toBe(true);
  expect((await download(id, tu[1]!)).body).toContain('UTKAST – version 2.');

  // The nämnd decides today; justering, anslag; the hemställan goes to KF via KS.
  await eventually(async () => ((await state()).stage === 'sammantrade' ? true : undefined));
  await act(id, 'recordDecision', { outcome: 'bifall', paragraph: 17 });
  await act(id, 'recordJustering', { date: today, chair: 'Olle Ordförande', adjusters: ['Jenny Justerare'] });
  await act(id, 'recordAnslag', {
    date: today,
    protocolKeptAt: 'Socialförvaltningen, registraturen',
    certifiedBy: { name: 'Sara Sekreterare', title: 'Nämndsekreterare' },
  });
  const [hemstallanDoc] = await docs('hemstallan');
  expect(hemstallanDoc).toMatchObject({ title: SEED_000_TITLE, version: 1, status: 'slutlig', step: 'ks_beredning' });
  const hemstallan = await download(id, hemstallanDoc!);
  const dnr = (await state()).diarienummer as string;
  expect(hemstallan.body).toContain(`Diarienummer ${dnr}`);
  expect(hemstallan.body).toContain('Till Kommunfullmäktige via Kommunstyrelsen');
  expect(hemstallan.body).toContain(`Socialnämndens beslut Socialnämnden beslutade vid sitt sammanträde den ${today}, § 17:`);
  expect(hemstallan.body).toContain(normalizeSpace(SEED_000_PROPOSALS[0]!));
  expect(hemstallan.body).toContain('Socialnämnden hemställer att kommunfullmäktige beslutar följande.');
  expect(hemstallan.body).toContain('Kommunfullmäktige bifaller hemställan från Socialnämnden om att ansluta till Yrkesresan.');
  expect(hemstallan.body).toContain('För Socialnämnden');
  for (const who of ['Olle Ordförande', 'Sara Sekreterare', 'Nämndsekreterare']) expect(hemstallan.body).toContain(who);
  expect(hemstallan.body).toContain(`Protokollsutdrag Socialnämnden ${today} § 17`);
  expect(hemstallan.text).not.toMatch(/hemställan: Hemställan/i);
  expect(hemstallan.text).not.toMatch(LONG_DATE);

  // KS prepares; KF meets today and decides; its protokollsutdrag is another handling than the nämnd's.
  await act(id, 'recordKsBeredning', { meetingDate: today, paragraph: 30 });
  await eventually(async () => ((await state()).stage === 'sammantrade' ? true : undefined));
  await act(id, 'recordDecision', { outcome: 'bifall', paragraph: 4 });
  await act(id, 'recordJustering', { date: today, chair: 'Karin Fullmäktigeordförande', adjusters: ['Petra Justerare'] });
  const utdrag = await docs('protokollsutdrag');
  expect(utdrag.map((d) => [d.version, d.title])).toEqual([
    [1, `Protokollsutdrag: Socialnämnden ${today}, §\u00A017 ${SEED_000_TITLE}`],
    [1, `Protokollsutdrag: Kommunfullmäktige ${today}, §\u00A04 ${SEED_000_TITLE}`],
  ]);
  const agendas = await docs('foredragningslista');
  expect(agendas.map((d) => [d.version, d.title])).toEqual([
    [1, `Föredragningslista: Socialnämnden, sammanträde ${today}`],
    [1, `Föredragningslista: Kommunfullmäktige, sammanträde ${today}`],
  ]);
  for (const d of [...utdrag, ...agendas]) expect((await download(id, d)).text).not.toMatch(LONG_DATE);

  // The ärende page: handlings with their own versions, status and stage in Swedish, never a code.
  const page = await fetch(`${product.baseUrl}/arenden/${id}`, { headers: { ...product.apiHeaders, accept: 'text/html' } });
  expect(page.status).toBe(200);
  const html = await page.text();
  const table = html.slice(html.indexOf('id="rubrik-dokument"'), html.indexOf('id="rubrik-historik"'));
  expect(table).toContain('<td>Kommunstyrelsens beredning</td>');
  expect(table).not.toMatch(/<td>(ks_beredning|utkast|beredning|signering|placering|justering|anslag)<\/td>/);
  expect(table).toContain('<td>Utkast</td>');
  expect(table).toContain('<td>Slutlig</td>');
  expect(table).not.toContain('Remiss: Remiss');
  expect(table).toContain(`Remiss till Förvaltningsgruppen: ${SEED_000_TITLE}, version 1 (PDF`);
  expect(table).toContain('version 2 (utkast) (PDF');
});
