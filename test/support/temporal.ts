/** For test files: connections to the servers that the global setup started. */
import { TestWorkflowEnvironment } from '@temporalio/testing';

export function devServerAddress(): string {
  const a = process.env.BF_TEST_DEV_SERVER;
  if (!a) throw new Error('BF_TEST_DEV_SERVER saknas: kör testerna med jest.config.js (global setup)');
  return a;
}

export function workflowBundle(): { codePath: string } {
  return { codePath: process.env.BF_TEST_WORKFLOW_BUNDLE as string };
}

/** A time-skipping environment on this Jest worker's own test server. */
export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const servers = (process.env.BF_TEST_TIME_SKIPPING_SERVERS ?? '').split(',').filter(Boolean);
  const index = (Number(process.env.JEST_WORKER_ID ?? '1') - 1) % servers.length;
  // createFromExistingServer() turns time skipping off; create() with an existing server keeps it on.
  const create = (TestWorkflowEnvironment as unknown as { create(o: unknown): Promise<TestWorkflowEnvironment> }).create;
  return create.call(TestWorkflowEnvironment, {
    server: { type: 'existing' },
    address: servers[index],
    namespace: 'default',
    supportsTimeSkipping: true,
    connectionOptions: {},
  });
}

export async function devServerEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({ address: devServerAddress(), namespace: 'default' });
}
