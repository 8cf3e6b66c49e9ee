/** The adoption ärende tells SKR's onboarding of the same municipality when its decision is final. */
import { randomUUID } from 'node:crypto';
import { onboardingWorkflow } from '../../workflows/onboarding';
import { linkAdoptionUpdate, onboardingStateQuery, onboardingWorkflowId } from '../../workflows/onboarding-messages';
import { appealPeriodPasses, ArendeDriver, startHarness, throughNamnd, type Harness } from './harness';

jest.setTimeout(240_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness('onboarding-link');
});
afterAll(async () => {
  await h?.stop();
});

const skr = { name: 'Siv SKR-administratör', role: 'skr_admin' };
const rid = () => `req-${randomUUID()}`;

test('a linked onboarding leaves "beslut pågår" when the ärende reaches the agreement stage', async () => {
  const kommunkod = '2480'; // Umeå: no other test of this worker invites it
  const onboarding = await h.env.client.workflow.start(onboardingWorkflow, {
    workflowId: onboardingWorkflowId(kommunkod, 'yrkesresan'),
    taskQueue: h.taskQueue,
    args: [{ kommunkod, program: 'yrkesresan', invitation: { requestId: rid(), actor: skr } }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  h.alsoStarted.push(onboarding.workflowId);

  const d = await ArendeDriver.register(h, { kommunkod, kfRequired: false });
  await onboarding.executeUpdate(linkAdoptionUpdate, { args: [{ requestId: rid(), actor: skr, arendeId: d.handle.workflowId }] });
  expect((await onboarding.query(onboardingStateQuery)).stage).toBe('beslut_pagar');

  await throughNamnd(d);
  const s = await appealPeriodPasses(d);
  expect(s.stage).toBe('avtal');

  const deadline = Date.now() + 30_000;
  let stage = (await onboarding.query(onboardingStateQuery)).stage;
  while (stage === 'beslut_pagar' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    stage = (await onboarding.query(onboardingStateQuery)).stage;
  }
  expect(stage).not.toBe('beslut_pagar');
  const state = await onboarding.query(onboardingStateQuery);
  expect(JSON.stringify(state)).toContain(d.handle.workflowId);
});
