/**
 * Archival copies: PDF/A-2b via Ghostscript, keeping the text and the metadata; the archive-document activity
 * adds the copy to the register once; a missing Ghostscript is a clear error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeArchiveDocument } from '../../activities/archive-document';
import { makeRenderDocument } from '../../activities/render-document';
import { ArchivalError, findGhostscript, toPdfA2b } from '../../documents/archival';
import { StaticLookProvider } from '../../documents/looks';
import type { ChromiumPdfRenderer } from '../../documents/renderer';
import { FileDocumentStore, sha256Hex } from '../../documents/store';
import { renderDocumentHtml } from '../../documents/templates';
import { createRenderer } from '../../runtime/worker';
import { seed000, seed000Look } from '../fixtures/seed-000';
import { normalizeSpace, readPdf } from '../support/pdf';
import { fonts, pdfFile } from './pdf-pages';

let renderer: ChromiumPdfRenderer;
let tagged: Uint8Array;
const printable = renderDocumentHtml('tjansteutlatande', seed000, seed000Look);

beforeAll(async () => {
  renderer = createRenderer(1);
  tagged = await renderer.render({ ...printable, createdAt: new Date('2026-06-05T08:00:00Z') });
}, 60_000);
afterAll(async () => {
  await renderer?.close();
});

test('the copy identifies as PDF/A-2b, with an sRGB OutputIntent, and keeps text, pages, fonts, title, author, subject and /Lang', async () => {
  const archival = await toPdfA2b(tagged, { title: printable.title, author: printable.author, subject: printable.subject, lang: 'sv' });
  const file = pdfFile(archival);
  const xmp = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
  expect(xmp).toMatch(/pdfaid:part=["']2["']/);
  expect(xmp).toMatch(/pdfaid:conformance=["']B["']/);
  expect(xmp).toContain(`<rdf:li xml:lang="x-default">${printable.title}</rdf:li>`);
  const raw = Buffer.from(archival).toString('latin1');
  expect(raw).toMatch(/\/OutputIntents\s*\[/);
  expect(raw).toMatch(/\/S\s*\/GTS_PDFA1/);
  expect(raw).toMatch(/\/ID\s*\[/);

  const original = await readPdf(tagged);
  const copy = await readPdf(archival);
  expect(copy.pages).toBe(original.pages);
  expect(normalizeSpace(copy.text)).toBe(normalizeSpace(original.text));
  expect(copy.title).toBe(printable.title); // å, ä and ö survive (Ghostscript 10.00 alone would drop them)
  expect(copy.author).toBe(printable.author);
  expect(copy.subject).toBe(printable.subject);
  expect(copy.lang).toBe('sv');
  expect(fonts(file).every((f) => f.embedded)).toBe(true);
  expect(copy.tagged).toBe(false); // why the tagged original is kept for publishing
});

test('archiveDocument adds the copy to the register once; both versions stay readable and findable', async () => {
  const store = new FileDocumentStore(mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'archival-')));
  const looks = new StaticLookProvider({ '0180': seed000Look }, () => 'Stockholms stad');
  const render = makeRenderDocument({ renderer, store, looks });
  const archive = makeArchiveDocument({ store });
  const ref = await render({
    docId: 'doc-arkiv-1',
    arendeId: 'arende-arkiv',
    kommunkod: '0180',
    type: 'tjansteutlatande',
    data: seed000,
    step: 'utkast',
    version: 1,
    createdBy: 'anna',
    createdAt: '2026-06-05T08:00:00.000Z',
    diarienummer: seed000.diarienummer,
  });
  const first = await archive(ref.id);
  const again = await archive(ref.id);
  expect(again).toEqual(first);
  const record = (await store.getRecord(ref.id))!;
  expect(record.archival).toMatchObject({ sha256: first.sha256, size: first.size });
  const copy = (await store.getBytes(first.sha256))!;
  expect(sha256Hex(copy)).toBe(first.sha256);
  expect(Buffer.from(copy).toString('latin1')).toMatch(/pdfaid:part="2"/);
  expect((await readPdf(copy)).title).toBe('Tjänsteutlåtande: Hemställan om att ansluta till Yrkesresan');
  expect((await store.getBytes(ref.sha256))!.byteLength).toBe(ref.size); // the tagged original is still there
  expect((await store.findByHash(first.sha256)).map((r) => r.id)).toEqual([ref.id]);
  expect((await store.findByHash(ref.sha256)).map((r) => r.id)).toEqual([ref.id]);
  await expect(archive('doc-finns-inte')).rejects.toThrow('finns inte i dokumentregistret');
});

test('without Ghostscript: a clear Swedish error that says what to install', async () => {
  expect(() => findGhostscript({ BF_GHOSTSCRIPT: '/finns/inte/gs' })).toThrow(ArchivalError);
  await expect(toPdfA2b(tagged, { title: 'x' }, { gs: '/finns/inte/gs' })).rejects.toThrow(/Ghostscript finns inte/);
});

test('the archival copy of an utkast still says UTKAST: on the page, in Subject, and in Keywords that agree with the XMP', async () => {
  const draft = renderDocumentHtml('tjansteutlatande', seed000, seed000Look, { status: 'utkast', version: 2 });
  const pdf = await renderer.render({ ...draft, createdAt: new Date('2026-06-05T08:00:00Z') });
  const archival = await toPdfA2b(pdf, { title: draft.title, author: draft.author, subject: draft.subject, keywords: draft.keywords, lang: 'sv' });
  const file = pdfFile(archival);
  const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' });
  expect(info).toMatch(/^Keywords:\s+Tjänsteutlåtande, UTKAST, Version 2$/m);
  expect(info).toMatch(/^Subject:\s+UTKAST – /m);
  expect(execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' })).toContain('<pdf:Keywords>Tjänsteutlåtande, UTKAST, Version 2</pdf:Keywords>');
  expect((await readPdf(archival)).text).toContain('UTKAST – version 2. Detta är inte en slutlig version av handlingen.');
});
