/** kill -9 of the frontend (its own process) while ärenden move; started again after a few seconds. */
import { loadThroughFault, startFaultRun, type FaultRun } from './fault-harness';

jest.setTimeout(300_000);
let run: FaultRun;
beforeAll(async () => {
  run = await startFaultRun('kill-frontend', true);
}, 180_000);
afterAll(() => run?.stop());

test('kill -9 of frontend: 0 lost, 0 doubled, clients get 503 TEMPORAL_UNAVAILABLE meanwhile', async () => {
  const line = await loadThroughFault(
    run,
    () => run.cluster.server.kill('frontend'),
    () => run.cluster.server.restart('frontend'),
  );
  console.log(`kill -9 frontend: ${line}`);
});
