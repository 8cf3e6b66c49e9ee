/**
 * The web app over a time-skipping harness: the product's own Express app (runtime/web.ts) on the harness's test
 * server and task queue, so that a test can act through the HTTP API while the harness moves time (months of appeal
 * periods and court judgments in seconds).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../runtime/config';
import { startWeb, type RunningWeb } from '../../runtime/web';
import { apiClient, BrowserSession } from '../web/http';
import type { Harness } from './harness';
import { timeSkippingAddress } from '../support/temporal';

export interface HttpOverHarness {
  web: RunningWeb;
  baseUrl: string;
  /** Stockholm's nämndsekreterare by API key (all nämnder). */
  api: ReturnType<typeof apiClient>;
  /** A signed-in browser session of the same user, for the pages. */
  session(): Promise<BrowserSession>;
  stop(): Promise<void>;
}

/** `env`: more of the web process's environment (e.g. BF_PROGRAMMES_DIR). */
export async function startHttp(h: Harness, env: Record<string, string> = {}): Promise<HttpOverHarness> {
  const dataDir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'http-harness-'));
  const config = loadConfig({ BF_DATA_DIR: dataDir, PORT: '0', TEMPORAL_TASK_QUEUE: h.taskQueue, TEMPORAL_NAMESPACE: 'default', ...env });
  const web = await startWeb(config, timeSkippingAddress());
  // Documents are read from the harness's store (the worker writes them there).
  web.context.store = h.store;
  return {
    web,
    baseUrl: web.url,
    api: apiClient(web.url, 'stockholm'),
    async session() {
      const s = new BrowserSession(web.url);
      await s.signIn('stockholmSekreterare');
      return s;
    },
    stop: () => web.stop(),
  };
}
