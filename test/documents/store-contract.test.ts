/**
 * One contract, two stores: the file system and S3 (moto's S3 server from PyPI, installed into .tools/ on first run).
 * Without python3/pip the S3 half cannot run; the file half and the seam (createDocumentStore) still do.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { S3DocumentStore } from '../../documents/s3-store';
import { FileDocumentStore } from '../../documents/store';
import { loadConfig } from '../../runtime/config';
import { createDocumentStore, isProbed, prepareDocumentStore } from '../../runtime/document-store';
import { ensureMotoServer, startMotoServer, type RunningMoto } from '../../runtime/tools';
import { freePort } from '../support/servers';
import { documentStoreContract } from './store-contract';

const root = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'store-contract-'));

documentStoreContract('FileDocumentStore', async () => new FileDocumentStore(mkdtempSync(path.join(root, 'file-'))));

const moto = ensureMotoServer((msg) => console.warn(msg));
let running: RunningMoto | undefined;

const s3Config = (bucket: string) =>
  loadConfig({
    BF_DOCUMENT_STORE: 's3',
    BF_S3_ENDPOINT: running?.endpoint,
    BF_S3_BUCKET: bucket,
    BF_S3_PREFIX: 'beslutsflode/',
    BF_S3_ACCESS_KEY_ID: 'kontrakt',
    BF_S3_SECRET_ACCESS_KEY: 'kontrakt-hemlig',
    BF_S3_FORCE_PATH_STYLE: 'on',
  });

if (moto) {
  beforeAll(async () => {
    running = await startMotoServer(moto, await freePort());
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
  });

  documentStoreContract('S3DocumentStore (moto)', async () => {
    const store = createDocumentStore(s3Config(`bf-${randomUUID().slice(0, 8)}`));
    await prepareDocumentStore(store);
    return store;
  });

  test('S3: conditional writes are used (not the HEAD-then-PUT fallback) and the bucket is made once', async () => {
    const store = createDocumentStore(s3Config('bf-villkorad')) as S3DocumentStore;
    await prepareDocumentStore(store);
    await prepareDocumentStore(store); // an existing bucket is fine
    await store.put(
      { id: 'doc-villkor', arendeId: 'a', type: 't', title: 'T', version: 1, step: 's', createdAt: 'x', createdBy: 'y' },
      new Uint8Array([1]),
      {},
    );
    expect(store.conditionalWrites).toBe(true);
  });
}

test('createDocumentStore: file by default, under BF_DATA_DIR/documents, with a readiness probe', async () => {
  const dataDir = mkdtempSync(path.join(root, 'seam-'));
  const store = createDocumentStore(loadConfig({ BF_DATA_DIR: dataDir }));
  expect(store).toBeInstanceOf(FileDocumentStore);
  expect(isProbed(store)).toBe(true);
  await prepareDocumentStore(store);
  const rec = await store.put(
    { id: 'doc-seam', arendeId: 'a', type: 't', title: 'T', version: 1, step: 's', createdAt: 'x', createdBy: 'y' },
    new Uint8Array([7]),
    {},
  );
  // The same folder as the existing runtime's documentStoreAt(dataDir): both processes see the same documents.
  expect(await new FileDocumentStore(path.join(dataDir, 'documents')).getRecord('doc-seam')).toEqual(rec);
});

test('createDocumentStore: s3 gives an S3DocumentStore', () => {
  const store = createDocumentStore(
    loadConfig({ BF_DOCUMENT_STORE: 's3', BF_S3_BUCKET: 'dokument', BF_S3_ENDPOINT: 'http://127.0.0.1:1', BF_S3_FORCE_PATH_STYLE: 'on' }),
  );
  expect(store).toBeInstanceOf(S3DocumentStore);
});

test('a file store on a folder that cannot be written is not ready', async () => {
  const blocker = path.join(mkdtempSync(path.join(root, 'ro-')), 'en-fil');
  writeFileSync(blocker, 'x');
  const store = createDocumentStore(loadConfig({ BF_DATA_DIR: blocker }));
  await expect(isProbed(store) && store.checkWritable()).rejects.toThrow();
});
