/** Starts the product's own parts (worker with Chromium, web app) against a test server, as `npm start` does. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProgrammes } from '../../runtime/programmes';
import { loadConfig } from '../../runtime/config';
import { loadMunicipalityConfig } from '../../runtime/municipality-config';
import { loadMunicipalityRegistry, ownNameOf } from '../../runtime/reference-data';
import { startWeb, type RunningWeb } from '../../runtime/web';
import { createRenderer, documentStoreAt, startWorker, type RunningWorker } from '../../runtime/worker';
import type { ChromiumPdfRenderer } from '../../documents/renderer';
import { freshNamespace, workflowBundle } from './temporal';
import { DEMO_TOKENS } from '../../demo/demo-users';

export interface TestProduct {
  baseUrl: string;
  web: RunningWeb;
  worker: RunningWorker;
  renderer: ChromiumPdfRenderer;
  dataDir: string;
  taskQueue: string;
  namespace: string;
  /** Authorization header of a demo API key (Stockholm's nämndsekreterare, all nämnder): the API needs sign-in. */
  apiHeaders: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * `series`: 'open' (default) lets a test register in a diarieserie of its own (uniqueSerie), so that its numbering
 * starts at 1; 'config' is the product's default, only the municipality's configured organs (issue 10 p. 3).
 */
export async function startProduct(
  address: string,
  opts: { taskQueue?: string; withWeb?: boolean; series?: 'config' | 'open'; env?: Record<string, string> } = {},
): Promise<TestProduct> {
  const dataDir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'product-'));
  const taskQueue = opts.taskQueue ?? `test-${path.basename(dataDir)}`;
  const namespace = await freshNamespace(address, 'product');
  const config = loadConfig({
    BF_DATA_DIR: dataDir,
    PORT: '0',
    TEMPORAL_TASK_QUEUE: taskQueue,
    TEMPORAL_NAMESPACE: namespace,
    BF_DIARIESERIER: opts.series ?? 'open',
    ...opts.env,
  });
  const registry = loadMunicipalityRegistry();
  const renderer = createRenderer(2);
  const worker = await startWorker({
    address,
    namespace,
    taskQueue,
    renderer,
    store: documentStoreAt(dataDir),
    looks: loadMunicipalityConfig(ownNameOf(registry)).looks,
    workflowBundle: workflowBundle(),
    // The worker reads the same programme folder as the web process (as runtime/worker.ts does in production).
    programmes: loadProgrammes(config.BF_PROGRAMMES_DIR),
  });
  const web = await startWeb(config, address);
  return {
    baseUrl: web.url,
    web,
    worker,
    renderer,
    dataDir,
    taskQueue,
    namespace,
    apiHeaders: { authorization: `Bearer ${DEMO_TOKENS.stockholm.token}` },
    async stop() {
      await web.stop();
      await worker.shutdown();
      await renderer.close();
    },
  };
}

export { eventually } from './eventually';

/** A JSON call to the product's API as its API user (Stockholm's nämndsekreterare): status, parsed body and text. */
export async function apiCall(product: TestProduct, method: string, path: string, body?: unknown) {
  const res = await fetch(`${product.baseUrl}${path}`, {
    method,
    headers: { ...product.apiHeaders, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
}

/** An action on an ärende through the API with a fresh request id; anything but 200 throws with the answer. */
export async function apiAct(product: TestProduct, id: string, action: string, body: Record<string, unknown>) {
  const r = await apiCall(product, 'POST', `/api/arenden/${id}/atgarder/${action}`, { requestId: `act-${crypto.randomUUID()}`, ...body });
  if (r.status !== 200) throw new Error(`${action}: ${r.status} ${r.text}`);
  return r.body;
}
