/**
 * Starts the real servers once per Jest run and shares them with every test file through environment variables:
 * - a Temporal dev server (visibility, HTTP and integration tests), or with BF_TEST_TEMPORAL=cluster the real
 *   Temporal server on PostgreSQL (test/support/cluster.ts; jest.cluster.config.js sets it),
 * - (not here: each file that tests workflow logic starts a time-skipping server of its own, test/support/temporal.ts),
 * - the workflow bundle, built once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { startDevServer } from '../../runtime/dev-server';
import { ensureSearchAttributes } from '../../runtime/search-attributes';
import { bundleWorkflows } from '../../runtime/worker';
import { freePort } from './servers';
import { startTestCluster, testTemporalKind } from './cluster';

export default async function globalSetup() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'beslutsflode-test-'));
  process.env.BF_TEST_DIR = tmp;
  const startServer = async () => {
    if (testTemporalKind() === 'cluster') {
      const cluster = await startTestCluster({ label: 'shared-cluster' });
      return { address: cluster.address, reused: false, stop: () => cluster.stop() };
    }
    const port = await freePort();
    return startDevServer({ dataDir: tmp, port, sqlitePragmas: ['synchronous=NORMAL'], logFile: path.join(tmp, 'dev-server.log') });
  };
  const [devServer, bundle] = await Promise.all([startServer(), bundleWorkflows()]);
  const connection = await Connection.connect({ address: devServer.address });
  await ensureSearchAttributes(connection, 'default');
  await connection.close();

  const bundlePath = path.join(tmp, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  // The product's own log lines (one per request, per rendered document) at warning level, so failures stand out.
  process.env.LOG_LEVEL ??= 'warn';
  process.env.BF_TEST_DIR = tmp;
  // The local PAdES signer's test CA and signer keys: made once per test run (signing/local-pades.ts).
  process.env.BF_PDF_SIGNING_KEYS ??= path.join(tmp, 'signing');
  process.env.BF_TEST_DEV_SERVER = devServer.address;
  process.env.BF_TEST_WORKFLOW_BUNDLE = bundlePath;
  (globalThis as Record<string, unknown>).__bfServers = { devServer, timeSkipping: [] };
}
