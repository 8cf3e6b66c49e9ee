/**
 * The render-document activity under faults, through a real Temporal server and a real Chromium: the browser is
 * killed (SIGKILL) during the first attempt, and the second attempt's completion is lost after the document was
 * stored (as when a worker dies at that moment). Temporal retries; the register holds ONE document.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { makeRenderDocument, type RenderDocumentInput } from '../../activities/render-document';
import type { ChromiumPdfRenderer, PdfRenderer, PrintJob, RenderOptions } from '../../documents/renderer';
import { FileDocumentStore, type DocumentRecord, type DocumentStore, type NewDocument } from '../../documents/store';
import { StaticLookProvider } from '../../documents/looks';
import { createRenderer, installRuntime } from '../../runtime/worker';
import { seed000, seed000Look } from '../fixtures/seed-000';
import { readPdf } from '../support/pdf';
import { devServerAddress } from '../support/temporal';
import { renderOnceWorkflow } from './support/render-workflow';

/** The real renderer; during its first render, Chromium is killed (the moment the print starts). */
class CrashOnFirstRender implements PdfRenderer {
  calls = 0;
  constructor(readonly real: ChromiumPdfRenderer) {}
  async render(job: PrintJob, options?: RenderOptions) {
    this.calls++;
    if (this.calls > 1) return this.real.render(job, options);
    await this.real.render(job, options); // a page in the pool, so that the next render prints on the doomed browser
    const pending = this.real.render(job, options);
    process.kill(this.real.browserPid()!, 'SIGKILL');
    return pending;
  }
  close() {
    return this.real.close();
  }
}

/** The real store; the first put is written, then its answer is lost. */
class LoseFirstAnswer implements DocumentStore {
  puts = 0;
  constructor(readonly real: FileDocumentStore) {}
  async put(record: NewDocument, bytes: Uint8Array, input: unknown): Promise<DocumentRecord> {
    const stored = await this.real.put(record, bytes, input);
    if (++this.puts === 1) throw new Error('Arbetaren tappade svaret efter att dokumentet sparats');
    return stored;
  }
  putArchival(id: string, bytes: Uint8Array, createdAt?: string) {
    return this.real.putArchival(id, bytes, createdAt);
  }
  getRecord(id: string) {
    return this.real.getRecord(id);
  }
  getBytes(sha256: string) {
    return this.real.getBytes(sha256);
  }
  putBlob(bytes: Uint8Array) {
    return this.real.putBlob(bytes);
  }
  getInput(sha256: string) {
    return this.real.getInput(sha256);
  }
  findByHash(sha256: string) {
    return this.real.findByHash(sha256);
  }
  listByArende(arendeId: string) {
    return this.real.listByArende(arendeId);
  }
}

const root = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'render-retry-'));
const taskQueue = `render-retry-${randomUUID()}`;
let renderer: CrashOnFirstRender;
let store: LoseFirstAnswer;
let worker: Worker;
let running: Promise<void>;
let nativeConnection: NativeConnection;
let connection: Connection;
let client: Client;

beforeAll(async () => {
  installRuntime();
  renderer = new CrashOnFirstRender(createRenderer(1));
  store = new LoseFirstAnswer(new FileDocumentStore(root));
  const looks = new StaticLookProvider({ '0180': seed000Look }, () => 'Stockholms stad');
  nativeConnection = await NativeConnection.connect({ address: devServerAddress() });
  worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('./support/render-workflow'), logger: quiet }),
    activities: { renderDocument: makeRenderDocument({ renderer, store, looks }) },
  });
  running = worker.run();
  connection = await Connection.connect({ address: devServerAddress() });
  client = new Client({ connection });
}, 90_000);

afterAll(async () => {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running?.catch(() => undefined);
  await nativeConnection?.close();
  await connection?.close();
  await renderer?.close();
});

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

test('crash in attempt 1, lost answer after storing in attempt 2: attempt 3 returns the same record; one document', async () => {
  const input: RenderDocumentInput = {
    docId: `doc-${randomUUID()}`,
    arendeId: `arende-${randomUUID()}`,
    kommunkod: '0180',
    type: 'tjansteutlatande',
    data: seed000,
    step: 'utkast',
    version: 1,
    createdBy: 'anna',
    createdAt: '2026-06-05T08:00:00.000Z',
    diarienummer: seed000.diarienummer,
  };
  const handle = await client.workflow.start(renderOnceWorkflow, { taskQueue, workflowId: `render-retry-${randomUUID()}`, args: [input] });
  const ref = await handle.result();

  // Temporal ran the activity three times; it rendered twice (the third attempt found the stored record).
  const history = await handle.fetchHistory();
  const started = history.events!.filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt);
  expect(started).toEqual([3]);
  expect(renderer.calls).toBe(2);
  expect(renderer.real.launches).toBe(2); // the killed Chromium was replaced
  expect(store.puts).toBe(1);

  // One document in the register, the one the workflow got.
  expect(ref.id).toBe(input.docId);
  const documents = await store.listByArende(input.arendeId);
  expect(documents.map((d) => d.id)).toEqual([input.docId]);
  expect(documents[0]).toMatchObject({ sha256: ref.sha256, size: ref.size, version: 1, step: 'utkast', createdBy: 'anna' });
  expect(readdirSync(path.join(root, 'records'))).toEqual([`${input.docId}.json`]);
  expect(await store.findByHash(ref.sha256)).toHaveLength(1);
  const pdf = await readPdf((await store.getBytes(ref.sha256))!);
  expect(pdf.title).toBe('Tjänsteutlåtande: Hemställan om att ansluta till Yrkesresan');
});
