/** For test files: connections to the servers that the global setup started. */
import { startTimeSkippingServer } from './servers';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { TypedSearchAttributes } from '@temporalio/common';
import { indexedValueType } from '../../runtime/search-attributes';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { ensureNamespace } from '../../runtime/cluster/namespace';

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
  // A time-skipping server of this test file's own. Workflow ids such as an anslutning's (anslutning-<kommunkod>-…)
  // or the programme's rates are fixed, so files that shared a server could leave each other a workflow on a task
  // queue nobody polls any more: a signal or query to it waits, and the server stops skipping time. One server per
  // file (about half a second to start) rules that out.
  const server = await startTimeSkippingServer();
  const stop = () => server.child.kill('SIGKILL');
  process.once('exit', stop);
  process.env.BF_TEST_TIME_SKIPPING_CURRENT = server.address;
  // createFromExistingServer() turns time skipping off; create() with an existing server keeps it on.
  const create = (TestWorkflowEnvironment as unknown as { create(o: unknown): Promise<TestWorkflowEnvironment> }).create;
  const env = await create.call(TestWorkflowEnvironment, {
    server: { type: 'existing' },
    address: server.address,
    namespace: 'default',
    supportsTimeSkipping: true,
    connectionOptions: {},
  });
  const teardown = env.teardown.bind(env);
  Object.assign(env, {
    teardown: async () => {
      try {
        await teardown();
      } finally {
        stop();
        process.removeListener('exit', stop);
      }
    },
  });
  await addSearchAttributes(env);
  return env;
}

/** The address of the time-skipping server that this test file's timeSkippingEnv() started. */
export function timeSkippingAddress(): string {
  const address = process.env.BF_TEST_TIME_SKIPPING_CURRENT;
  if (!address) throw new Error('timeSkippingEnv() har inte startat någon server i den här testfilen');
  return address;
}

/**
 * The time-skipping test server implements AddSearchAttributes but not ListSearchAttributes, so
 * runtime/search-attributes.ts's ensureSearchAttributes (which lists first) cannot be used there: add every
 * attribute, ignoring "exists". Without them upsertSearchAttributes fails the workflow task.
 */
async function addSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  for (const key of ALL_SEARCH_ATTRIBUTES) {
    const type = indexedValueType(TypedSearchAttributes.toMetadataType(key.type));
    try {
      await env.connection.operatorService.addSearchAttributes({ namespace: 'default', searchAttributes: { [key.name]: type } });
    } catch (err) {
      if (!/already|exist/i.test(String((err as Error).message))) throw err;
    }
  }
}

let namespaces = 0;

/**
 * A namespace of the test's own on a dev server, with the product's search attributes. Test files share one dev
 * server, and the product keeps entity workflows under fixed ids (kommunregister, diarium-0180-SN-2026, …): in a
 * shared namespace one file's entity would live on another file's task queue and stop answering when that file's
 * worker stops. A namespace each keeps them apart, as separate installations are.
 */
export async function freshNamespace(address = devServerAddress(), label = 'test'): Promise<string> {
  const namespace = `${label}-${process.pid}-${++namespaces}-${Math.random().toString(36).slice(2, 8)}`;
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
    // On the cluster (BF_TEST_TEMPORAL=cluster) a new namespace is usable once the server's cache has it: waits.
    await ensureNamespace(connection, { namespace, retention: '1 day' });
  } finally {
    await connection.close();
  }
  return namespace;
}

export async function devServerEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({ address: devServerAddress(), namespace: await freshNamespace() });
}

/**
 * Terminates the workflows (their current runs) that are still running; those already ended are left alone. Files
 * on a time-skipping server call it at the end: a workflow left waiting on a timer wakes in a later file's time
 * travel on a task queue no worker polls any more, and the server does not skip time while a workflow task waits.
 */
export async function endWorkflows(env: TestWorkflowEnvironment, workflowIds: readonly string[]): Promise<void> {
  await Promise.all(
    workflowIds.map((id) =>
      env.client.workflow
        .getHandle(id)
        .terminate('test slut')
        .catch(() => undefined),
    ),
  );
}
