/**
 * Incoming and drawn-up handlingar (issue 15 p. 3): a file uploaded to an ärende (multipart) is checked (type, magic
 * bytes, size), registered with date, sender and description in the ärende's register with its SHA-256, listed and
 * downloaded as the same bytes, always as an attachment with nosniff; a yttrande that arrived as a Word file becomes
 * the referral's answer. Refusals are Swedish 4xx with a code and change nothing. Then the same in Chromium.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import yazl from 'yazl';
import { DEMO_USERS } from '../../demo/demo-users';
import { CHROMIUM_ARGS, findChromium } from '../../runtime/chromium';
import { addDays, stockholmDate } from '../../domain/iso-date';
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
const MAX = 300_000;
let product: TestProduct;
let sthlm: ReturnType<typeof apiClient>;
let arendeId: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A real .docx container (OOXML zip) made with yazl. */
function docx(text: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'), '[Content_Types].xml');
  zip.addBuffer(
    Buffer.from(
      `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    ),
    'word/document.xml',
  );
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream
      .on('data', (c: Buffer) => chunks.push(c))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .on('error', reject);
  });
}

async function upload(fields: Record<string, string>, file?: { bytes: Buffer; name: string; type: string }, token = 'stockholm') {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('fil', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const bearer = token === 'goteborg' ? 'bf_demo_goteborg_3e8a1c5f7d20' : 'bf_demo_stockholm_9f2c4a7e1b6d';
  const res = await fetch(`${product.baseUrl}/api/arenden/${arendeId}/handlingar`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}` },
    body: form,
  });
  return { status: res.status, json: (await res.json()) as any };
}

const list = async () => (await sthlm('GET', `/api/arenden/${arendeId}/handlingar`)).json.handlingar as any[];

beforeAll(async () => {
  product = await startProduct(devServerAddress(), { env: { BF_UPLOAD_MAX_BYTES: String(MAX) } });
  sthlm = apiClient(product.baseUrl, 'stockholm');
  const created = await sthlm('POST', '/api/arenden', registrationBody({ namnd: { kod: uniqueSerie('H'), namn: 'Socialnämnden' } }));
  expect(created.status).toBe(201);
  arendeId = created.json.id ?? created.json.arende?.id;
  const due = addDays(stockholmDate(new Date()), 20);
  const sent = await sthlm('POST', `/api/arenden/${arendeId}/atgarder/sendReferrals`, {
    requestId: `ref-${randomUUID()}`,
    referrals: [
      { recipient: 'Äldrenämnden', dueDate: due },
      { recipient: 'Rådet för funktionshinderfrågor', dueDate: due },
    ],
  });
  expect(sent.status).toBe(200);
});
afterAll(async () => {
  await product?.stop();
});

test('a PDF from outside is registered as inkommande with date, sender, description and SHA-256, listed, and downloaded as the same bytes', async () => {
  const requestId = `up-${randomUUID()}`;
  const fields = { requestId, direction: 'inkommande', date: '2026-11-30', sender: 'Pensionärsrådet', description: 'Skrivelse om introduktion av nyanställda' };
  const r = await upload(fields, { bytes: PDF, name: 'skrivelse.pdf', type: 'application/pdf' });
  expect(r.status).toBe(201);
  expect(r.json.handling.document).toMatchObject({
    type: 'bilaga',
    direction: 'inkommande',
    registeredDate: '2026-11-30',
    sender: 'Pensionärsrådet',
    title: 'Skrivelse om introduktion av nyanställda',
    fileName: 'skrivelse.pdf',
    contentType: 'application/pdf',
    sha256: sha(PDF),
    size: PDF.length,
  });
  // the same request again is registered once
  const again = await upload(fields, { bytes: PDF, name: 'skrivelse.pdf', type: 'application/pdf' });
  expect(again.json.handling.document.id).toBe(r.json.handling.document.id);
  expect((await list()).length).toBe(1);

  const res = await fetch(`${product.baseUrl}/api/arenden/${arendeId}/handlingar/${r.json.handling.document.id}/fil`, { headers: product.apiHeaders });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="skrivelse.pdf"/);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(PDF));
});

test('refusals are Swedish 4xx with a code and change nothing: wrong content, unknown type, too large, not multipart, no sender', async () => {
  const before = await list();
  const f = (extra: Record<string, string> = {}) => ({ requestId: `bad-${randomUUID()}`, direction: 'inkommande', sender: 'X', description: 'Y', ...extra });
  const mismatch = await upload(f(), { bytes: PNG, name: 'skrivelse.pdf', type: 'application/pdf' });
  expect(mismatch.status).toBe(415);
  expect(mismatch.json.error).toMatchObject({ code: 'FILE_CONTENT_MISMATCH' });
  expect(mismatch.json.error.message).toContain('Filens innehåll är inte PDF');
  const exe = await upload(f(), { bytes: Buffer.from('MZ\x90\x00'), name: 'program.exe', type: 'application/x-msdownload' });
  expect(exe.status).toBe(415);
  expect(exe.json.error).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', fields: [{ field: 'fil' }] });
  expect(exe.json.error.message).toBe('Filtypen tas inte emot. Skicka en fil av typen PDF, Word (.docx), PNG-bild eller JPEG-bild.');
  const html = await upload(f(), { bytes: Buffer.from('<script>alert(1)</script>'), name: 'sida.html', type: 'text/html' });
  expect(html.json.error.code).toBe('UNSUPPORTED_FILE_TYPE');
  const big = await upload(f(), { bytes: Buffer.concat([PDF, Buffer.alloc(MAX)]), name: 'stor.pdf', type: 'application/pdf' });
  expect(big.status).toBe(413);
  expect(big.json.error).toMatchObject({ code: 'FILE_TOO_LARGE', message: 'Filen är för stor. En handling får vara högst 293 kB.' });
  const json = await sthlm('POST', `/api/arenden/${arendeId}/handlingar`, f());
  expect(json.status).toBe(415);
  expect(json.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  const noSender = await upload(
    { requestId: `bad-${randomUUID()}`, direction: 'inkommande', description: 'Y' },
    { bytes: PDF, name: 'a.pdf', type: 'application/pdf' },
  );
  expect(noSender.status).toBe(400);
  expect(noSender.json.error.fields).toEqual([expect.objectContaining({ field: 'sender', message: 'ange vem handlingen kom från' })]);
  const noFile = await upload(f());
  expect(noFile.status).toBe(400);
  const other = await upload(f(), { bytes: PDF, name: 'a.pdf', type: 'application/pdf' }, 'goteborg');
  expect(other.status).toBe(404);
  expect(await list()).toEqual(before);
});

test('a yttrande that arrives as a Word file is registered and becomes the referral’s answer', async () => {
  const bytes = await docx('Äldrenämnden tillstyrker förslaget.');
  const r = await upload(
    {
      requestId: `svar-${randomUUID()}`,
      direction: 'inkommande',
      sender: 'Äldrenämnden',
      description: 'Yttrande över remiss',
      referralRecipient: 'Äldrenämnden',
    },
    { bytes, name: 'Yttrande äldrenämnden.docx', type: 'application/octet-stream' },
  );
  expect(r.status).toBe(201);
  expect(r.json.handling.document.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const state = (await sthlm('GET', `/api/arenden/${arendeId}`)).json;
  const referral = (state.referrals ?? state.arende?.referrals).find((x: any) => x.recipient === 'Äldrenämnden');
  expect(referral.answer).toMatchObject({ kind: 'yttrande', documentId: r.json.handling.document.id });
  // a second answer for the same body is refused before anything is stored
  const before = await list();
  const twice = await upload(
    { requestId: `svar-${randomUUID()}`, direction: 'inkommande', sender: 'Äldrenämnden', description: 'Igen', referralRecipient: 'Äldrenämnden' },
    { bytes, name: 'y.docx', type: 'application/octet-stream' },
  );
  expect(twice.status).toBe(409);
  expect(await list()).toEqual(before);
  // the API's own answer action may name only a handling of this ärende
  const forged = await sthlm('POST', `/api/arenden/${arendeId}/atgarder/recordReferralAnswer`, {
    requestId: `f-${randomUUID()}`,
    recipient: 'Rådet för funktionshinderfrågor',
    answer: 'yttrande',
    documentId: 'inte-en-handling',
  });
  expect(forged.status).toBe(400);
  expect(forged.json.error.fields[0].field).toBe('documentId');
});

test('in the browser: upload a PNG from the ärende page, see it listed, download the identical bytes (axe-clean)', async () => {
  const browser: Browser = await puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    const u = DEMO_USERS.stockholmSekreterare;
    await page.goto(`${product.baseUrl}/logga-in`, { waitUntil: 'load' });
    await page.type('#logga-in-username', u.username);
    await page.type('#logga-in-password', u.password);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form[action="/logga-in"] button[type=submit]')]);
    await page.goto(`${product.baseUrl}/arenden/${arendeId}`, { waitUntil: 'load' });
    await page.click('#registrera-handling summary');
    const path = `${process.env.BF_TEST_DIR ?? '/tmp'}/karta-${randomUUID()}.png`;
    require('node:fs').writeFileSync(path, PNG);
    const input = await page.$('#handling-fil');
    await (input as any).uploadFile(path);
    await page.click('#handling-direction-upprattad');
    await page.type('#handling-sender', 'Socialförvaltningen');
    await page.type('#handling-description', 'Karta över utbildningsplatser');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#registrera-handling button[type=submit]')]);
    expect(page.url()).toContain('klart=handling');
    const text = await page.$eval('#rubrik-handlingar', (h) => (h.parentElement as HTMLElement).innerText);
    expect(text).toContain('Karta över utbildningsplatser');
    expect(text).toContain('Upprättad');
    await page.screenshot({ path: screenshotPath('arende-handlingar'), fullPage: true });
    const href = await page.$$eval('#handlingar-lista tr', (trs) =>
      trs
        .find((tr) => (tr as HTMLElement).innerText.includes('Karta över utbildningsplatser'))
        ?.querySelector('a')
        ?.getAttribute('href'),
    );
    const entries = await list();
    const mine = entries.find((e) => e.document.title === 'Karta över utbildningsplatser');
    expect(href).toBe(`/arenden/${arendeId}/handlingar/${mine.document.id}/fil`);
    const downloaded = await page.evaluate(async (h) => Array.from(new Uint8Array(await (await fetch(h as string)).arrayBuffer())), href as string);
    expect(sha(Buffer.from(downloaded))).toBe(sha(PNG));
    await page.evaluate(AXE_SOURCE);
    const axe = (await page.evaluate(() =>
      (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
    )) as { violations: Array<{ id: string }> };
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    // a form with an error comes back with the error summary and the values kept
    await page.click('#registrera-handling summary').catch(() => undefined);
    await page.type('#handling-description', 'Utan fil');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#registrera-handling button[type=submit]')]);
    const summary = await page.$eval('#registrera-handling .error-summary', (e) => (e as HTMLElement).innerText);
    expect(summary).toContain('Fil: välj en fil att ladda upp');
    expect(summary).toContain('Avsändare: ange vem handlingen kom från');
    expect(await page.$eval('#handling-description', (e) => (e as HTMLInputElement).value)).toBe('Utan fil');
  } finally {
    await browser.close();
  }
});
