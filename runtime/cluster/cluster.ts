/**
 * A Temporal cluster on PostgreSQL from zero: the pinned server binaries (built into the cache when missing), a
 * PostgreSQL cluster under the data folder, Temporal's databases and schemas (config/temporal/setup-schema.sh, the
 * same script docker-compose.yml runs), the server (one process, or one per service), the namespace and the
 * product's search attributes. Used by `npm run cluster` (runtime/cluster-main.ts) and by the tests
 * (BF_TEST_TEMPORAL=cluster, test/support/global-setup.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { waitForTemporal } from '../dev-server';
import { PROJECT_ROOT } from '../temporal-binaries';
import { ensureClusterBinaries } from './binaries';
import { ensureNamespace } from './namespace';
import { Postgres } from './postgres';
import { TemporalServer, type ServerPorts } from './temporal-server';

export const SETUP_SCHEMA_SCRIPT = path.join(PROJECT_ROOT, 'config', 'temporal', 'setup-schema.sh');

export interface ClusterOptions {
  /** The cluster's folder (PostgreSQL's data, logs): BF_DATA_DIR/cluster for `npm run cluster`. */
  dir: string;
  postgresPort: number;
  ports: ServerPorts;
  /** Frontend, history, matching and worker as separate processes. */
  split?: boolean;
  namespace?: string;
  retention?: Duration;
  log?: (line: string) => void;
}

export interface RunningCluster {
  address: string;
  postgres: Postgres;
  server: TemporalServer;
  stop(): Promise<void>;
}

/** The default ports of `npm run cluster` (Temporal's usual ones), or consecutive ones from a base. */
export function defaultPorts(frontend = 7233): ServerPorts {
  return {
    frontend,
    frontendHttp: frontend + 10,
    history: frontend + 1,
    matching: frontend + 2,
    worker: frontend + 6,
    membership: { frontend: frontend - 300, history: frontend - 299, matching: frontend - 298, worker: frontend - 294 },
  };
}

const TEMPORAL_USER = 'temporal';

export async function startCluster(opts: ClusterOptions): Promise<RunningCluster> {
  const log = opts.log ?? (() => undefined);
  const binaries = ensureClusterBinaries(log);
  mkdirSync(opts.dir, { recursive: true });
  const postgres = new Postgres({ dir: path.join(opts.dir, 'postgres'), port: opts.postgresPort });
  const fresh = !postgres.initialized;
  log(fresh ? 'Skapar PostgreSQL-klustret …' : 'Startar PostgreSQL …');
  postgres.init();
  postgres.start();
  const password = postgres.passwordFor(TEMPORAL_USER);
  postgres.ensureRole(TEMPORAL_USER, password);
  log('Temporals databaser och scheman …');
  execFileSync('sh', [SETUP_SCHEMA_SCRIPT], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      TEMPORAL_SQL_TOOL: binaries.sqlTool,
      SQL_HOST: postgres.host,
      SQL_PORT: String(postgres.port),
      SQL_USER: TEMPORAL_USER,
      SQL_PASSWORD: password,
    },
  });
  const server = new TemporalServer({
    binary: binaries.server,
    ports: opts.ports,
    postgres: { host: postgres.host, port: postgres.port, user: TEMPORAL_USER, password },
    split: opts.split ?? false,
    logFile: path.join(opts.dir, 'temporal-server.log'),
  });
  log(`Startar Temporal-servern${opts.split ? ' (frontend, history, matching och worker som egna processer)' : ''} …`);
  const stop = async () => {
    await server.stop();
    postgres.stop();
  };
  try {
    await server.start();
    const early = server.exitedEarly();
    early.catch(() => undefined);
    await Promise.race([waitForTemporal(server.address, 60_000), early]);
    const connection = await Connection.connect({ address: server.address });
    try {
      await ensureNamespace(connection, { namespace: opts.namespace ?? 'default', retention: opts.retention ?? '365 days' });
    } finally {
      await connection.close();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { address: server.address, postgres, server, stop };
}
