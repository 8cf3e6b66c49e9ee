/**
 * The running sammanträde on the stage engine (workflows/engine), as the ärende's workflows/context.ts: its state, its
 * inbox of steps (Temporal Updates, queued), the documents it writes and the archive copies under way. Each stage
 * (workflows/meeting/stages/*) serves the steps its status allows through `serve`; the process itself, the stage
 * table, is workflows/meeting/meeting.ts.
 *
 * How a step travels: the update's validator checks the payload (the step's zod schema), the request id and the pure
 * step itself (domain/meeting/commands.ts) on a copy of the state, and refuses with a machine code and a Swedish
 * message; nothing changes. An accepted step waits in the inbox until the running stage takes it; then what must
 * happen first (an ärende booked on the meeting) is done, the step is applied to a copy that replaces the state when
 * it succeeds, and the stage's work for each of its effects follows (documents, § numbers, the ärenden's updates).
 */
import { allHandlersFinished, condition, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { DocumentRef } from '../../domain/documents/ref';
import type { DocumentType } from '../../documents/types';
import { applyStep, newMeeting, type Effect, type StepResult } from '../../domain/meeting/commands';
import type { MeetingState, MeetingStatus } from '../../domain/meeting/model';
import { MEETING_ACTION_LABELS, MEETING_ACTION_SCHEMAS, type MeetingAction, type MeetingPayload } from '../../domain/meeting/schemas';
import {
  actorName,
  continueAsNewAfter,
  continueAsNewDue,
  Inbox,
  isRefusal,
  nowIso,
  Outbox,
  RequestMemory,
  serveStage,
  today,
  type Alarm,
  type Pending,
  type Refusal,
  type StoredRequest,
} from '../engine';
import { STEP_ACTIVITIES } from '../engine/activity-options';
import { inBackground } from '../background';
import { archiving, renderRequest } from '../workflow-documents';
import { MEETING_UPDATES, meetingStateQuery, type MeetingActionResult, type MeetingWorkflowInput } from './messages';

export const activities = proxyActivities<Activities>(STEP_ACTIVITIES);

/** What continue-as-new carries to the next run (a meeting's history is short; Temporal decides). */
export interface Carried {
  state: MeetingState;
  /** requestId → the first result, so that a repeat after continue-as-new changes nothing. */
  requests: Array<[string, StoredRequest<MeetingAction, MeetingActionResult>]>;
}

type Payload = MeetingPayload[MeetingAction];
type Item = Pending<MeetingAction, Payload>;

/** One step being applied: who took it and the documents it wrote (its result names them). */
export interface Step {
  actor: string;
  documentIds: string[];
}

/** What a stage does for its steps besides changing the state: something first (`before`), then each effect. */
export interface StageWork {
  /** Before the step is applied; a refusal thrown here changes nothing. */
  before?: { [A in MeetingAction]?: (ctx: MeetingContext, p: MeetingPayload[A]) => Promise<void> };
  effects: { [K in Effect['kind']]?: (ctx: MeetingContext, effect: Extract<Effect, { kind: K }>, step: Step) => Promise<void> };
}

/** Steps are few per meeting; the cap keeps the memory bounded all the same. */
const REMEMBERED_REQUESTS = 500;

/** The meeting has no alarm of its own: its timed part is the anslaget stage's. */
const NO_ALARM: Alarm = { at: () => undefined, ring: async () => undefined };

export class MeetingContext {
  /** Replaced by the copy a step was applied to, so that a refused step changes nothing. */
  state: MeetingState;
  /** Archive copies under way; drained before the run ends. */
  readonly outbox = new Outbox();
  private readonly inbox: Inbox<MeetingAction, Payload, MeetingActionResult>;

  constructor(
    readonly input: MeetingWorkflowInput,
    carried?: Carried,
  ) {
    this.state = carried?.state ?? newMeeting({ id: workflowInfo().workflowId, ...input, now: nowIso() }, () => uuid4());
    this.inbox = new Inbox(new RequestMemory(carried?.requests ?? [], REMEMBERED_REQUESTS), {
      schema: (a) => MEETING_ACTION_SCHEMAS[a] as never,
      label: (a) => MEETING_ACTION_LABELS[a],
      // Tried on a copy with placeholder ids: a check must not draw from the workflow's random sequence.
      check: (a, p) => this.check(a, p),
    });
  }

  /** The engine's stage is the meeting's status (domain/meeting/model.ts). */
  get stage(): MeetingStatus {
    return this.state.status;
  }

  set stage(status: MeetingStatus) {
    this.state.status = status;
  }

  installHandlers(): void {
    setHandler(meetingStateQuery, () => this.state);
    this.inbox.install(MEETING_UPDATES);
  }

  /**
   * Serves the steps of `stage` until the status changes: each queued step is checked again, its `work.before` done,
   * the step applied and its effects carried out by `work.effects`. `tick`/`wakeAt`: the stage's timed part.
   */
  async serve(stage: MeetingStatus, work: StageWork, timed: { tick?: () => Promise<void>; wakeAt?: () => Date | undefined } = {}): Promise<void> {
    await serveStage<Item>({
      inStage: () => this.state.status === stage,
      ...timed,
      refresh: () => undefined,
      continueAsNewIfDue: () => this.continueAsNewIfDue(),
      take: () => this.inbox.take(),
      queued: () => this.inbox.length,
      nudged: () => false,
      takeNudge: () => undefined,
      alarm: NO_ALARM,
      handle: (item) =>
        this.inbox.perform<{ message: string; documentIds: string[] }>(item, {
          run: (i) => this.apply(i, work),
          missing: () => this.check(item.action, item.payload) as Refusal,
          finish: (i, outcome) => ({
            requestId: i.payload.requestId,
            action: i.action,
            status: this.state.status,
            message: outcome.message,
            documentIds: outcome.documentIds,
            at: nowIso(),
          }),
        }),
    });
  }

  private async apply(item: Item, work: StageWork): Promise<{ message: string; documentIds: string[] }> {
    const { action, payload } = item;
    const actor = actorName(payload.actor);
    await (work.before?.[action] as ((ctx: MeetingContext, p: Payload) => Promise<void>) | undefined)?.(this, payload);
    const { copy, result } = this.tryStep(action, payload, uuid4);
    this.state = copy;
    this.state.log.push({ at: nowIso(), actor, action, text: result.message, requestId: payload.requestId });
    const step: Step = { actor, documentIds: [] };
    for (const effect of result.effects) {
      const run = work.effects[effect.kind] as ((ctx: MeetingContext, e: Effect, step: Step) => Promise<void>) | undefined;
      if (!run) throw new Error(`the stage ${this.state.status} has no work for the effect ${effect.kind} of ${action}`);
      await run(this, effect, step);
    }
    return { message: result.message, documentIds: step.documentIds };
  }

  /** The pure step on a copy of the state (domain/meeting/commands.ts); throws MeetingRefusal when refused. */
  private tryStep(action: MeetingAction, payload: Payload, newId: () => string): { copy: MeetingState; result: StepResult } {
    const copy = JSON.parse(JSON.stringify(this.state)) as MeetingState;
    const result = applyStep(copy, action, payload as never, { today: today(), now: nowIso(), actor: actorName(payload.actor), newId });
    return { copy, result };
  }

  private check(action: MeetingAction, payload: Payload): Refusal | undefined {
    try {
      this.tryStep(action, payload, () => 'validator-placeholder');
      return undefined;
    } catch (err) {
      if (isRefusal(err)) return err;
      throw err;
    }
  }

  /**
   * Writes a document of the meeting; a final one (kallelse, justerat protokoll, protokollsutdrag) gets its archive
   * copy beside the step, recorded in the state of the moment it is done.
   */
  async render(
    type: DocumentType,
    data: unknown,
    opts: { version: number; handling: string; createdBy: string; status?: 'utkast' | 'slutlig' },
  ): Promise<DocumentRef> {
    const s = this.state;
    const status = opts.status ?? 'slutlig';
    const doc = await activities.renderDocument({
      ...renderRequest(s.kommunkod, type, data, 'sammantrade'),
      version: opts.version,
      handling: opts.handling,
      status,
      createdBy: opts.createdBy,
      createdAt: nowIso(),
    });
    if (status === 'slutlig') {
      this.outbox.add(
        inBackground(archiving.archiveDocument)(doc.id).then(
          (copy) => {
            this.state.archived = { ...this.state.archived, [doc.id]: copy.sha256 };
          },
          () => undefined, // the copy can be made again from the stored original (activities/archive-document.ts)
        ),
      );
    }
    return doc;
  }

  private async continueAsNewIfDue(): Promise<void> {
    if (!continueAsNewDue(false) || this.inbox.length > 0 || !allHandlersFinished()) return;
    const carried: Carried = { state: this.state, requests: this.inbox.requests.entries };
    await continueAsNewAfter<(input: MeetingWorkflowInput, carried?: Carried) => Promise<void>>(this.outbox, [this.input, carried], {
      waitForHandlers: false,
    });
  }

  /** At the end: refuse what is still queued (the meeting is over), finish the archive copies and the handlers. */
  async close(): Promise<void> {
    this.inbox.refuseAll((item) => this.check(item.action, item.payload) as Refusal);
    await this.outbox.drain();
    await condition(allHandlersFinished);
  }
}
