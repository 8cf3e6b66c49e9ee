/**
 * A bare Temporal update, timed on the same server in the same run as the product's decisions: the client (in the
 * bench process) → frontend → a worker of its own (in the bench process) running bench/noop-workflow.ts → answer.
 * What a decision costs above it is the product's own: HTTP, validation, the ärende's rules, the state query.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { benchNoopWorkflow, noopUpdate } from './noop-workflow';

export async function timeBareUpdates(address: string, count: number): Promise<number[]> {
  const taskQueue = `bench-noop-${randomBytes(4).toString('hex')}`;
  const native = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection: native, taskQueue, workflowsPath: require.resolve('./noop-workflow') });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace: 'default' });
    const handle = await client.workflow.start(benchNoopWorkflow, { taskQueue, workflowId: `bench-noop-${randomBytes(6).toString('hex')}` });
    for (let i = 0; i < 10; i++) await handle.executeUpdate(noopUpdate, { args: ['uppvärmning'] });
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      await handle.executeUpdate(noopUpdate, { args: ['ingenting'] });
      samples.push(performance.now() - t);
    }
    await handle.executeUpdate(noopUpdate, { args: ['slut'] });
    await handle.result();
    return samples;
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await native.close();
  }
}
