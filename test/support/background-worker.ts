import { Worker, type NativeConnection } from '@temporalio/worker';
import { backgroundTaskQueue } from '../../domain/task-queues';

/**
 * A test's worker for the background queue beside its own task queue (domain/task-queues.ts): the archive copies and
 * bulk invitations run there, as in the product's worker (runtime/worker.ts). Same activities as the test's worker.
 * `run()` runs both until `shutdown()`.
 */
export async function withBackgroundWorker(worker: Worker, connection: NativeConnection, taskQueue: string, activities: object) {
  const background = await Worker.create({ connection, taskQueue: backgroundTaskQueue(taskQueue), activities });
  return {
    run: () => Promise.all([worker.run(), background.run()]).then(() => undefined),
    shutdown() {
      for (const w of [worker, background]) if (w.getState() === 'RUNNING') w.shutdown();
    },
  };
}
