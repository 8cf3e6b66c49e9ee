/**
 * The onboarding workflow's paths on the time-skipping server, with the real renderer (Chromium) and document
 * store; only what lies outside the product is faked: the signing service and the learning platform.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { withBackgroundWorker } from '../support/background-worker';
import { createActivities } from '../../activities';
import { FakeLearningPlatform } from '../../activities/learning-platform';
import { createOnboardingActivities } from '../../activities/onboarding-activities';
import { FakeSigningProvider, type FakeSigningOutcome, type SignatureRequest } from '../../activities/signing';
import { feeScheduleForYears, nationalRateForYear } from '../../domain/fees';
import { YRKESRESAN } from '../../domain/programmes';
import { formatRate } from '../../domain/money';
import { addDays, stockholmDate, stockholmMidnight } from '../../domain/iso-date';
import { feeForYear } from '../../domain/onboarding-terms';
import { loadMunicipalityConfig } from '../../runtime/municipality-config';
import { loadMunicipalityRegistry } from '../../runtime/reference-data';
import { createRenderer, documentStoreAt } from '../../runtime/worker';
import type { ChromiumPdfRenderer } from '../../documents/renderer';
import type { DocumentStore } from '../../documents/store';
import { onboardingWorkflow } from '../../workflows/onboarding';
import {
  decideRenewalUpdate,
  expressInterestUpdate,
  inviteUpdate,
  linkAdoptionUpdate,
  adoptionDecidedSignal,
  onboardingStateQuery,
  onboardingWorkflowId,
  registerDecisionUpdate,
  reviseAgreementUpdate,
  signAgreementUpdate,
  type OnboardingState,
} from '../../workflows/onboarding-messages';
import { recordHistories } from '../support/histories';
import { readPdf, normalizeSpace } from '../support/pdf';
import { eventually } from './helpers';
import { endWorkflows, timeSkippingEnv, workflowBundle } from '../support/temporal';
import { STAGE } from '../../workflows/search-attributes';

let env: TestWorkflowEnvironment;
let worker: Awaited<ReturnType<typeof withBackgroundWorker>>;
let running: Promise<void>;
let renderer: ChromiumPdfRenderer;
let store: DocumentStore;
const taskQueue = `onboarding-paths-${process.pid}`;
const platform = new FakeLearningPlatform();
/** What the fake signing service does, per workflow id (default: both parties sign). */
const signingPlans = new Map<string, (req: SignatureRequest) => FakeSigningOutcome>();
let signing: FakeSigningProvider;
const registry = loadMunicipalityRegistry();
const program = 'yrkesresan';

beforeAll(async () => {
  env = await timeSkippingEnv();
  // Time moves only when a test says so (env.sleep). Unlocked, the server skips an idle workflow to its 10-year
  // timeout at the first update; TestWorkflowEnvironment assumes a locked server but the shared one is not.
  await env.connection.testService?.lockTimeSkipping({});
  renderer = createRenderer(2);
  store = documentStoreAt(mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'onboarding-')));
  const looks = loadMunicipalityConfig((k) => registry.byKode(k)?.name).looks;
  signing = new FakeSigningProvider(env.client, (req: SignatureRequest) => signingPlans.get(req.workflowId)?.(req) ?? { kind: 'sign' });
  const activities = {
    ...createActivities({ client: env.client, taskQueue, renderer, store, looks }),
    ...createOnboardingActivities({ client: env.client, taskQueue, looks, signing, learningPlatform: platform }),
  };
  worker = await withBackgroundWorker(
    await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities }),
    env.nativeConnection,
    taskQueue,
    activities,
  );
  running = worker.run();
});

afterAll(async () => {
  // Onboardings wait on timers (reminders, fee years) on this file's task queue: a later file's time travel on the
  // same server would stall on their workflow tasks once this worker is gone.
  if (env) await endWorkflows(env, [...invited]);
  await env?.connection.testService?.unlockTimeSkipping({});
  await signing?.settled();
  worker?.shutdown();
  await running;
  await renderer?.close();
  await env?.teardown();
});

const actor = { name: 'Siv SKR-administratör', role: 'skr_admin' };
let seq = 0;
const rid = (label: string) => `${label}-${process.pid}-${++seq}`.replace(/[^A-Za-z0-9_-]/g, '');

const invited = new Set<string>();

async function invite(kommunkod: string) {
  const workflowId = onboardingWorkflowId(kommunkod, program);
  invited.add(workflowId);
  const handle = await env.client.workflow.start(onboardingWorkflow, {
    workflowId,
    taskQueue,
    args: [{ kommunkod, program, invitation: { requestId: rid('inv'), actor } }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return handle;
}

type Handle = Awaited<ReturnType<typeof invite>>;

/** The stage as visibility has it (BfStage), and the run (a fee statement ends a run: continue-as-new). */
const stateOf = (h: Handle) => h.query(onboardingStateQuery);
async function waitForStage(h: Handle, stage: string, opts: { notRun?: string } = {}) {
  return eventually(async () => {
    const d = await h.describe();
    if (opts.notRun && d.runId === opts.notRun) return undefined;
    return d.typedSearchAttributes.get(STAGE) === stage ? d.runId : undefined;
  }, 30_000).catch(async (err) => {
    const d = await h.describe();
    throw new Error(`${String(err)}: väntade på ${stage}, skedet är ${d.typedSearchAttributes.get(STAGE)} (${d.status.name})`);
  });
}

/** Moves the test server's clock to 00:30 Stockholm time on `date` (timers up to then fire). */
async function advanceTo(date: string) {
  const target = stockholmMidnight(date).getTime() + 30 * 60_000;
  const now = await env.currentTimeMs();
  if (target > now) await env.sleep(target - now);
}

/** The test server's date (time has moved on in earlier tests) and the year after it. */
async function serverToday(): Promise<string> {
  return stockholmDate(new Date(await env.currentTimeMs()));
}
async function nextYear(): Promise<number> {
  return Number((await serverToday()).slice(0, 4)) + 1;
}

async function decideYes(h: Handle, startDate: string, endDate: string, organisation: 'rss' | 'egen' = 'rss') {
  return h.executeUpdate(registerDecisionUpdate, {
    args: [
      {
        requestId: rid('beslut'),
        actor,
        organ: 'Kommunfullmäktige',
        date: await serverToday(),
        paragraph: 112,
        outcome: 'bifall',
        terms: { startDate, endDate, organisation, admins: [{ name: 'Kim Konto', email: 'kim@example.se' }] },
      },
    ],
  });
}

async function pdfText(state: OnboardingState, index: number) {
  const ref = state.documents[index];
  const bytes = await store.getBytes(ref.sha256);
  return normalizeSpace((await readPdf(bytes as Uint8Array)).text);
}

test('straight path: invited → interested → decision → agreement signed by both → accounts → active → two fee statements → period end → exit', async () => {
  const y = await nextYear();
  const start = `${y}-07-01`;
  const end = `${y + 1}-06-30`;
  const h = await invite('0180');
  const interest = await h.executeUpdate(expressInterestUpdate, {
    args: [{ requestId: rid('int'), actor, contact: { name: 'Kim Konto', email: 'kim@example.se' } }],
  });
  expect(interest).toMatchObject({ stage: 'intresserad', recorded: true });

  const decided = await decideYes(h, start, end);
  expect(decided.stage).toBe('avtal_forbereds');
  const firstRun = await waitForStage(h, 'vantar_start');

  // Active from the start date; the first fee statement ends the run (continue-as-new per fee year).
  await advanceTo(start);
  const secondRun = await waitForStage(h, 'aktiv', { notRun: firstRun });
  await advanceTo(`${y + 1}-01-01`);
  await waitForStage(h, 'aktiv', { notRun: secondRun });
  await advanceTo(addDays(end, 1));
  await waitForStage(h, 'fornyelse');
  const exit = await h.executeUpdate(decideRenewalUpdate, {
    args: [{ requestId: rid('exit'), actor, decision: 'uttrade', comment: 'Kommunen väljer egen introduktion' }],
  });
  expect(exit.stage).toBe('avslutad');

  const s = await stateOf(h);
  expect(s.stage).toBe('avslutad');
  expect(s.agreement).toMatchObject({ version: 1, period: { start, end }, organisation: 'rss', number: `YR-0180-${y}` });
  expect(s.agreement?.signatures.kommun?.name).toBeTruthy();
  expect(s.agreement?.signatures.skr?.name).toBeTruthy();
  expect(s.accounts[start]).toEqual(['org-0180', 'adm-0180-1-kim@example.se']);
  expect(platform.provisioned().get(`0180-${program}-${start}`)).toEqual(['org-0180', 'adm-0180-1-kim@example.se']);

  // Two fee years: 1 July – 31 December pro rata (184/365 or 184/366), then 1 January – 30 June.
  const m = registry.byKode('0180')!;
  const [year1, year2] = feeScheduleForYears(start, end);
  const fees = s.agreement!.fees;
  // Each fee year at its own rate (issue 10 point 9: 2,43 for 2027, 2,47 for 2028; the last known rate after that).
  const rateOf = (year: number) => nationalRateForYear(YRKESRESAN.nationalRates, year).rate;
  expect(fees).toMatchObject({ nationalRate: rateOf(y), regional: { payee: 'Storsthlm (RSS Stockholms län)', rate: 18_800 } });
  expect(year1.days).toBe(184);
  expect(s.feeStatements).toHaveLength(2);
  expect(s.feeStatements[0]).toMatchObject({
    year: y,
    from: start,
    to: `${y}-12-31`,
    population: 988_943,
    populationDate: '2023-12-31',
    totalOre: feeForYear(year1, { ...fees, nationalRate: rateOf(y) }, m).total,
  });
  expect(s.feeStatements[1]).toMatchObject({
    year: y + 1,
    from: `${y + 1}-01-01`,
    to: end,
    totalOre: feeForYear(year2, { ...fees, nationalRate: rateOf(y + 1) }, m).total,
  });
  expect(s.feeStatements[0].nationalOre + (s.feeStatements[0].regionalOre ?? 0)).toBe(s.feeStatements[0].totalOre);

  // The agreement sent for signature, the same agreement signed by both (a new version), two fee statements.
  expect(s.documents.map((d) => d.type)).toEqual(['anslutningsavtal', 'anslutningsavtal', 'avgiftsunderlag', 'avgiftsunderlag']);
  expect(s.agreement!.signedDocument!.id).toBe(s.documents[1].id);
  // Issue 13: the final documents (the signed agreement, each fee statement) have their PDF/A archive copy in the
  // register; the agreement sent for signature is not final and has none.
  expect(s.documents.map((d) => !!d.archived)).toEqual([false, true, true, true]);
  for (const d of s.documents.slice(1)) expect((await store.getRecord(d.id))?.archival?.sha256).toBe(d.archived!.sha256);
  const agreementText = await pdfText(s, 0);
  expect(agreementText).toContain('Anslutningsavtal för Yrkesresan');
  expect(agreementText).toContain('Stockholms stad');
  expect(agreementText).toContain(formatRate(rateOf(y)));
  const statementText = await pdfText(s, 2);
  expect(statementText).toContain(`Avgiftsunderlag ${y}`);
  expect(statementText).toContain('988');
  expect(statementText).toContain(`× 184/${year1.daysInYear}`);

  expect(s.timeline.map((t) => t.action)).toEqual([
    'invite',
    'expressInterest',
    'registerDecision',
    'agreement',
    'signAgreement',
    'signAgreement',
    'agreement',
    'provisionAccounts',
    'start',
    'feeStatement',
    'feeStatement',
    'periodEnd',
    'decideRenewal',
  ]);
  await recordHistories(env.client, h.workflowId, 'onboarding-rak-vag');
});

test('a rejected agreement goes back to SKR; a new version is signed', async () => {
  const y = await nextYear();
  const h = await invite('1480');
  signingPlans.set(h.workflowId, (req) =>
    req.version > 1 ? { kind: 'sign' } : req.party === 'kommun' ? { kind: 'reject', comment: 'Fel kontaktperson i avtalet' } : { kind: 'none' },
  );
  await decideYes(h, `${y}-07-01`, `${y + 1}-06-30`, 'egen');
  await waitForStage(h, 'avtal_avvisat');

  // A signature for the rejected version is refused with a code; nothing changes.
  const refused = await h
    .executeUpdate(signAgreementUpdate, { args: [{ requestId: rid('sign-old'), actor, party: 'skr', version: 1, signer: { name: 'A', title: 'B' } }] })
    .catch((e: unknown) => e);
  expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'ACTION_NOT_ALLOWED_IN_STAGE' });

  // The learning platform is down at first: the activity is retried and the accounts are created once.
  platform.failNext(1);
  const revised = await h.executeUpdate(reviseAgreementUpdate, {
    args: [{ requestId: rid('rev'), actor, comment: 'Rättad kontaktperson', terms: { admins: [{ name: 'Rätt Person', email: 'ratt@example.se' }] } }],
  });
  expect(revised.stage).toBe('avtal_forbereds');
  await waitForStage(h, 'vantar_start');
  const s = await stateOf(h);
  expect(s.agreement).toMatchObject({ version: 2, organisation: 'egen', fees: { regional: null }, number: `YR-1480-${y} v2` });
  // v1 (rejected), v2 (sent), v3 (v2 as signed by both)
  expect(s.documents.filter((d) => d.type === 'anslutningsavtal').map((d) => d.version)).toEqual([1, 2, 3]);
  expect(s.accounts[`${y}-07-01`]).toEqual(['org-1480', 'adm-1480-1-ratt@example.se']);
  expect(platform.calls.filter((c) => c.idempotencyKey === `1480-${program}-${y}-07-01`)).toHaveLength(2);
  const rejection = s.timeline.find((t) => t.action === 'rejectAgreement');
  expect(rejection?.text).toContain('Avtalet version 1 avvisat av kommunen: Fel kontaktperson i avtalet');
  expect(s.timeline.filter((t) => t.action === 'signAgreement').map((t) => t.text)).toEqual([
    expect.stringContaining('version 2 undertecknat av kommunen'),
    expect.stringContaining('version 2 undertecknat av SKR'),
  ]);
  await recordHistories(env.client, h.workflowId, 'onboarding-avtal-avvisat');
});

test('the municipality decides against (through its linked ärende): avböjt, and it can be invited again later', async () => {
  const h = await invite('0380');
  const linked = await h.executeUpdate(linkAdoptionUpdate, { args: [{ requestId: rid('link'), actor, arendeId: 'arende-uppsala-0000001' }] });
  expect(linked.stage).toBe('beslut_pagar');
  // A signal from another ärende is ignored; the linked one decides.
  await h.signal(adoptionDecidedSignal, { arendeId: 'arende-annat-00000001', organ: 'KF', date: '2026-10-01', paragraph: 1, outcome: 'bifall' });
  await h.signal(adoptionDecidedSignal, {
    arendeId: 'arende-uppsala-0000001',
    organ: 'Kommunfullmäktige',
    date: '2026-10-12',
    paragraph: 201,
    outcome: 'avslag',
  });
  await waitForStage(h, 'avbojt');

  const again = await h.executeUpdate(inviteUpdate, { args: [{ requestId: rid('inv2'), actor, message: 'Ny inbjudan' }] });
  expect(again.stage).toBe('inbjuden');
  const s = await stateOf(h);
  expect(s.cycle).toBe(2);
  expect(s.documents).toHaveLength(0);
  expect(s.timeline.map((t) => t.text)).toEqual([
    'Kommunen bjuden in',
    'Kommunens beslut bereds i Beslutsflöde (ärende arende-uppsala-0000001)',
    'Kommunen har beslutat att inte ansluta (Kommunfullmäktige 2026-10-12 § 201)',
    'Kommunen bjuden in igen: Ny inbjudan',
  ]);
});

test('renewal: at the period end a new agreement for the next period is signed and the fee statements go on', async () => {
  const y = await nextYear();
  const h = await invite('2480');
  await decideYes(h, `${y}-07-01`, `${y}-12-31`);
  const firstRun = await waitForStage(h, 'vantar_start');
  await advanceTo(`${y}-07-01`);
  const secondRun = await waitForStage(h, 'aktiv', { notRun: firstRun });
  await advanceTo(`${y + 1}-01-01`);
  await waitForStage(h, 'fornyelse');

  const renewed = await h.executeUpdate(decideRenewalUpdate, {
    args: [{ requestId: rid('renew'), actor, decision: 'fornya', terms: { endDate: `${y + 1}-12-31` } }],
  });
  expect(renewed.stage).toBe('avtal_forbereds');
  await waitForStage(h, 'aktiv', { notRun: secondRun });
  const s = await stateOf(h);
  expect(s.agreement).toMatchObject({ version: 2, period: { start: `${y + 1}-01-01`, end: `${y + 1}-12-31` } });
  expect(s.feeStatements.map((f) => [f.from, f.to])).toEqual([
    [`${y}-07-01`, `${y}-12-31`],
    [`${y + 1}-01-01`, `${y + 1}-12-31`],
  ]);
  expect(Object.keys(s.accounts).sort()).toEqual([`${y}-07-01`, `${y + 1}-01-01`]);
  await recordHistories(env.client, h.workflowId, 'onboarding-fornyelse');
});

test('an action the stage does not allow is refused with a Swedish message and a code; the same request twice is recorded once', async () => {
  const h = await invite('0580');
  const refused = await h
    .executeUpdate(signAgreementUpdate, { args: [{ requestId: rid('early'), actor, party: 'kommun', version: 1, signer: { name: 'A', title: 'B' } }] })
    .catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'ACTION_NOT_ALLOWED_IN_STAGE' });
  expect(((refused as WorkflowUpdateFailedError).cause as Error).message).toContain('går inte i skedet "Inbjuden"');

  const invalid = await h.executeUpdate(expressInterestUpdate, { args: [{ requestId: 'x', actor } as never] }).catch((e: unknown) => e);
  expect((invalid as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'VALIDATION_FAILED' });

  const request = { requestId: rid('twice'), actor };
  const first = await h.executeUpdate(expressInterestUpdate, { args: [request] });
  const second = await h.executeUpdate(expressInterestUpdate, { args: [request], updateId: `${request.requestId}-other-update-id` });
  expect(first).toMatchObject({ stage: 'intresserad', recorded: true });
  expect(second).toMatchObject({ stage: 'intresserad', recorded: false });

  // Terms that would give an agreement ending before it starts are refused before anything is recorded.
  const badTerms = await h
    .executeUpdate(registerDecisionUpdate, {
      args: [{ requestId: rid('bad-terms'), actor, organ: 'KF', date: await serverToday(), paragraph: 5, outcome: 'bifall', terms: { endDate: '2020-01-01' } }],
    })
    .catch((e: unknown) => e);
  expect((badTerms as WorkflowUpdateFailedError).cause).toMatchObject({
    type: 'VALIDATION_FAILED',
    details: [[expect.objectContaining({ field: 'terms.endDate' })]],
  });

  const s = await stateOf(h);
  expect(s.stage).toBe('intresserad');
  expect(s.timeline.map((t) => t.action)).toEqual(['invite', 'expressInterest']);
});
