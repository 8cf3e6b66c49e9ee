/**
 * The stage engine (workflows/engine) on its own, on the time-skipping server: a tiny stage-table workflow
 * (engine-fixture-workflow.ts) shows the engine's promises — one validation code naming the fields, refusals that
 * change nothing, queued actions applied one at a time, immediate actions, a request id answered once (also after
 * continue-as-new), a stage's entry run when the stage is reached.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { timeSkippingEnv } from '../support/temporal';
import { engineFixtureWorkflow, renameUpdate, tallyQuery, UPDATES } from './engine-fixture-workflow';

jest.setTimeout(120_000);

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `engine-${process.pid}`;
const actor = { name: 'Sara', role: 'nämndsekreterare' };
let n = 0;
const rid = () => `req-engine-${++n}-${Date.now()}`;

beforeAll(async () => {
  env = await timeSkippingEnv();
  // As the workflow harness does: time moves only when a test moves it (updates wait for their answer).
  await env.connection.testService?.lockTimeSkipping({});
  worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath: require.resolve('./engine-fixture-workflow') });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

async function refusal(p: Promise<unknown>): Promise<{ type?: string; message: string; details?: unknown[] }> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return (err as WorkflowUpdateFailedError).cause as unknown as { type?: string; message: string; details?: unknown[] };
}

test('queued and immediate actions, one error vocabulary, a request id answered once, a stage entry', async () => {
  const h = await env.client.workflow.start(engineFixtureWorkflow, { taskQueue, workflowId: `tally-${rid()}`, args: [] });
  const first = rid();
  expect(await h.executeUpdate(UPDATES.add, { args: [{ requestId: first, actor, amount: 5 }] })).toEqual({ count: 5, stage: 'counting' });
  // The same request again: the first answer, nothing counted twice; with other content: refused.
  expect(await h.executeUpdate(UPDATES.add, { args: [{ requestId: first, actor, amount: 5 }], updateId: `${first}-again` })).toEqual({
    count: 5,
    stage: 'counting',
  });
  const reused = await refusal(h.executeUpdate(UPDATES.add, { args: [{ requestId: first, actor, amount: 6 }], updateId: `${first}-other` }));
  expect(reused.type).toBe('REQUEST_ID_REUSED');

  // The one schema names the field; a refusal in the stage's own rule is answered and changes nothing.
  const invalid = await refusal(h.executeUpdate(UPDATES.add, { args: [{ requestId: rid(), actor, amount: -1 }] }));
  expect(invalid).toMatchObject({
    type: 'VALIDATION_FAILED',
    message: 'Åtgärden "add" innehåller fel i: amount',
    details: [[expect.objectContaining({ field: 'amount', rule: 'too_small' })]],
  });
  const tooMany = await refusal(h.executeUpdate(UPDATES.add, { args: [{ requestId: rid(), actor, amount: 200 }] }));
  expect(tooMany.type).toBe('PRECONDITION_FAILED');
  expect((await h.query(tallyQuery)).count).toBe(5);

  // Immediate: applied in the handler; validated the same way.
  const badName = await refusal(h.executeUpdate(renameUpdate, { args: [{ requestId: rid(), actor, name: '' }] }));
  expect(badName).toMatchObject({ type: 'VALIDATION_FAILED', message: 'Begäran innehåller fel i: name' });
  const rename = rid();
  await h.executeUpdate(renameUpdate, { args: [{ requestId: rename, actor, name: 'Räknaren' }] });
  expect((await h.query(tallyQuery)).name).toBe('Räknaren');

  // A new run carries the request memory: the first request again still answers its first result.
  await h.executeUpdate(UPDATES.rollOver, { args: [{ requestId: rid(), actor }] });
  for (let i = 0; i < 50 && (await h.query(tallyQuery)).runs < 2; i++) await new Promise((r) => setTimeout(r, 100));
  expect((await h.query(tallyQuery)).runs).toBe(2);
  expect(await h.executeUpdate(UPDATES.add, { args: [{ requestId: first, actor, amount: 5 }], updateId: `${first}-after-run` })).toEqual({
    count: 5,
    stage: 'counting',
  });
  await h.executeUpdate(renameUpdate, { args: [{ requestId: rename, actor, name: 'Annat' }], updateId: `${rename}-after-run` });
  expect((await h.query(tallyQuery)).name).toBe('Räknaren');

  // Closing: the closed stage's entry records who closed it; the run ends.
  await h.executeUpdate(UPDATES.add, { args: [{ requestId: rid(), actor, amount: 2 }] });
  expect(await h.executeUpdate(UPDATES.close, { args: [{ requestId: rid(), actor }] })).toEqual({ count: 7, stage: 'closed' });
  const tally = await h.result();
  expect(tally).toMatchObject({ stage: 'closed', count: 7, closedBy: 'Sara (nämndsekreterare)', history: ['counting→closed'] });
});

test('an action the stage does not allow is refused with ACTION_NOT_ALLOWED_IN_STAGE and changes nothing', async () => {
  const h = await env.client.workflow.start(engineFixtureWorkflow, { taskQueue, workflowId: `tally-${rid()}`, args: [] });
  await h.executeUpdate(UPDATES.add, { args: [{ requestId: rid(), actor, amount: 3 }] });
  expect(await h.executeUpdate(UPDATES.pause, { args: [{ requestId: rid(), actor }] })).toEqual({ count: 3, stage: 'paused' });
  const refused = await refusal(h.executeUpdate(UPDATES.add, { args: [{ requestId: rid(), actor, amount: 1 }] }));
  expect(refused).toMatchObject({ type: 'ACTION_NOT_ALLOWED_IN_STAGE', message: 'add går inte i paused' });
  await h.executeUpdate(UPDATES.resume, { args: [{ requestId: rid(), actor }] });
  await h.executeUpdate(UPDATES.close, { args: [{ requestId: rid(), actor }] });
  expect(await h.result()).toMatchObject({ count: 3, history: ['counting→paused', 'paused→counting', 'counting→closed'] });
});
