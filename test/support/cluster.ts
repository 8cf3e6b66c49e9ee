/**
 * A Temporal cluster on PostgreSQL for tests (runtime/cluster/): its own folder, free ports, all services in one
 * process or one process per service. Used by the global set-up when BF_TEST_TEMPORAL=cluster, and by the fault
 * tests in test/cluster/, which kill parts of a cluster of their own.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCluster, type RunningCluster } from '../../runtime/cluster/cluster';
import net from 'node:net';

/** Which Temporal server the integration tests run on: the dev server (SQLite) or the cluster (PostgreSQL). */
export function testTemporalKind(): 'dev' | 'cluster' {
  return process.env.BF_TEST_TEMPORAL === 'cluster' ? 'cluster' : 'dev';
}

/**
 * A free port below 32768: Temporal keeps membership ports in a PostgreSQL smallint, and the kernel's ephemeral
 * ports (what listen(0) gives) lie above it. Random in 20000–32000, checked by binding it.
 */
async function freeLowPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    const ok = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (ok) {
      taken.add(port);
      return port;
    }
  }
}

export async function startTestCluster(opts: { split?: boolean; label?: string } = {}): Promise<RunningCluster> {
  const dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), `${opts.label ?? 'cluster'}-`));
  const taken = new Set<number>();
  const ports: number[] = [];
  for (let i = 0; i < 10; i++) ports.push(await freeLowPort(taken));
  const [frontend, frontendHttp, history, matching, worker, mf, mh, mm, mw, pg] = ports;
  return startCluster({
    dir,
    postgresPort: pg,
    ports: { frontend, frontendHttp, history, matching, worker, membership: { frontend: mf, history: mh, matching: mm, worker: mw } },
    split: opts.split,
    retention: '1 day',
  });
}
