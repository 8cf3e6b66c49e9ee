/**
 * Run by `npm run test:cluster` (and so by `npm test`): makes sure the pinned Temporal server and its schema tool are
 * in the cache (building them with Go when missing: 10–15 min once per machine) and that PostgreSQL is installed.
 * BF_TEST_CLUSTER=off skips the cluster tests on a machine without Go or PostgreSQL (CI never sets it).
 */
import { ensureClusterBinaries, TEMPORAL_SERVER_VERSION } from '../runtime/cluster/binaries';
import { postgresBinDir } from '../runtime/cluster/postgres';

if (process.env.BF_TEST_CLUSTER === 'off') {
  console.log('BF_TEST_CLUSTER=off: testerna mot Temporal-klustret på PostgreSQL hoppas över.');
  process.exit(0);
}
if (!postgresBinDir()) {
  console.error('PostgreSQL saknas (Debian: apt-get install postgresql; eller PG_BIN=<mapp med initdb>). BF_TEST_CLUSTER=off hoppar över klustertesterna.');
  process.exit(1);
}
const found = ensureClusterBinaries();
if (process.env.BF_VERBOSE) console.log(`Temporal ${TEMPORAL_SERVER_VERSION}: ${found.server}, ${found.sqlTool}`);
