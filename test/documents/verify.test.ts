/**
 * POST /api/verifiera and the /verifiera page: a PDF of the register is authentic (which ärende, which version,
 * whether it is the archival copy); a changed byte is not; bad input is a clear 4xx. The router runs in a small
 * Express app over a real document store with real PDFs.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { toPdfA2b } from '../../documents/archival';
import { FileDocumentStore, type DocumentRecord } from '../../documents/store';
import { renderDocumentHtml } from '../../documents/templates';
import type { ServerContext } from '../../server/context';
import { apiErrorHandler } from '../../server/http-errors';
import { singleFileField, verifyRouter } from '../../server/routes/api-verify';
import { createRenderer } from '../../runtime/worker';
import { seed000, seed000Look } from '../fixtures/seed-000';

let server: Server;
let base: string;
let store: FileDocumentStore;
const pdfs: { v1: Uint8Array; v2: Uint8Array; archival: Uint8Array } = {} as never;
let v1: DocumentRecord;
let v2: DocumentRecord;

beforeAll(async () => {
  store = new FileDocumentStore(mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'verify-')));
  const renderer = createRenderer(1);
  try {
    const make = (title: string) => renderDocumentHtml('tjansteutlatande', { ...seed000, title }, seed000Look);
    const p1 = make('Hemställan om att ansluta till Yrkesresan');
    const p2 = make('Hemställan om att ansluta till Yrkesresan (reviderad)');
    pdfs.v1 = await renderer.render({ ...p1, createdAt: new Date('2026-06-05T08:00:00Z') });
    pdfs.v2 = await renderer.render({ ...p2, createdAt: new Date('2026-06-20T08:00:00Z') });
    const base = { arendeId: 'arende-verifiera', type: 'tjansteutlatande', createdBy: 'anna', diarienummer: 'SN 2026/0000' };
    v1 = await store.put({ ...base, id: 'doc-v1', title: p1.title, version: 1, step: 'utkast', createdAt: '2026-06-05T08:00:00.000Z' }, pdfs.v1, { v: 1 });
    v2 = await store.put({ ...base, id: 'doc-v2', title: p2.title, version: 2, step: 'aterremiss', createdAt: '2026-06-20T08:00:00.000Z' }, pdfs.v2, { v: 2 });
    pdfs.archival = await toPdfA2b(pdfs.v1, { title: p1.title, lang: 'sv' });
    await store.putArchival('doc-v1', pdfs.archival);
  } finally {
    await renderer.close();
  }
  const app = express();
  app.use(verifyRouter({ store } as unknown as ServerContext));
  app.use(apiErrorHandler);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 90_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

async function verify(bytes: Uint8Array, contentType = 'application/pdf') {
  const res = await fetch(`${base}/api/verifiera`, { method: 'POST', headers: { 'content-type': contentType }, body: Buffer.from(bytes) });
  return { status: res.status, body: (await res.json()) as any };
}

test('each version of a document is authentic and named: ärende, diarienummer, type, title, version', async () => {
  const one = await verify(pdfs.v1);
  expect(one.status).toBe(200);
  expect(one.body).toEqual({
    authentic: true,
    sha256: v1.sha256,
    document: {
      arendeId: 'arende-verifiera',
      diarienummer: 'SN 2026/0000',
      type: 'tjansteutlatande',
      title: 'Tjänsteutlåtande: Hemställan om att ansluta till Yrkesresan',
      version: 1,
      status: 'utkast',
      createdAt: '2026-06-05T08:00:00.000Z',
      archival: false,
    },
  });
  const two = await verify(pdfs.v2, 'application/octet-stream');
  expect(two.body.document).toMatchObject({ version: 2, title: 'Tjänsteutlåtande: Hemställan om att ansluta till Yrkesresan (reviderad)' });
  expect(two.body.sha256).toBe(v2.sha256);
});

test('the PDF/A archival copy is authentic too, and says so', async () => {
  const res = await verify(pdfs.archival);
  expect(res.body.authentic).toBe(true);
  expect(res.body.document).toMatchObject({ version: 1, archival: true, arendeId: 'arende-verifiera' });
});

test('one changed byte, or a PDF from elsewhere, is not authentic', async () => {
  const changed = Buffer.from(pdfs.v1);
  const at = changed.indexOf('Yrkesresan');
  if (at > 0) changed[at] = 'X'.charCodeAt(0);
  else changed[changed.length - 10] ^= 1;
  const res = await verify(changed);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ authentic: false, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect((await verify(new TextEncoder().encode('%PDF-1.7\nnågot annat\n%%EOF'))).body.authentic).toBe(false);
});

test('bad input: clear 4xx naming the field and the rule', async () => {
  const empty = await verify(new Uint8Array());
  expect(empty.status).toBe(400);
  expect(empty.body.error.fields).toEqual([{ field: 'body', rule: 'required', message: 'ingen fil skickades' }]);
  const notPdf = await verify(new TextEncoder().encode('hej, jag är ingen PDF'));
  expect(notPdf.status).toBe(400);
  expect(notPdf.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'body', rule: 'pdf' }] });
  const json = await fetch(`${base}/api/verifiera`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(json.status).toBe(415);
  expect(((await json.json()) as any).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  const tooLarge = await verify(new Uint8Array(20 * 1024 * 1024 + 1));
  expect(tooLarge.status).toBe(413);
  expect(tooLarge.body.error.code).toBe('BODY_TOO_LARGE');
});

test('the page: a form with a file field; posting a PDF (multipart) shows the answer in Swedish', async () => {
  const page = await fetch(`${base}/verifiera`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<html lang="sv"');
  expect(html).toMatch(/<form method="post" action="\/verifiera" enctype="multipart\/form-data">/);
  expect(html).toMatch(/<label for="verifiera-fil">/);

  const post = async (bytes: Uint8Array, name = 'fil') => {
    const form = new FormData();
    form.append(name, new Blob([Buffer.from(bytes)], { type: 'application/pdf' }), 'dokument.pdf');
    const res = await fetch(`${base}/verifiera`, { method: 'POST', body: form });
    return { status: res.status, html: await res.text() };
  };
  const ok = await post(pdfs.v2);
  expect(ok.status).toBe(200);
  expect(ok.html).toContain('Äkta dokument');
  expect(ok.html).toContain('SN 2026/0000');
  expect(ok.html).toContain('Hemställan om att ansluta till Yrkesresan (reviderad)');
  expect(ok.html).toMatch(/<dt>Version<\/dt><dd>2<\/dd>/);

  const notFound = await post(new TextEncoder().encode('%PDF-1.7\nokänd\n%%EOF'));
  expect(notFound.html).toContain('Inget äkta dokument hittades');
  const noFile = await post(pdfs.v1, 'annat-falt');
  expect(noFile.status).toBe(400);
  expect(noFile.html).toContain('ingen fil skickades');
});

test('the multipart reader takes only the named field and stops at the boundary', () => {
  const b = 'XyZ';
  const body = Buffer.from(
    `--${b}\r\nContent-Disposition: form-data; name="annat"\r\n\r\nnej\r\n--${b}\r\nContent-Disposition: form-data; name="fil"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n--XyA\r\n--${b}--\r\n`,
  );
  expect(singleFileField(body, `multipart/form-data; boundary=${b}`, 'fil')?.toString()).toBe('%PDF-1.7\r\n--XyA');
  expect(singleFileField(body, 'multipart/form-data', 'fil')).toBeUndefined();
  expect(singleFileField(body, `multipart/form-data; boundary=${b}`, 'saknas')).toBeUndefined();
});
