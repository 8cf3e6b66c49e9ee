/** kill -9 of the history service (its own process) while ärenden move; started again after a few seconds. */
import { loadThroughFault, startFaultRun, type FaultRun } from './fault-harness';

jest.setTimeout(300_000);
let run: FaultRun;
beforeAll(async () => {
  run = await startFaultRun('kill-history', true);
}, 180_000);
afterAll(() => run?.stop());

test('kill -9 of history: 0 lost, 0 doubled, clients get 503 TEMPORAL_UNAVAILABLE meanwhile', async () => {
  const line = await loadThroughFault(
    run,
    () => run.cluster.server.kill('history'),
    () => run.cluster.server.restart('history'),
  );
  console.log(`kill -9 history: ${line}`);
});
