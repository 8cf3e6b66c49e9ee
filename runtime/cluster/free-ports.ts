/**
 * Ports for a cluster that must not clash with anything on the machine (tests, the benchmark): free ports below
 * 32768, because Temporal keeps membership ports in a PostgreSQL smallint and the kernel's ephemeral ports (what
 * listen(0) gives) lie above it. Random in 20000–32000, each checked by binding it.
 */
import net from 'node:net';
import type { ServerPorts } from './temporal-server';

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

/** The server's ports and PostgreSQL's, all free. */
export async function freeClusterPorts(): Promise<{ ports: ServerPorts; postgresPort: number }> {
  const taken = new Set<number>();
  const p: number[] = [];
  for (let i = 0; i < 10; i++) p.push(await freeLowPort(taken));
  const [frontend, frontendHttp, history, matching, worker, mf, mh, mm, mw, postgresPort] = p;
  return { ports: { frontend, frontendHttp, history, matching, worker, membership: { frontend: mf, history: mh, matching: mm, worker: mw } }, postgresPort };
}
