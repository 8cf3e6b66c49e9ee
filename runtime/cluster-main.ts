/**
 * `npm run cluster`: the product on a real Temporal cluster on this machine: PostgreSQL under BF_DATA_DIR/cluster,
 * the pinned Temporal server (built into ~/.cache once), SQL advanced visibility, the namespace and search
 * attributes, then the worker and the web app as `npm start` runs them. `npm run cluster -- --split` runs
 * frontend, history, matching and worker as four processes. Ctrl-C stops all of it; the data stays.
 *
 * Ports: Temporal's frontend on TEMPORAL_DEV_PORT (7233; history, matching, worker and membership beside it as in
 * Temporal's own development config), PostgreSQL on BF_POSTGRES_PORT (55432, loopback only).
 */
import path from 'node:path';
import { loadConfig } from './config';
import { startCluster, defaultPorts } from './cluster/cluster';
import { TEMPORAL_SERVER_VERSION } from './cluster/binaries';
import { main } from './start';

async function run() {
  const config = loadConfig();
  if (config.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS är satt: `npm run cluster` startar ett eget kluster (använd `npm start` mot ett befintligt)');
  const split = process.argv.includes('--split') || process.env.BF_CLUSTER_SPLIT === '1';
  const started = Date.now();
  const cluster = await startCluster({
    dir: path.join(config.BF_DATA_DIR, 'cluster'),
    postgresPort: Number(process.env.BF_POSTGRES_PORT ?? 55432),
    ports: defaultPorts(config.TEMPORAL_DEV_PORT),
    split,
    namespace: config.TEMPORAL_NAMESPACE,
    log: (line) => console.log(line),
  });
  console.log(`Temporal ${TEMPORAL_SERVER_VERSION} på PostgreSQL svarar efter ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  await main({
    address: cluster.address,
    describe: `${cluster.address} (Temporal ${TEMPORAL_SERVER_VERSION}, PostgreSQL på 127.0.0.1:${cluster.postgres.port}${split ? ', fyra processer' : ''})`,
    stop: () => cluster.stop(),
  });
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
