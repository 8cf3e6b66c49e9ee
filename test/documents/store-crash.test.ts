/**
 * The document register when the process dies in the middle of a write (kill -9 of a worker mid-render): for every
 * point at which put or putArchival can stop, a record that exists afterwards is listed for its ärende and found by
 * its hash, and the retried call (or a caller that sees the record and returns it) leaves the register whole.
 * Found by test/resilience/kill-worker.test.ts: records written before their index went missing from listByArende.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileObjects, WriteOnceDocumentStore, sha256Hex, type NewDocument, type WriteOnceObjects } from '../../documents/store';

const root = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'store-crash-'));

class ProcessDied extends Error {}

/** File objects that "die" (throw, writing nothing more) at the n-th write. */
class DyingObjects implements WriteOnceObjects {
  writes = 0;
  constructor(
    private readonly inner: WriteOnceObjects,
    private readonly dieAt: number,
  ) {}
  async putOnce(key: string, body: Uint8Array | string, contentType: string): Promise<boolean> {
    if (++this.writes === this.dieAt) throw new ProcessDied(key);
    return this.inner.putOnce(key, body, contentType);
  }
  get(key: string) {
    return this.inner.get(key);
  }
  list(folder: string) {
    return this.inner.list(folder);
  }
}

const doc = (arendeId: string): NewDocument => ({
  id: 'dok-1',
  arendeId,
  type: 'tjansteutlatande',
  title: 'Tjänsteutlåtande',
  version: 1,
  step: 'beslut',
  createdAt: '2027-03-01T09:00:00.000Z',
  createdBy: 'anna',
});
const bytes = new TextEncoder().encode('%PDF-1.7\nett\n%%EOF');
const archivalBytes = new TextEncoder().encode('%PDF-1.7\narkiv\n%%EOF');

async function writesOfAWholeStore(): Promise<number> {
  const counting = new DyingObjects(new FileObjects(mkdtempSync(path.join(root, 'count-'))), Infinity);
  const store = new WriteOnceDocumentStore(counting);
  await store.put(doc('a'), bytes, { n: 1 });
  await store.putArchival('dok-1', archivalBytes, '2027-03-01T09:00:01.000Z');
  return counting.writes;
}

test('wherever put or putArchival stops, what is on record is listed and findable, and the retry completes it', async () => {
  const total = await writesOfAWholeStore();
  expect(total).toBeGreaterThan(5);
  for (let dieAt = 1; dieAt <= total; dieAt++) {
    const folder = mkdtempSync(path.join(root, `die-${dieAt}-`));
    const dying = new WriteOnceDocumentStore(new DyingObjects(new FileObjects(folder), dieAt));
    await dying
      .put(doc('a'), bytes, { n: 1 })
      .then(() => dying.putArchival('dok-1', archivalBytes, '2027-03-01T09:00:01.000Z'))
      .catch((err) => expect(err).toBeInstanceOf(ProcessDied));

    // What the next process sees before it retries anything (render-document.ts returns an existing record as is).
    const store = new WriteOnceDocumentStore(new FileObjects(folder));
    const record = await store.getRecord('dok-1');
    const listed = (await store.listByArende('a')).map((r) => r.id);
    expect({ dieAt, listed }).toEqual({ dieAt, listed: record ? ['dok-1'] : [] });
    if (record) expect((await store.findByHash(sha256Hex(bytes))).map((r) => r.id)).toEqual(['dok-1']);
    if (record?.archival) expect((await store.findByHash(record.archival.sha256)).map((r) => r.id)).toEqual(['dok-1']);

    // The retry: one document, listed, with its archival copy, found by both hashes.
    await store.put(doc('a'), bytes, { n: 1 });
    await store.putArchival('dok-1', archivalBytes, '2027-03-01T09:00:02.000Z');
    expect((await store.listByArende('a')).map((r) => r.id)).toEqual(['dok-1']);
    expect((await store.findByHash(sha256Hex(bytes))).map((r) => r.id)).toEqual(['dok-1']);
    expect((await store.findByHash(sha256Hex(archivalBytes))).map((r) => r.id)).toEqual(['dok-1']);
  }
});
