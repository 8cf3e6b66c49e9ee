/** kill -9 of the whole Temporal server (all four services in one process) while ärenden move; started again. */
import { loadThroughFault, startFaultRun, type FaultRun } from './fault-harness';

jest.setTimeout(300_000);
let run: FaultRun;
beforeAll(async () => {
  run = await startFaultRun('kill-server', false);
}, 180_000);
afterAll(() => run?.stop());

test('kill -9 of the whole server: 0 lost, 0 doubled, clients get 503 TEMPORAL_UNAVAILABLE meanwhile', async () => {
  const line = await loadThroughFault(
    run,
    () => run.cluster.server.killAllNow(),
    () => run.cluster.server.restartAll(),
  );
  console.log(`kill -9 hela servern: ${line}`);
});
