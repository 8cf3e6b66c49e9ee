/**
 * The running ärende on the stage engine (workflows/engine): its state, its inbox of human actions (Temporal
 * Updates, queued), documents and search attributes. Each stage (workflows/stages/*) works through this context;
 * the process itself, the stage table, is workflows/adoption.ts.
 *
 * How an action travels: the update's validator checks the payload (the action's zod schema), the request id, the
 * stage and the rules, and refuses with a machine code and a Swedish message; nothing changes. An accepted update
 * waits in the inbox until the stage that is running takes it, checks it again against the state of that moment,
 * applies it (documents included) and answers with an ActionResult. A repeated request id returns the first result.
 */
import { allHandlersFinished, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DocumentRef } from '../domain/documents/ref';
import type { DocumentType } from '../documents/types';
import { ACTION_SCHEMAS, type ActionPayload } from '../domain/actions';
import { stockholmMidnight, type IsoDate } from '../domain/iso-date';
import { ACTION_LABELS, STAGE_LABELS, allowedActions, type Action, type Stage } from '../domain/stages';
import { builtInProgramme, type Programme } from '../domain/programmes';
import { ArendeDocuments } from './arende-documents';
import { initialArendeState } from './arende-state';
import {
  actorName,
  continueAsNewAfter,
  continueAsNewDue,
  ERROR_CODES,
  Inbox,
  Outbox,
  Published,
  Refused,
  RequestMemory,
  serveStage,
  transition,
  type Alarm,
  type Pending,
  type Refusal,
  type StageTable,
  type StoredRequest,
} from './engine';
import { ACTION_UPDATES, agreementProgressSignal, registrationUpdate, stateQuery } from './messages';
import { type ActionResult, type AdoptionInput, type ArendeState, type HistoryEntry } from '../domain/arende-state';
import { computeDeadlines, computePlan } from '../domain/arende-plan';
import { checkAction, checkNewRequest } from '../domain/arende-rules';
import { NEXT_DEADLINE, STAGE } from './search-attributes';
import { STEP_ACTIVITIES } from './engine/activity-options';
import * as clock from './engine/clock';

export const activities = proxyActivities<Activities>(STEP_ACTIVITIES);

/** What continue-as-new carries to the next run. */
export interface Carried {
  state: ArendeState;
  /** requestId → the first result, so that a repeat after continue-as-new changes nothing. */
  requests: Array<[string, StoredRequest<Action, ActionResult>]>;
}

/** What an applied action reports: the Swedish history text and the documents it produced. */
export interface Outcome {
  message: string;
  documentIds?: string[];
}

export type ActionHandlers = { [A in Action]?: (payload: ActionPayload[A], actor: string) => Promise<Outcome> };
export type ArendeStages = StageTable<ArendeContext, Stage>;
type Item = Pending<Action, ActionPayload[Action]>;

/** The actions that belong to the owner of the agreement (SKR's onboarding) once the ärende has handed over. */
const OWNER_ACTIONS: ReadonlySet<Action> = new Set(['signAgreement', 'rejectAgreement', 'decideRenewal']);

/** How many request ids are remembered (they are a few per stage; the cap keeps a decades-long ärende bounded). */
const REMEMBERED_REQUESTS = 500;

export { actorName };

export class ArendeContext {
  readonly state: ArendeState;
  readonly programme: Programme;
  /** Messages to other workflows and archive copies still under way; drained before the run ends or continues. */
  readonly outbox = new Outbox();
  private readonly inbox: Inbox<Action, ActionPayload[Action], ActionResult>;
  private readonly documents: ArendeDocuments;
  private readonly published = new Published();
  private continueAsNewRequested = false;
  /** Set by a signal that the running stage should look at (it wakes the stage's tick). */
  private nudged = false;

  constructor(
    readonly input: AdoptionInput,
    private readonly stages: ArendeStages,
    carried?: Carried,
  ) {
    this.programme = programmeOf(input);
    this.state = carried ? carried.state : initialArendeState(input, this.programme, this.now());
    if (carried) this.state.runs += 1;
    const requests = new RequestMemory(carried?.requests ?? [], REMEMBERED_REQUESTS);
    this.inbox = new Inbox(requests, {
      schema: (a) => ACTION_SCHEMAS[a] as never,
      label: (a) => ACTION_LABELS[a],
      check: (a, p) => this.check(a, p),
      checkNew: (a, p) => checkNewRequest(a, p),
    });
    this.documents = new ArendeDocuments(
      this.state,
      activities.renderDocument,
      this.outbox,
      (actor, action, text) => this.log(actor, action, text),
      () => this.now(),
    );
  }

  now(): string {
    return clock.nowIso();
  }

  today(): IsoDate {
    return clock.today();
  }

  installHandlers(): void {
    setHandler(stateQuery, () => this.state);
    // The owner of the agreement (SKR's onboarding) reports its progress; the stages avtal, vantar_start and aktiv
    // follow it (workflows/stages/follow-onboarding.ts). Only ärenden that handed over listen.
    setHandler(agreementProgressSignal, (progress) => {
      const owner = this.state.agreementOwner;
      if (!owner || progress.onboardingId !== owner.workflowId) return;
      owner.progress = { ...progress, at: this.now() };
      this.nudged = true;
    });
    setHandler(registrationUpdate, async () => {
      await condition(() => this.state.diarienummer !== undefined);
      return { diarienummer: this.state.diarienummer as string };
    });
    this.inbox.install(ACTION_UPDATES);
  }

  /** Stage and rule checks against the state of this moment. */
  private check(action: Action, payload: ActionPayload[Action]): Refusal | undefined {
    const allowed = this.allowed();
    if (!allowed.includes(action)) {
      const list = allowed.map((a) => `"${ACTION_LABELS[a]}"`).join(', ') || 'inga';
      return {
        code: ERROR_CODES.notAllowed,
        message: `Åtgärden "${ACTION_LABELS[action]}" är inte tillåten när ärendet är i skedet "${STAGE_LABELS[this.state.stage]}". Tillåtna nu: ${list}.`,
      };
    }
    return checkAction(this.state, action, payload, this.today());
  }

  allowed(): Action[] {
    const a = this.state.appeal;
    // On the rules of domain/appeals.ts (appeal.rules = 2) more members may appeal while the period runs, also after a first appeal.
    const windowRuns = a?.status === 'open' || (a?.rules === 2 && a.status === 'pending' && this.today() <= a.lastDay);
    const actions = allowedActions(this.state.stage, { appealWindowOpen: windowRuns, appealPending: a?.status === 'pending' });
    // After the handover the agreement's actions are the owner's (the web app forwards them there).
    return this.state.agreementOwner ? actions.filter((x) => !OWNER_ACTIONS.has(x)) : actions;
  }

  /** Appeal handling shared by every stage (its actions and the end of the appeal period); set by stages/overklagande.ts. */
  appeal: { handlers: ActionHandlers } & Alarm = { handlers: {}, at: () => undefined, ring: async () => undefined };

  /**
   * Serves the actions of `stage` until the stage changes. `tick` runs first and after every action or wake-up
   * (automatic steps: a finished beredning, a due fee statement); `wakeAt` is the next moment `tick` has work.
   * Appeal actions are served in every stage (see `appeal`), since the policy may act before laga kraft.
   */
  async serve(stage: Stage, handlers: ActionHandlers, opts: { tick?: () => Promise<void> | void; wakeAt?: () => Date | undefined } = {}): Promise<void> {
    await serveStage<Item>({
      inStage: () => this.state.stage === stage,
      ...opts,
      refresh: () => this.refresh(),
      continueAsNewIfDue: () => this.continueAsNewIfDue(),
      take: () => this.inbox.take(),
      queued: () => this.inbox.length,
      nudged: () => this.nudged,
      takeNudge: () => {
        this.nudged = false;
      },
      alarm: this.appeal,
      handle: (item) => {
        const handler = ((this.appeal.handlers as ActionHandlers)[item.action] ?? handlers[item.action]) as
          ((p: unknown, actor: string) => Promise<Outcome>) | undefined;
        const actor = actorName(item.payload.actor);
        return this.inbox.perform<Outcome>(item, {
          run: handler && ((i) => handler(i.payload, actor)),
          missing: () => notAllowedNow(item.action, this.state.stage),
          finish: (i, outcome) => this.finish(i, actor, outcome),
        });
      },
    });
    this.refresh();
  }

  /** An applied action's result, in the history and in what the query shows. */
  private finish(item: Item, actor: string, outcome: Outcome): ActionResult {
    const result: ActionResult = {
      requestId: item.payload.requestId,
      action: item.action,
      stage: this.state.stage,
      message: outcome.message,
      documentIds: outcome.documentIds ?? [],
      at: this.now(),
    };
    this.log(actor, item.action, outcome.message, item.payload.requestId);
    this.refresh();
    return result;
  }

  log(actor: string, action: string, text: string, requestId?: string): void {
    const entry: HistoryEntry = { at: this.now(), actor, action, text, stage: this.state.stage };
    if (requestId) entry.requestId = requestId;
    this.state.history.push(entry);
  }

  /** Moves the ärende to `stage` and records it; the stages' own enter/leave run (workflows/adoption.ts). */
  transition(stage: Stage, why?: string): void {
    const record = (from: Stage, to: Stage) => this.log('system', 'stage', `${STAGE_LABELS[from]} → ${STAGE_LABELS[to]}${why ? `: ${why}` : ''}`);
    if (transition(this.stages, this, this.state, stage, record, why)) this.refresh();
  }

  end(reason: string): void {
    this.state.endReason = reason;
    this.transition('avslutad', reason);
  }

  /** Renders a document and records it in the ärende (workflows/arende-documents.ts). */
  render(type: DocumentType, data: unknown, opts: { step: string; createdBy?: string }): Promise<DocumentRef> {
    return this.documents.render(type, data, opts);
  }

  /** Recomputes what the query shows (allowed actions, deadlines, plan) and publishes the search attributes. */
  refresh(): void {
    const today = this.today();
    this.state.allowedActions = this.allowed();
    this.state.deadlines = computeDeadlines(this.state, today);
    this.state.plan = computePlan(this.state, today);
    const deadline = this.state.deadlines.find((d) => d.date >= today)?.date;
    this.published.publish([this.state.stage, deadline], () => [
      { key: STAGE, value: this.state.stage },
      { key: NEXT_DEADLINE, value: deadline ? stockholmMidnight(deadline) : null },
    ]);
  }

  /** Asks for a new run at the next quiet moment (the active stage does so once per fee year). */
  requestContinueAsNew(): void {
    this.continueAsNewRequested = true;
  }

  private async continueAsNewIfDue(): Promise<void> {
    if (!continueAsNewDue(this.continueAsNewRequested)) return;
    if (this.inbox.length > 0 || !allHandlersFinished()) return;
    const carried: Carried = { state: this.state, requests: this.inbox.requests.entries };
    await continueAsNewAfter<(input: AdoptionInput, carried?: Carried) => Promise<void>>(this.outbox, [this.input, carried], { waitForHandlers: false });
  }

  /** At the end: refuse what is still queued (the ärende is closed) and let the handlers finish. */
  async close(): Promise<void> {
    this.inbox.refuseAll((item) => notAllowedNow(item.action, this.state.stage));
    await this.outbox.drain();
    await condition(allHandlersFinished);
  }
}

/**
 * The ärende's programme: the snapshot its registration passed (configured programmes), or for a run started before
 * programmes were configuration, the built-in definition (domain/programmes.ts).
 */
function programmeOf(input: AdoptionInput): Programme {
  const programme = input.programme ?? builtInProgramme(input.program);
  if (!programme) throw ApplicationFailure.create({ type: 'UNKNOWN_PROGRAMME', message: `Programmet ${input.program} finns inte`, nonRetryable: true });
  return programme;
}

function notAllowedNow(action: Action, stage: Stage): Refused {
  return new Refused(ERROR_CODES.notAllowed, `Åtgärden "${ACTION_LABELS[action]}" är inte tillåten när ärendet är i skedet "${STAGE_LABELS[stage]}".`);
}
