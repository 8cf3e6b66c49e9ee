/**
 * The DocumentStore contract: one suite that every implementation must pass (FileDocumentStore, S3DocumentStore).
 * Call it from a test file with a factory that gives a fresh, empty store.
 */
import { randomUUID } from 'node:crypto';
import { ImmutableDocumentError, sha256Hex, type DocumentRecord, type DocumentStore, type NewDocument } from '../../documents/store';

type Partial = NewDocument;

/** A new document of its own ärende unless told otherwise (version numbers are unique per ärende and type). */
function partial(overrides: Record<string, unknown> = {}): Partial {
  return {
    id: `doc-${randomUUID()}`,
    arendeId: `arende-kontrakt-${randomUUID()}`,
    type: 'tjansteutlatande',
    title: 'Hemställan om att ansluta till Yrkesresan',
    version: 1,
    step: 'utkast',
    createdAt: '2027-03-01T09:00:00.000Z',
    createdBy: 'anna',
    diarienummer: 'SN 2027/0001',
    ...overrides,
  } as Partial;
}

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF`);

export function documentStoreContract(name: string, makeStore: () => Promise<DocumentStore>): void {
  describe(`DocumentStore-kontraktet: ${name}`, () => {
    let store: DocumentStore;
    beforeEach(async () => {
      store = await makeStore();
    });

    test('put stores bytes, record and input; each can be read back', async () => {
      const p = partial();
      const bytes = pdf('ett');
      const input = { type: 'tjansteutlatande', data: { title: 'Ärende ÅÄÖ' } };
      const record = await store.put(p, bytes, input);
      expect(record).toMatchObject({ ...p, sha256: sha256Hex(bytes), size: bytes.byteLength, inputSha256: sha256Hex(JSON.stringify(input)) });
      expect(await store.getRecord(p.id)).toEqual(record);
      expect(Buffer.from((await store.getBytes(record.sha256)) as Uint8Array)).toEqual(Buffer.from(bytes));
      expect(await store.getInput(record.inputSha256)).toEqual(input);
      expect(await store.findByHash(record.sha256)).toEqual([record]);
    });

    test('the same put twice (a retried activity) is one document: the first write stands', async () => {
      const p = partial();
      const first = await store.put(p, pdf('samma'), { n: 1 });
      const again = await store.put(p, pdf('samma'), { n: 1 });
      expect(again).toEqual(first);
      // Same input, different bytes (a re-render): still the first document.
      const rerendered = await store.put({ ...p, createdBy: 'annan' }, pdf('omrenderad'), { n: 1 });
      expect(rerendered).toEqual(first);
      expect(await store.findByHash(first.sha256)).toEqual([first]);
      expect(await store.findByHash(sha256Hex(pdf('omrenderad')))).toEqual([]);
    });

    test('a different document under a used id is refused and changes nothing', async () => {
      const p = partial();
      const first = await store.put(p, pdf('original'), { n: 1 });
      await expect(store.put(p, pdf('förfalskad'), { n: 2 })).rejects.toBeInstanceOf(ImmutableDocumentError);
      expect(await store.getRecord(p.id)).toEqual(first);
      expect(await store.findByHash(sha256Hex(pdf('förfalskad')))).toEqual([]);
    });

    test('concurrent puts of the same document make exactly one record and one index entry', async () => {
      const p = partial();
      const results = await Promise.all(Array.from({ length: 8 }, () => store.put(p, pdf('parallell'), { n: 1 })));
      const stored = await store.getRecord(p.id);
      for (const r of results) expect(r).toEqual(stored);
      expect(await store.findByHash(sha256Hex(pdf('parallell')))).toEqual([stored]);
    });

    test('concurrent puts of different content under one id leave one consistent record', async () => {
      const p = partial();
      const settled = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => store.put(p, pdf(`variant ${i}`), { variant: i })));
      const stored = (await store.getRecord(p.id)) as DocumentRecord;
      expect(stored).toBeDefined();
      const bytes = (await store.getBytes(stored.sha256)) as Uint8Array;
      expect(sha256Hex(bytes)).toBe(stored.sha256);
      expect(settled.some((s) => s.status === 'fulfilled')).toBe(true);
      for (const s of settled) if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(ImmutableDocumentError);
    });

    test('documents with identical bytes are found together by hash', async () => {
      const a = await store.put(partial(), pdf('delad'), { n: 'a' });
      const b = await store.put(partial({ title: 'Annan titel' }), pdf('delad'), { n: 'b' });
      const found = await store.findByHash(a.sha256);
      expect(found.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
      expect(b.sha256).toBe(a.sha256);
    });

    test('a version number of a type is taken once per ärende; listByArende gives its documents in order', async () => {
      const arendeId = `arende-kontrakt-${randomUUID()}`;
      const v1 = await store.put(partial({ arendeId, createdAt: '2027-03-01T09:00:00.000Z' }), pdf('v1'), { v: 1 });
      await expect(store.put(partial({ arendeId, createdAt: '2027-03-02T09:00:00.000Z' }), pdf('också v1'), { v: 'x' })).rejects.toBeInstanceOf(
        ImmutableDocumentError,
      );
      const v2 = await store.put(partial({ arendeId, version: 2, createdAt: '2027-03-03T09:00:00.000Z' }), pdf('v2'), { v: 2 });
      const other = await store.put(partial({ arendeId, type: 'protokollsutdrag', createdAt: '2027-03-02T09:00:00.000Z' }), pdf('p'), {});
      await store.put(partial(), pdf('ett annat ärende'), {});
      expect((await store.listByArende(arendeId)).map((r) => r.id)).toEqual([v1.id, other.id, v2.id]);
      expect(await store.listByArende('arende-utan-dokument')).toEqual([]);
    });

    test('versions are numbered per handling: two remisser are each version 1, one handling gets a number once', async () => {
      const arendeId = `arende-kontrakt-${randomUUID()}`;
      const remiss = (recipient: string, version: number, text: string) =>
        store.put(partial({ arendeId, type: 'remiss', handling: `remiss|${recipient}`, version, status: 'slutlig' }), pdf(text), { text });
      const a1 = await remiss('Äldrenämnden', 1, 'till äldrenämnden');
      const b1 = await remiss('Förvaltningsgruppen', 1, 'till förvaltningsgruppen');
      await expect(remiss('Äldrenämnden', 1, 'en annan')).rejects.toBeInstanceOf(ImmutableDocumentError);
      const a2 = await remiss('Äldrenämnden', 2, 'till äldrenämnden, rättad');
      // A record from before handlings (numbered per type) does not block a handling's numbers, nor the other way.
      const legacy = await store.put(partial({ arendeId, type: 'remiss', version: 1 }), pdf('äldre'), {});
      expect([a1, b1, a2, legacy].map((r) => [r.handling, r.version])).toEqual([
        ['remiss|Äldrenämnden', 1],
        ['remiss|Förvaltningsgruppen', 1],
        ['remiss|Äldrenämnden', 2],
        [undefined, 1],
      ]);
      expect((await store.getRecord(a2.id))?.status).toBe('slutlig');
      expect((await store.getBytes(a1.sha256)) !== undefined).toBe(true);
    });

    test('putArchival adds the PDF/A copy once; the copy is readable and indexed', async () => {
      const p = partial();
      const record = await store.put(p, pdf('arbetskopia'), { n: 1 });
      const at = '2027-03-01T10:00:00.000Z';
      const archived = await store.putArchival(p.id, pdf('pdfa'), at);
      expect(archived).toEqual({ ...record, archival: { sha256: sha256Hex(pdf('pdfa')), size: pdf('pdfa').byteLength, createdAt: at } });
      expect(await store.getRecord(p.id)).toEqual(archived);
      expect(Buffer.from((await store.getBytes(sha256Hex(pdf('pdfa')))) as Uint8Array)).toEqual(Buffer.from(pdf('pdfa')));
      expect(await store.findByHash(sha256Hex(pdf('pdfa')))).toEqual([archived]);
      expect(await store.findByHash(record.sha256)).toEqual([archived]);
      // A second archival copy does not replace the first.
      expect(await store.putArchival(p.id, pdf('annan pdfa'), '2027-03-02T10:00:00.000Z')).toEqual(archived);
      await expect(store.putArchival('doc-finns-inte', pdf('x'))).rejects.toThrow();
    });

    test('unknown and malformed ids and hashes read as absent, never as an error or a path', async () => {
      expect(await store.getRecord('doc-finns-inte')).toBeUndefined();
      expect(await store.getRecord('../../etc/passwd')).toBeUndefined();
      expect(await store.getBytes('0'.repeat(64))).toBeUndefined();
      expect(await store.getBytes('../x')).toBeUndefined();
      expect(await store.getInput('f'.repeat(64))).toBeUndefined();
      expect(await store.findByHash('a'.repeat(64))).toEqual([]);
      expect(await store.findByHash('inte-en-hash')).toEqual([]);
      await expect(store.put(partial({ id: '../utbrytning' }), pdf('x'), {})).rejects.toThrow();
    });
  });
}
