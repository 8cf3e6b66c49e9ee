/**
 * Drives adoption ärenden on the time-skipping server with a real worker: real activities, Chromium renderer and
 * document store. Dates are relative to the server's clock (it is shared by the test files of a Jest worker and
 * only moves forward), so every path plans from "today" as the server sees it.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { withBackgroundWorker } from '../support/background-worker';
import { createActivities, type ActivityDeps } from '../../activities';
import type { ChromiumPdfRenderer } from '../../documents/renderer';
import type { DocumentStore } from '../../documents/store';
import type { ActionInput } from '../../domain/actions';
import { registerArendeSchema } from '../../domain/arende';
import { daysBetween, stockholmDate, stockholmMidnight, type IsoDate } from '../../domain/iso-date';
import type { Action, Stage } from '../../domain/stages';
import { loadMunicipalityConfig } from '../../runtime/municipality-config';
import { loadMunicipalityRegistry } from '../../runtime/reference-data';
import { createRenderer, documentStoreAt } from '../../runtime/worker';
import { adoptionWorkflow } from '../../workflows/adoption';
import { ACTION_UPDATES, stateQuery } from '../../workflows/messages';
import type { ActionResult, AdoptionInput, ArendeState } from '../../domain/arende-state';
import {
  onboardingStateQuery,
  onboardingWorkflowId,
  rejectAgreementUpdate,
  reviseAgreementUpdate,
  signAgreementUpdate,
  decideRenewalUpdate,
  type OnboardingState,
} from '../../workflows/onboarding-messages';
import { registrationBody } from '../fixtures/registration';
import { recordHistories } from '../support/histories';
import { endWorkflows, timeSkippingEnv, workflowBundle } from '../support/temporal';

export interface Harness {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  store: DocumentStore;
  renderer: ChromiumPdfRenderer;
  started: ArendeDriver[];
  /** Other workflows the file started (e.g. an onboarding); stop() ends them with the ärenden. */
  alsoStarted: string[];
  stop(): Promise<void>;
}

export async function startHarness(name: string, extraDeps: Partial<ActivityDeps> = {}): Promise<Harness> {
  const env = await timeSkippingEnv();
  // The server skips time whenever nothing is pending unless locked; the paths move time only with env.sleep.
  await env.connection.testService?.lockTimeSkipping({});
  const taskQueue = `adoption-${name}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const renderer = createRenderer(1);
  const store = documentStoreAt(mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), `adoption-${name}-`)));
  const registry = loadMunicipalityRegistry();
  const looks = loadMunicipalityConfig((k) => registry.byKode(k)?.name).looks;
  const activities = createActivities({ client: env.client, taskQueue, renderer, store, looks, ...extraDeps });
  const worker = await withBackgroundWorker(
    await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities }),
    env.nativeConnection,
    taskQueue,
    activities,
  );
  const running = worker.run();
  const started: ArendeDriver[] = [];
  const alsoStarted: string[] = [];
  return {
    env,
    taskQueue,
    store,
    renderer,
    started,
    alsoStarted,
    async stop() {
      // Workflows still waiting on timers would wake in a later file's time travel, on this file's task queue that no
      // worker polls any more, and the server does not skip time while a workflow task waits: end them.
      // (Also the onboardings the ärenden handed their decisions to.)
      const owners = started.map((d) => onboardingWorkflowId(d.input.kommunkod, d.input.program));
      await endWorkflows(env, [...new Set([...started.map((d) => d.handle.workflowId), ...alsoStarted, ...owners])]);
      worker.shutdown();
      await running;
      await env.connection.testService?.unlockTimeSkipping({}).catch(() => undefined);
      await renderer.close();
      await env.teardown();
    },
  };
}

/** A unique nämnd code per ärende, so that its diarium and meeting plan are its own. */
function uniqueSerie(): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = 'S';
  for (let i = 0; i < 5; i++) s += letters[Math.floor(Math.random() * letters.length)];
  return s;
}

/** The first 1 July at least seven months after `today` (the seed's start, 2027-07-01, when run in late 2026). */
export function targetStartFrom(today: IsoDate): IsoDate {
  const y = Number(today.slice(0, 4));
  for (let year = y; ; year++) {
    const candidate = `${year}-07-01`;
    if (daysBetween(today, candidate) >= 200) return candidate;
  }
}

export const SEKRETERARE = { name: 'Sara Sekreterare', role: 'nämndsekreterare' };
export const HANDLAGGARE = { name: 'Anna Andersson', role: 'handläggare' };

export class ArendeDriver {
  constructor(
    readonly h: Harness,
    readonly handle: WorkflowHandle<typeof adoptionWorkflow>,
    readonly input: AdoptionInput,
    readonly firstRunId: string,
  ) {}

  static async register(h: Harness, overrides: Record<string, unknown> = {}): Promise<ArendeDriver> {
    const today = stockholmDate(await h.env.currentTimeMs());
    const serie = uniqueSerie();
    // Each ärende of a file in its own municipality: the agreement has one owner per municipality and programme.
    const parsed = registerArendeSchema.parse(
      registrationBody({ kommunkod: someKommunkod(), namnd: { kod: serie, namn: 'Socialnämnden' }, targetStart: targetStartFrom(today), ...overrides }),
    );
    const arendeId = `arende-test-${randomUUID()}`;
    const input: AdoptionInput = { ...parsed, arendeId, registeredBy: 'Anna Andersson (handläggare)', diarienummerPattern: '{serie} {year}/{nr:4}' };
    const handle = await h.env.client.workflow.start(adoptionWorkflow, { workflowId: arendeId, taskQueue: h.taskQueue, args: [input] });
    const d = new ArendeDriver(h, handle, input, handle.firstExecutionRunId);
    h.started.push(d);
    await d.waitFor((s) => s.meetingPlans !== undefined && s.documents.length === 1);
    return d;
  }

  state(): Promise<ArendeState> {
    return this.handle.query(stateQuery);
  }

  /** SKR's onboarding of the ärende's municipality and programme: the owner of the agreement after the handover. */
  owner(): WorkflowHandle {
    const id = onboardingWorkflowId(this.input.kommunkod, this.input.program);
    if (!this.h.alsoStarted.includes(id)) this.h.alsoStarted.push(id);
    return this.h.env.client.workflow.getHandle(id);
  }

  ownerState(): Promise<OnboardingState> {
    return this.owner().query(onboardingStateQuery);
  }

  async waitForOwner(predicate: (s: OnboardingState) => boolean, what = 'anslutningen', timeoutMs = 60_000): Promise<OnboardingState> {
    const deadline = Date.now() + timeoutMs;
    let last: OnboardingState | undefined;
    while (Date.now() < deadline) {
      try {
        last = await this.ownerState();
        if (predicate(last)) return last;
      } catch {
        // not started yet, or its task is in flight
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${what} uppfylldes inte; anslutningens skede ${last?.stage}: ${JSON.stringify(last?.timeline.slice(-3))}`);
  }

  /** An action on the owner (the onboarding), as the signed-in person of a party would send it through the web app. */
  ownerAct(action: 'signAgreement' | 'rejectAgreement' | 'reviseAgreement' | 'decideRenewal', input: Record<string, unknown>) {
    const update = {
      signAgreement: signAgreementUpdate,
      rejectAgreement: rejectAgreementUpdate,
      reviseAgreement: reviseAgreementUpdate,
      decideRenewal: decideRenewalUpdate,
    }[action];
    const body = { requestId: `req-${randomUUID()}`, actor: SEKRETERARE, ...input };
    return this.owner().executeUpdate(update as never, { args: [body] as never, updateId: body.requestId });
  }

  async today(): Promise<IsoDate> {
    return stockholmDate(await this.h.env.currentTimeMs());
  }

  /** Sends an action with a fresh request id (unless given) and the actor of the role that takes it. */
  act<A extends Action>(
    action: A,
    payload: Omit<ActionInput[A], 'requestId' | 'actor'> & { requestId?: string; actor?: { name: string; role?: string } },
    opts: { updateId?: string } = {},
  ): Promise<ActionResult> {
    const body = { requestId: `req-${randomUUID()}`, actor: SEKRETERARE, ...payload } as unknown as ActionInput[A];
    const updateId = opts.updateId ?? (body as { requestId: string }).requestId;
    return this.handle.executeUpdate(ACTION_UPDATES[action] as never, { args: [body] as never, updateId });
  }

  /** Sends an action that must be rejected; returns the failure's machine code, message and fields. */
  async rejected<A extends Action>(
    action: A,
    payload: Record<string, unknown>,
    opts: { updateId?: string } = {},
  ): Promise<{ code: string; message: string; fields: Array<{ field: string; rule: string }> }> {
    try {
      await this.act(action, payload as never, opts);
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        return { code: err.cause.type ?? '', message: err.cause.message, fields: (err.cause.details?.[0] as never) ?? [] };
      }
      throw err;
    }
    throw new Error(`${action} accepterades men skulle avvisas`);
  }

  /**
   * The state once every final document has its archive copy: the copies are made beside the process (patch
   * 'archive-final-documents'), so a test that compares states must not take a copy finishing for a change.
   */
  settled(): Promise<ArendeState> {
    return this.waitFor((s) => s.documents.every((x) => x.status === 'utkast' || x.archived !== undefined), 'arkivexemplaren');
  }

  async waitFor(predicate: (s: ArendeState) => boolean, what = 'villkoret', timeoutMs = 30_000): Promise<ArendeState> {
    const deadline = Date.now() + timeoutMs;
    let last: ArendeState | undefined;
    while (Date.now() < deadline) {
      try {
        last = await this.state();
        if (predicate(last)) return last;
      } catch {
        // the workflow task may be in flight
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${what} uppfylldes inte; skede ${last?.stage}, senaste händelse: ${JSON.stringify(last?.history.slice(-3))}`);
  }

  waitForStage(stage: Stage): Promise<ArendeState> {
    return this.waitFor((s) => s.stage === stage, `skedet ${stage}`);
  }

  /** Moves the server's clock to 10:00 Europe/Stockholm on `date` (never backwards). */
  async advanceTo(date: IsoDate): Promise<void> {
    const target = stockholmMidnight(date).getTime() + 10 * 3_600_000;
    const now = await this.h.env.currentTimeMs();
    if (target > now) await this.h.env.sleep(target - now);
  }

  async pdf(docId: string): Promise<Uint8Array> {
    const record = await this.h.store.getRecord(docId);
    if (!record) throw new Error(`dokumentet ${docId} finns inte`);
    const bytes = await this.h.store.getBytes(record.sha256);
    if (!bytes) throw new Error(`filen för ${docId} saknas`);
    return bytes;
  }

  /** With BF_RECORD_HISTORIES=1: every run of this ärende as test/replay/histories/<name>-<n>.json (test/support/histories.ts). */
  recordHistories(name: string): Promise<void> {
    return recordHistories(this.h.env.client, this.handle.workflowId, name);
  }
}

/** Takes the ärende from utkast through signing: it is placed on the nämnd's next open meeting. */
export async function draftAndSign(d: ArendeDriver): Promise<ArendeState> {
  await d.act('signTjansteutlatande', {
    actor: HANDLAGGARE,
    role: 'forvaltningschef',
    signatory: { name: 'Veronica Carstorp Wolgast', title: 'Socialdirektör' },
  });
  await d.act('signTjansteutlatande', { actor: HANDLAGGARE, role: 'avdelningschef', signatory: { name: 'Lina Blombergsson', title: 'Avdelningschef' } });
  return d.waitForStage('sammantrade');
}

/** The meeting decides; then justering three days later and anslag the day after. */
export async function decideAndPublish(d: ArendeDriver, decision: { paragraph: number } & Record<string, unknown> = { paragraph: 1 }): Promise<ArendeState> {
  const s = await d.state();
  const meeting = s.meeting!.date;
  await d.advanceTo(meeting);
  await d.act('recordDecision', { outcome: 'bifall', ...decision } as never);
  const justering = addDaysIso(meeting, 3);
  await d.advanceTo(justering);
  await d.act('recordJustering', { date: justering, chair: 'Ordförande Olsson', adjusters: ['Justerare Jansson'] });
  const anslag = addDaysIso(justering, 1);
  await d.advanceTo(anslag);
  await d.act('recordAnslag', { date: anslag, protocolKeptAt: 'Stadshuset, Stockholm' });
  return d.state();
}

/** KS prepares (two weeks after the nämnd's anslag); the ärende is placed on KF's next open meeting. */
export async function ksPrepares(d: ArendeDriver): Promise<ArendeState> {
  const s = await d.state();
  const namndAnslag = s.decisions[s.decisions.length - 1].anslag!.date;
  const ksDate = addDaysIso(namndAnslag, 14);
  await d.advanceTo(ksDate);
  await d.act('recordKsBeredning', { meetingDate: ksDate, paragraph: 12 });
  return d.waitFor((x) => x.stage === 'sammantrade' && x.organ === 'kf', 'placerat i KF');
}

/** Waits out the appeal period: laga kraft, agreement stage. */
export async function appealPeriodPasses(d: ArendeDriver): Promise<ArendeState> {
  const s = await d.state();
  await d.advanceTo(addDaysIso(s.appeal!.lastDay, 1));
  return d.waitFor((x) => x.lagaKraft !== undefined, 'laga kraft');
}

export const KOMMUN_SIGNER = { name: 'Karin Kommunstyrelseordförande', title: 'Kommunstyrelsens ordförande', userId: 'k-ordforande' };
export const SKR_SIGNER = { name: 'Sven SKR', title: 'Avdelningschef, SKR', userId: 'skr-sven' };

/** Both parties sign the owner's agreement (SKR's onboarding) for themselves; the ärende follows to väntar på start. */
export async function bothSign(d: ArendeDriver, stage: Stage = 'vantar_start'): Promise<ArendeState> {
  const o = await d.waitForOwner((s) => s.stage === 'avtal_signeras', 'avtalet skickat för underskrift');
  const version = o.agreement!.version;
  await d.ownerAct('signAgreement', { party: 'kommun', version, signer: KOMMUN_SIGNER, actor: { name: KOMMUN_SIGNER.name } });
  await d.ownerAct('signAgreement', { party: 'skr', version, signer: SKR_SIGNER, actor: { name: SKR_SIGNER.name } });
  return d.waitForStage(stage);
}

/** A municipality code at random (the ärenden of a test file do not share an anslutning). */
export function someKommunkod(): string {
  const all = loadMunicipalityRegistry().all();
  return all[Math.floor(Math.random() * all.length)].kommunkod;
}

/** Without KF (kfRequired: false): signed, decided, justerat and anslaget by the nämnd; the appeal period runs. */
export async function throughNamnd(d: ArendeDriver, decision: { paragraph: number } & Record<string, unknown> = { paragraph: 4 }): Promise<ArendeState> {
  await draftAndSign(d);
  return decideAndPublish(d, decision);
}

export function addDaysIso(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
