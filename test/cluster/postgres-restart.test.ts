/**
 * PostgreSQL stopped (fast shutdown: connections cut, open transactions rolled back) and started again while
 * ärenden move. Right after it is back the server may answer "Namespace default is not found" for a moment; the
 * client layer retries that (runtime/temporal-errors.ts) and the API answers 503 until then, never 500 or 404.
 */
import { loadThroughFault, startFaultRun, type FaultRun } from './fault-harness';

jest.setTimeout(300_000);
let run: FaultRun;
beforeAll(async () => {
  run = await startFaultRun('postgres-restart', false);
}, 180_000);
afterAll(() => run?.stop());

test('PostgreSQL restarted: 0 lost, 0 doubled, clients get 503 TEMPORAL_UNAVAILABLE meanwhile', async () => {
  const line = await loadThroughFault(
    run,
    async () => run.cluster.postgres.stop('fast'),
    () => run.cluster.postgres.start(),
  );
  console.log(`omstart av PostgreSQL: ${line}`);
});
