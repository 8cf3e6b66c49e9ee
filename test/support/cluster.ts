/**
 * A Temporal cluster on PostgreSQL for tests (runtime/cluster/): its own folder, free ports, all services in one
 * process or one process per service. Used by the global set-up when BF_TEST_TEMPORAL=cluster, and by the fault
 * tests in test/cluster/, which kill parts of a cluster of their own.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCluster, type RunningCluster } from '../../runtime/cluster/cluster';
import { freeClusterPorts } from '../../runtime/cluster/free-ports';

/** Which Temporal server the integration tests run on: the dev server (SQLite) or the cluster (PostgreSQL). */
export function testTemporalKind(): 'dev' | 'cluster' {
  return process.env.BF_TEST_TEMPORAL === 'cluster' ? 'cluster' : 'dev';
}

export async function startTestCluster(opts: { split?: boolean; label?: string } = {}): Promise<RunningCluster> {
  const dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), `${opts.label ?? 'cluster'}-`));
  const { ports, postgresPort } = await freeClusterPorts();
  return startCluster({
    dir,
    postgresPort,
    ports,
    split: opts.split,
    retention: '1 day',
  });
}
