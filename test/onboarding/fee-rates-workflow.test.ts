/**
 * Issue 10, points 8 and 9 through the workflows on the time-skipping server, with the real renderer and store:
 * SKR sets the national rate of coming fee years (programme-rates workflow), and Stockholm's and Göteborg's
 * onboardings write their agreement and one fee statement per fee year at that year's rate, naming the
 * municipality as it names itself, its county's RSS, the population and its date, and Göteborg's regional fee
 * as "ej fastställd" (never 0 kr). The PDFs are read back as text.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { withBackgroundWorker } from '../support/background-worker';
import { createActivities } from '../../activities';
import { FakeLearningPlatform } from '../../activities/learning-platform';
import { createOnboardingActivities } from '../../activities/onboarding-activities';
import { FakeSigningProvider } from '../../activities/signing';
import type { ChromiumPdfRenderer } from '../../documents/renderer';
import type { DocumentStore } from '../../documents/store';
import { stockholmDate, stockholmMidnight } from '../../domain/iso-date';
import { multiplyRate, parseRate } from '../../domain/money';
import { loadMunicipalityConfig } from '../../runtime/municipality-config';
import { loadMunicipalityRegistry, ownNameOf } from '../../runtime/reference-data';
import { createRenderer, documentStoreAt } from '../../runtime/worker';
import { onboardingWorkflow } from '../../workflows/onboarding';
import { onboardingStateQuery, onboardingWorkflowId, registerDecisionUpdate, type OnboardingState } from '../../workflows/onboarding-messages';
import { programmeRatesWorkflow } from '../../workflows/programme-rates';
import { nationalRateHistoryQuery, programmeRatesWorkflowId, setNationalRateUpdate } from '../../workflows/programme-rates-messages';
import { STAGE } from '../../workflows/search-attributes';
import { normalizeSpace, readPdf } from '../support/pdf';
import { endWorkflows, timeSkippingEnv, workflowBundle } from '../support/temporal';
import { eventually } from './helpers';

let env: TestWorkflowEnvironment;
let worker: Awaited<ReturnType<typeof withBackgroundWorker>>;
let running: Promise<void>;
let renderer: ChromiumPdfRenderer;
let store: DocumentStore;
let signing: FakeSigningProvider;
const taskQueue = `fee-rates-${process.pid}`;
const registry = loadMunicipalityRegistry();
const program = 'yrkesresan';
const started = new Set<string>();

beforeAll(async () => {
  env = await timeSkippingEnv();
  await env.connection.testService?.lockTimeSkipping({});
  renderer = createRenderer(1);
  store = documentStoreAt(mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'fee-rates-')));
  // As the worker does: a municipality without a configured look is printed under its own name.
  const looks = loadMunicipalityConfig(ownNameOf(registry)).looks;
  signing = new FakeSigningProvider(env.client, () => ({ kind: 'sign' }));
  const activities = {
    ...createActivities({ client: env.client, taskQueue, renderer, store, looks }),
    ...createOnboardingActivities({ client: env.client, taskQueue, looks, signing, learningPlatform: new FakeLearningPlatform() }),
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
  if (env) {
    await endWorkflows(env, [...started]);
    // The rates set here would stay in the ended run's memo, which later files on this server read (describe): a new,
    // empty run of the rates workflow, ended at once, leaves them the programme's own table.
    // (Its first workflow task is done before it ends: a task left waiting would hold the server's time still.)
    const fresh = await env.client.workflow.start(programmeRatesWorkflow, { workflowId: programmeRatesWorkflowId(program), taskQueue, args: [{ program }] });
    expect(await fresh.query(nationalRateHistoryQuery)).toEqual([]);
    await fresh.terminate('test slut: inga taxor kvar');
  }
  await env?.connection.testService?.unlockTimeSkipping({});
  await signing?.settled();
  worker?.shutdown();
  await running;
  await renderer?.close();
  await env?.teardown();
});

const actor = { name: 'Siv SKR-administratör', role: 'skr_admin' };
let seq = 0;
const rid = (label: string) => `${label}-${process.pid}-${++seq}`;

async function serverToday(): Promise<string> {
  return stockholmDate(new Date(await env.currentTimeMs()));
}

async function advanceTo(date: string) {
  const target = stockholmMidnight(date).getTime() + 30 * 60_000;
  const now = await env.currentTimeMs();
  if (target > now) await env.sleep(target - now);
}

async function pdfText(state: OnboardingState, type: string, index = 0): Promise<string> {
  const ref = state.documents.filter((d) => d.type === type)[index];
  const bytes = await store.getBytes(ref.sha256);
  return normalizeSpace((await readPdf(bytes as Uint8Array)).text.replace(/\u00a0/g, ' '));
}

test("SKR's rates of coming years reach the fee statements; Stockholm and Göteborg named as they name themselves, with their RSS and honest regional text", async () => {
  const y = Number((await serverToday()).slice(0, 4)) + 1;
  const start = `${y}-07-01`;
  const end = `${y + 1}-06-30`;

  // SKR sets the rates of the two coming fee years (a history of two entries; the same request once).
  const ratesId = programmeRatesWorkflowId(program);
  started.add(ratesId);
  await env.client.workflow.start(programmeRatesWorkflow, { workflowId: ratesId, taskQueue, args: [{ program }], workflowIdConflictPolicy: 'USE_EXISTING' });
  const rates = env.client.workflow.getHandle(ratesId);
  const setOn = await serverToday();
  const first = { requestId: rid('taxa'), actor, year: y, rate: parseRate('2,51'), source: `SKR:s beslut om taxa ${y} (test)`, setOn };
  await rates.executeUpdate(setNationalRateUpdate, { args: [first] });
  await rates.executeUpdate(setNationalRateUpdate, { args: [first] });
  await rates.executeUpdate(setNationalRateUpdate, {
    args: [{ ...first, requestId: rid('taxa'), year: y + 1, rate: parseRate('2,58'), source: `SKR:s beslut om taxa ${y + 1} (test)` }],
  });
  const history = await rates.query(nationalRateHistoryQuery);
  expect(history.filter((h) => h.year >= y).map((h) => [h.year, h.rate, h.actor])).toEqual([
    [y, 25_100, 'Siv SKR-administratör (skr_admin)'],
    [y + 1, 25_800, 'Siv SKR-administratör (skr_admin)'],
  ]);
  // A year that has begun is refused by the workflow too.
  await expect(rates.executeUpdate(setNationalRateUpdate, { args: [{ ...first, requestId: rid('taxa'), year: y - 1 }] })).rejects.toThrow();

  const handles = new Map<string, Awaited<ReturnType<typeof env.client.workflow.start>>>();
  for (const kommunkod of ['0180', '1480']) {
    const workflowId = onboardingWorkflowId(kommunkod, program);
    started.add(workflowId);
    const h = await env.client.workflow.start(onboardingWorkflow, {
      workflowId,
      taskQueue,
      args: [{ kommunkod, program, invitation: { requestId: rid('inv'), actor } }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    await h.executeUpdate(registerDecisionUpdate, {
      args: [
        {
          requestId: rid('beslut'),
          actor,
          organ: 'Kommunfullmäktige',
          date: setOn,
          paragraph: 12,
          outcome: 'bifall',
          terms: { startDate: start, organisation: 'rss' },
        },
      ],
    });
    handles.set(kommunkod, h);
  }
  const stageOf = async (h: { describe(): Promise<{ typedSearchAttributes: { get(k: typeof STAGE): unknown } }> }) =>
    (await h.describe()).typedSearchAttributes.get(STAGE);
  for (const h of handles.values()) await eventually(async () => ((await stageOf(h)) === 'vantar_start' ? true : undefined), 30_000);
  await advanceTo(start);
  for (const h of handles.values()) await eventually(async () => ((await h.query(onboardingStateQuery)).feeStatements.length === 1 ? true : undefined), 30_000);
  await advanceTo(`${y + 1}-01-01`);
  const states = new Map<string, OnboardingState>();
  for (const [kod, h] of handles) {
    states.set(
      kod,
      await eventually(async () => {
        const s = await h.query(onboardingStateQuery);
        return s.feeStatements.length === 2 ? s : undefined;
      }, 30_000),
    );
  }

  // Stockholm: "Stockholms stad", StorSthlm 1,88 kr, SKR's rate of each year, the population with its date.
  const sthlm = states.get('0180')!;
  const sAgreement = await pdfText(sthlm, 'anslutningsavtal');
  expect(sAgreement).toContain('Stockholms stad, nedan kallad kommunen');
  expect(sAgreement).not.toContain('nedan kallad nedan kallad');
  expect(sAgreement).toContain(`Nationell avgift ${y} Sveriges Kommuner och Regioner 2,51 kr per invånare och år`);
  expect(sAgreement).toContain(`Nationell avgift ${y + 1} Sveriges Kommuner och Regioner 2,58 kr per invånare och år`);
  expect(sAgreement).toContain('Regional avgift Storsthlm (RSS Stockholms län) 1,88 kr per invånare och år');
  const s1 = await pdfText(sthlm, 'avgiftsunderlag', 0);
  expect(s1).toContain(`Avgiftsunderlag ${y}: Stockholms stad`);
  expect(s1).toContain('invånarantal den 2023-12-31: 988 943 invånare');
  expect(s1).toContain(`Taxa för avgiftsår ${y}: 2,51 kr per invånare och år. Källa: SKR:s beslut om taxa ${y} (test); fastställd ${setOn}.`);
  const s2 = await pdfText(sthlm, 'avgiftsunderlag', 1);
  expect(s2).toContain(`Taxa för avgiftsår ${y + 1}: 2,58 kr per invånare och år.`);
  expect(s2).toContain('988 943 invånare × 2,58 kr');
  const days2 = 181 + ((y + 1) % 4 === 0 && ((y + 1) % 100 !== 0 || (y + 1) % 400 === 0) ? 1 : 0);
  const yearDays2 = 365 + (days2 - 181);
  const full2 = multiplyRate(parseRate('2,58'), 988_943);
  expect(sthlm.feeStatements[1].nationalOre).toBe(Math.floor((full2 * days2 * 2 + yearDays2) / (2 * yearDays2)));

  // Göteborg: "Göteborgs Stad", its RSS from the reference data, the regional fee not set — never 0 kr.
  const gbg = states.get('1480')!;
  const gAgreement = await pdfText(gbg, 'anslutningsavtal');
  expect(gAgreement).toContain('Göteborgs Stad, nedan kallad kommunen');
  expect(gAgreement).toContain('Det regionala genomförandet sköts av VästKom med GR / Fyrbodal / Skaraborg / Sjuhärad');
  expect(gAgreement).toContain('ej fastställd i detta avtal');
  expect(gAgreement).not.toContain('organiserar själv');
  const g1 = await pdfText(gbg, 'avgiftsunderlag', 0);
  expect(g1).toContain(`Avgiftsunderlag ${y}: Göteborgs Stad`);
  expect(g1).toContain('604 616 invånare');
  expect(g1).toContain('ej fastställd ej fastställd');
  expect(g1).toContain('Totalt fastställda avgifter');
  expect(gbg.feeStatements.map((f) => f.regionalOre)).toEqual([null, null]);
  expect(gbg.feeStatements[0].totalOre).toBe(gbg.feeStatements[0].nationalOre);
  expect(end).toBe(gbg.agreement?.period.end);
});
