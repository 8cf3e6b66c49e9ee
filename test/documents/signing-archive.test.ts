/**
 * The archiveDocument activity with a PdfSigner: the final anslutningsavtal's copy is signed for the municipality,
 * then SKR, and the register keeps the signatures with the copy, once; a document without signatories is not signed;
 * a signer that cannot work leaves no copy behind (an unsigned copy would be kept for good) and is not retried.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { makeArchiveDocument } from '../../activities/archive-document';
import { makeRenderDocument } from '../../activities/render-document';
import { StaticLookProvider } from '../../documents/looks';
import type { ChromiumPdfRenderer } from '../../documents/renderer';
import { FileDocumentStore } from '../../documents/store';
import { createRenderer } from '../../runtime/worker';
import { LocalPadesSigner } from '../../signing/local-pades';
import { PdfSignerUnavailable, type PdfSigner } from '../../signing/pdf-signer';
import { seed000, seed000Look } from '../fixtures/seed-000';
import { pdfFile } from './pdf-pages';
import { pdfsig } from '../support/pdfsig';
import { SAMPLES } from './samples';

jest.setTimeout(120_000);

const dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'signing-archive-'));
let renderer: ChromiumPdfRenderer;
let store: FileDocumentStore;
let render: ReturnType<typeof makeRenderDocument>;

beforeAll(() => {
  renderer = createRenderer(1);
  store = new FileDocumentStore(path.join(dir, 'documents'));
  render = makeRenderDocument({ renderer, store, looks: new StaticLookProvider({ '0180': seed000Look }, () => 'Stockholms stad') });
});
afterAll(async () => {
  await renderer?.close();
});

const signedAgreement = {
  ...SAMPLES.anslutningsavtal,
  signatures: {
    skr: [{ name: 'Siv SKR-administratör', title: 'Avdelningschef, SKR', date: '2027-03-12' }],
    municipality: [{ name: 'Karin Kommunstyrelseordförande', title: 'Kommunstyrelsens ordförande', date: '2027-03-10' }],
  },
};

const renderAgreement = (docId: string) =>
  render({
    docId,
    arendeId: `anslutning-${docId}`,
    kommunkod: '0180',
    type: 'anslutningsavtal',
    data: signedAgreement,
    step: 'avtal_undertecknat',
    status: 'slutlig',
    version: 2,
    createdBy: 'system',
    createdAt: '2027-03-12T09:00:00.000Z',
    diarienummer: signedAgreement.diarienummer,
  });

test('the final agreement’s copy carries both signatures, municipality first; the register keeps them, once', async () => {
  const archive = makeArchiveDocument({ store, signer: new LocalPadesSigner({ keyDir: path.join(dir, 'keys') }) });
  const ref = await renderAgreement('avtal-signerat');
  const first = await archive(ref.id);
  expect(first.signatures?.map((s) => [s.field, s.role, s.name, s.organisation])).toEqual([
    ['Underskrift1', 'kommun', 'Karin Kommunstyrelseordförande', 'Stockholms stad'],
    ['Underskrift2', 'skr', 'Siv SKR-administratör', 'Sveriges Kommuner och Regioner'],
  ]);
  expect(await archive(ref.id)).toEqual(first); // a retry gets the first copy back, signatures and all
  const record = (await store.getRecord(ref.id))!;
  expect(record.archival?.signatures).toEqual(first.signatures);
  const checked = await pdfsig(pdfFile((await store.getBytes(first.sha256))!));
  expect(checked.signatures.map((s) => [s.commonName, s.signatureValidation])).toEqual([
    ['Karin Kommunstyrelseordförande', 'Signature is Valid.'],
    ['Siv SKR-administratör', 'Signature is Valid.'],
  ]);
});

test('a final document without signatories gets an unsigned copy, and the signer is not asked', async () => {
  const asked: string[] = [];
  const signer: PdfSigner = {
    name: 'räknare',
    sign: async (_pdf, request) => {
      asked.push(request.signer.name);
      throw new Error('ska inte anropas');
    },
  };
  const ref = await render({
    docId: 'tu-slutlig',
    arendeId: 'arende-tu',
    kommunkod: '0180',
    type: 'tjansteutlatande',
    data: seed000,
    step: 'utkast',
    status: 'slutlig',
    version: 1,
    createdBy: 'anna',
    createdAt: '2026-06-05T08:00:00.000Z',
  });
  const copy = await makeArchiveDocument({ store, signer })(ref.id);
  expect(copy.signatures).toBeUndefined();
  expect(asked).toEqual([]);
});

test('a signer that cannot work here: a non-retryable failure and no copy in the register', async () => {
  const broken: PdfSigner = {
    name: 'trasig',
    sign: async () => {
      throw new PdfSignerUnavailable('pyHanko saknas');
    },
  };
  const ref = await renderAgreement('avtal-utan-signerare');
  const failure = await makeArchiveDocument({ store, signer: broken })(ref.id).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(ApplicationFailure);
  expect(failure).toMatchObject({ type: 'PdfSignerUnavailable', nonRetryable: true, message: 'pyHanko saknas' });
  expect((await store.getRecord(ref.id))!.archival).toBeUndefined();
});
