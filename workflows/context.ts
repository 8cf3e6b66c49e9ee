/**
 * The running ärende: its state, the inbox of human actions (Temporal Updates), documents and search attributes.
 * Each stage (workflows/stages/*) works through this context; the process itself is in workflows/adoption.ts.
 *
 * How an action travels: the update's validator checks the payload (zod), the request id and the stage, and rejects
 * with a machine code and a Swedish message; nothing changes. An accepted update waits in the inbox until the stage
 * that is running takes it, checks it again against the state of that moment, applies it (documents included) and
 * answers with an ActionResult. A repeated request id returns the first result and changes nothing.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DocumentRef } from '../domain/documents/ref';
import type { DocumentType } from '../documents/types';
import { ACTION_SCHEMAS, actorName, type ActionPayload } from '../domain/actions';
import { addDays, stockholmDate, stockholmMidnight, type IsoDate } from '../domain/iso-date';
import { ACTION_LABELS, STAGE_LABELS, allowedActions, type Action, type Stage } from '../domain/stages';
import { programmeById, type Programme } from '../domain/programmes';
import { ACTION_UPDATES, agreementProgressSignal, registrationUpdate, stateQuery } from './messages';
import type { ActionResult, AdoptionInput, ArendeState, HistoryEntry } from '../domain/arende-state';
import { onboardingWorkflowId } from './onboarding-messages';
import { computeDeadlines, computePlan } from '../domain/arende-plan';
import { nextVersion } from './document-register';
import { documentStatus, handlingKey } from '../domain/document-identity';
import { checkAction, checkNewRequest, Rejection, type FieldProblem } from '../domain/arende-rules';
import { NEXT_DEADLINE, STAGE } from './search-attributes';

export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  // The worker heartbeats for every activity (runtime/activity-interceptor.ts): a killed worker's task is retried
  // elsewhere after 20 s instead of after the full start-to-close timeout.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * The archive copy (a Ghostscript run) is retried a few times, not for ever: the outbox that awaits it must not hold up
 * a continue-as-new, and a copy that failed can be made again from the stored original (the activity is idempotent).
 */
const archiving = proxyActivities<Pick<Activities, 'archiveDocument'>>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/** What continue-as-new carries to the next run. */
export interface Carried {
  state: ArendeState;
  /** requestId → the first result, so that a repeat after continue-as-new changes nothing. */
  requests: Array<[string, StoredRequest]>;
}

interface StoredRequest {
  action: Action;
  fingerprint: string;
  result: ActionResult;
}

interface Pending<A extends Action = Action> {
  action: A;
  payload: ActionPayload[A];
  fingerprint: string;
  resolve(result: ActionResult): void;
  reject(err: ApplicationFailure): void;
}

/** What an applied action reports: the Swedish history text and the documents it produced. */
export interface Outcome {
  message: string;
  documentIds?: string[];
}

export type ActionHandlers = { [A in Action]?: (payload: ActionPayload[A], actor: string) => Promise<Outcome> };

/** The actions that belong to the owner of the agreement (SKR's onboarding) once the ärende has handed over. */
const OWNER_ACTIONS: ReadonlySet<Action> = new Set(['signAgreement', 'rejectAgreement', 'decideRenewal']);

/** How many request ids are remembered (they are a few per stage; the cap keeps a decades-long ärende bounded). */
const REMEMBERED_REQUESTS = 500;

function toFailure(r: Rejection): ApplicationFailure {
  return ApplicationFailure.create({ type: r.code, message: r.message, details: [r.fields], nonRetryable: true });
}

export class ArendeContext {
  readonly state: ArendeState;
  readonly programme: Programme;
  private readonly requests: Map<string, StoredRequest>;
  private readonly inbox: Pending[] = [];
  private continueAsNewRequested = false;
  /** Set by a signal that the running stage should look at (it wakes the stage's tick). */
  private nudged = false;
  private published: { stage?: string; deadline?: string } = {};

  constructor(
    readonly input: AdoptionInput,
    carried?: Carried,
  ) {
    this.programme = programmeById(input.program);
    this.requests = new Map(carried?.requests ?? []);
    this.state = carried ? carried.state : this.initialState();
    if (carried) this.state.runs += 1;
  }

  private initialState(): ArendeState {
    const input = this.input;
    const { date: _date, ...content } = input.tjansteutlatande;
    return {
      id: input.arendeId,
      kommunkod: input.kommunkod,
      namnd: input.namnd,
      program: input.program,
      title: input.title,
      diarienummer: input.diarienummer,
      stage: 'utkast',
      organ: 'namnd',
      kfRequired: input.kfRequired,
      caseOfficer: input.caseOfficer,
      registeredAt: this.now(),
      history: [],
      documents: [],
      deadlines: [],
      allowedActions: [],
      policy: {
        actBeforeLagaKraft: input.actBeforeLagaKraft ?? false,
        targetStart: input.targetStart ?? this.programme.defaultStart,
        regionalOrganisation: input.regionalOrganisation ?? 'rss',
      },
      draft: { version: 1, content: { ...content, ...(_date ? { date: _date } : {}) } },
      referrals: [],
      proceedWhenOverdue: false,
      signatures: {},
      decisions: [],
      decisionsFrom: 0,
      minorityUsed: false,
      participants: [],
      fees: [],
      runs: 0,
    };
  }

  // ------------------------------------------------------------------ time

  now(): string {
    return new Date().toISOString();
  }

  today(): IsoDate {
    return stockholmDate(new Date());
  }

  // ------------------------------------------------------------------ handlers

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
    for (const action of Object.keys(ACTION_UPDATES) as Action[]) {
      setHandler(
        ACTION_UPDATES[action] as never,
        ((raw: unknown) => this.accept(action, raw)) as never,
        { validator: ((raw: unknown) => this.validateNew(action, raw)) as never },
      );
    }
  }

  /** The update validator: throws ApplicationFailure (code + Swedish message); never changes anything. */
  private validate(action: Action, raw: unknown): { payload: ActionPayload[Action]; fingerprint: string; known?: StoredRequest } {
    const parsed = ACTION_SCHEMAS[action].safeParse(raw);
    if (!parsed.success) {
      const fields: FieldProblem[] = parsed.error.issues.map((i) => ({
        field: i.path.map(String).join('.') || '(body)',
        rule: i.code === 'custom' ? 'invalid' : i.code,
        message: i.message,
      }));
      throw toFailure(new Rejection('INVALID_INPUT', `Åtgärden "${ACTION_LABELS[action]}" innehåller fel i: ${[...new Set(fields.map((f) => f.field))].join(', ')}`, fields));
    }
    const payload = parsed.data as ActionPayload[Action];
    const fingerprint = `${action}:${JSON.stringify(payload)}`;
    const known = this.requests.get(payload.requestId) ?? this.inFlight(payload.requestId);
    if (known) {
      if (known.fingerprint !== fingerprint) throw toFailure(reused(payload.requestId));
      return { payload, fingerprint, known: 'result' in known ? (known as StoredRequest) : undefined };
    }
    const problem = this.check(action, payload);
    if (problem) throw toFailure(problem);
    return { payload, fingerprint };
  }

  /** The update validator: validate() plus the rules for new requests only (not run on replay; see checkNewRequest). */
  private validateNew(action: Action, raw: unknown): void {
    const { payload, known } = this.validate(action, raw);
    if (known || this.inFlight(payload.requestId)) return;
    const problem = checkNewRequest(action, payload);
    if (problem) throw toFailure(problem);
  }

  private inFlight(requestId: string): { fingerprint: string } | undefined {
    return this.inbox.find((p) => p.payload.requestId === requestId);
  }

  /** Stage and rule checks against the state of this moment. */
  private check(action: Action, payload: ActionPayload[Action]): Rejection | undefined {
    const allowed = this.allowed();
    if (!allowed.includes(action)) {
      const list = allowed.map((a) => `"${ACTION_LABELS[a]}"`).join(', ') || 'inga';
      return new Rejection(
        'ACTION_NOT_ALLOWED_IN_STAGE',
        `Åtgärden "${ACTION_LABELS[action]}" är inte tillåten när ärendet är i skedet "${STAGE_LABELS[this.state.stage]}". Tillåtna nu: ${list}.`,
      );
    }
    return checkAction(this.state, action, payload, this.today());
  }

  private async accept(action: Action, raw: unknown): Promise<ActionResult> {
    const { payload, fingerprint, known } = this.validate(action, raw);
    if (known) return known.result;
    return new Promise<ActionResult>((resolve, reject) => this.inbox.push({ action, payload, fingerprint, resolve, reject }));
  }

  allowed(): Action[] {
    const a = this.state.appeal;
    // On the rules of domain/appeals.ts (appeal.rules = 2) more members may appeal while the period runs, also after a first appeal.
    const windowRuns = a?.status === 'open' || (a?.rules === 2 && a.status === 'pending' && this.today() <= a.lastDay);
    const actions = allowedActions(this.state.stage, { appealWindowOpen: windowRuns, appealPending: a?.status === 'pending' });
    // After the handover the agreement's actions are the owner's (the web app forwards them there).
    return this.state.agreementOwner ? actions.filter((x) => !OWNER_ACTIONS.has(x)) : actions;
  }

  // ------------------------------------------------------------------ the action loop

  /**
   * Serves the actions of `stage` until the stage changes. `tick` runs first and after every action or wake-up
   * (automatic steps: a finished beredning, a due fee statement); `wakeAt` is the next moment `tick` has work.
   * Appeal actions are served in every stage (see `appeal`), since the policy may act before laga kraft.
   */
  async serve(
    stage: Stage,
    handlers: ActionHandlers,
    opts: { tick?: () => Promise<void> | void; wakeAt?: () => Date | undefined } = {},
  ): Promise<void> {
    while (this.state.stage === stage) {
      if (opts.tick) {
        await opts.tick();
        if (this.state.stage !== stage) break;
      }
      this.refresh();
      await this.continueAsNewIfDue();
      const item = await this.nextAction(opts.wakeAt?.(), stage);
      if (!item) continue;
      const handler = (this.appeal.handlers as ActionHandlers)[item.action] ?? handlers[item.action];
      await this.perform(item, handler as never);
    }
    this.refresh();
  }

  /** Appeal handling shared by every stage; set by workflows/stages/overklagande.ts. */
  appeal: { handlers: ActionHandlers; windowEndsAt: () => Date | undefined; onWindowEnd: () => Promise<void> } = {
    handlers: {},
    windowEndsAt: () => undefined,
    onWindowEnd: async () => undefined,
  };

  /** The next action, or undefined when `wakeAt` is reached or the stage changed (e.g. the appeal window closed). */
  private async nextAction(wakeAt: Date | undefined, stage: Stage): Promise<Pending | undefined> {
    for (;;) {
      if (this.state.stage !== stage) return undefined;
      if (this.inbox.length > 0) return this.inbox.shift();
      if (this.nudged) {
        this.nudged = false;
        return undefined;
      }
      const appealEnd = this.appeal.windowEndsAt();
      if (appealEnd && Date.now() >= appealEnd.getTime()) {
        await this.appeal.onWindowEnd();
        this.refresh();
        continue;
      }
      if (wakeAt && Date.now() >= wakeAt.getTime()) return undefined;
      const until = [wakeAt, appealEnd].filter((d): d is Date => d !== undefined).sort((a, b) => a.getTime() - b.getTime())[0];
      if (until) await condition(() => this.inbox.length > 0 || this.nudged, Math.max(1, until.getTime() - Date.now()));
      else await condition(() => this.inbox.length > 0 || this.nudged);
    }
  }

  private async perform<A extends Action>(item: Pending<A>, handler: ((p: ActionPayload[A], actor: string) => Promise<Outcome>) | undefined): Promise<void> {
    const known = this.requests.get(item.payload.requestId);
    if (known) {
      if (known.fingerprint === item.fingerprint) item.resolve(known.result);
      else item.reject(toFailure(reused(item.payload.requestId)));
      return;
    }
    const problem = this.check(item.action, item.payload) ?? (handler ? undefined : notAllowedNow(item.action, this.state.stage));
    if (problem) {
      item.reject(toFailure(problem));
      return;
    }
    const actor = actorName(item.payload.actor);
    let outcome: Outcome;
    try {
      outcome = await (handler as (p: ActionPayload[A], actor: string) => Promise<Outcome>)(item.payload, actor);
    } catch (err) {
      if (err instanceof Rejection) {
        item.reject(toFailure(err));
        return;
      }
      throw err;
    }
    const result: ActionResult = {
      requestId: item.payload.requestId,
      action: item.action,
      stage: this.state.stage,
      message: outcome.message,
      documentIds: outcome.documentIds ?? [],
      at: this.now(),
    };
    this.log(actor, item.action, outcome.message, item.payload.requestId);
    this.requests.set(item.payload.requestId, { action: item.action, fingerprint: item.fingerprint, result });
    if (this.requests.size > REMEMBERED_REQUESTS) this.requests.delete(this.requests.keys().next().value as string);
    this.refresh();
    item.resolve(result);
  }

  // ------------------------------------------------------------------ state changes

  log(actor: string, action: string, text: string, requestId?: string): void {
    const entry: HistoryEntry = { at: this.now(), actor, action, text, stage: this.state.stage };
    if (requestId) entry.requestId = requestId;
    this.state.history.push(entry);
  }

  /** Moves the ärende to `stage` and records it. */
  transition(stage: Stage, why?: string): void {
    if (this.state.stage === stage) return;
    const from = this.state.stage;
    this.state.stage = stage;
    this.log('system', 'stage', `${STAGE_LABELS[from]} → ${STAGE_LABELS[stage]}${why ? `: ${why}` : ''}`);
    if (stage === 'avtal' && from !== 'avtal') {
      if (patched('agreement-owner-onboarding')) this.handOver();
      else this.notifyOnboarding('bifall');
    }
    if ((stage === 'avslutad' || stage === 'utkast') && (from === 'avtal' || from === 'vantar_start' || from === 'aktiv')) this.withdraw(why);
    this.refresh();
  }

  end(reason: string): void {
    this.state.endReason = reason;
    if (this.state.decisions.at(-1)?.outcome === 'avslag') this.notifyOnboarding('avslag');
    this.transition('avslutad', reason);
  }

  /** Messages to other workflows still under way; awaited before the run ends or continues as new. */
  private readonly outbox: Promise<unknown>[] = [];

  /**
   * Tells SKR's onboarding of this municipality (workflows/onboarding.ts) that the decision is final enough to act on:
   * bifall when the agreement stage begins, avslag when the ärende ends with one. Added after histories were
   * recorded, so it is guarded by a patch (docs/process.md, versioning).
   */
  private notifyOnboarding(outcome: 'bifall' | 'avslag'): void {
    if (!patched('notify-onboarding')) return;
    const decision = [...this.state.decisions].reverse().find((d) => d.outcome === outcome);
    if (!decision) return;
    this.outbox.push(
      activities
        .notifyOnboarding({
          kommunkod: this.state.kommunkod,
          program: this.state.program,
          arendeId: this.state.id,
          organ: decision.organName,
          date: decision.meetingDate,
          paragraph: decision.paragraph,
          outcome,
        })
        .catch(() => undefined), // the onboarding is SKR's; the ärende goes on whatever happens there
    );
  }

  /**
   * The decision can be acted on: hand it over to SKR's onboarding of the municipality and programme (started if SKR
   * has not invited the municipality), which from now on owns the agreement, the signatures, the start, the fee
   * statements and the renewal. The ärende follows it (docs/process.md, "Who owns what").
   */
  private handOver(): void {
    const decision = [...this.state.decisions].reverse().find((d) => d.outcome === 'bifall');
    if (!decision) return;
    const workflowId = onboardingWorkflowId(this.state.kommunkod, this.state.program);
    this.state.agreementOwner = { workflowId, handedOverAt: this.now() };
    const tomorrow = addDays(this.today(), 1);
    const startDate = this.state.policy.targetStart > tomorrow ? this.state.policy.targetStart : tomorrow;
    this.log('system', 'handover', `Beslutet överlämnat till SKR:s anslutning ${workflowId}, som håller avtalet och avgifterna`);
    this.outbox.push(
      activities.handOverToOnboarding({
        kommunkod: this.state.kommunkod,
        program: this.state.program,
        arendeId: this.state.id,
        ...(this.state.diarienummer ? { diarienummer: this.state.diarienummer } : {}),
        organ: decision.organName,
        date: decision.meetingDate,
        paragraph: decision.paragraph,
        outcome: 'bifall',
        terms: { startDate, organisation: this.state.policy.regionalOrganisation },
      }),
    );
  }

  /**
   * The decision the owner's agreement rests on fell (quashed while acted on before laga kraft, or rectified): tell the
   * owner, which ends the anslutning. Not when the ärende ends because the owner ended (it knows).
   */
  private withdraw(why?: string): void {
    const owner = this.state.agreementOwner;
    if (!owner || owner.progress?.stage === 'avslutad' || owner.progress?.stage === 'avbojt') return;
    this.state.agreementOwner = undefined;
    this.outbox.push(
      activities.withdrawFromOnboarding({
        kommunkod: this.state.kommunkod,
        program: this.state.program,
        arendeId: this.state.id,
        reason: why ?? 'beslutet har upphävts',
      }),
    );
  }

  /** Documents being rendered, by handling: versions are numbered per handling (1, 2, …), also in parallel. */
  private readonly rendering = new Map<string, number>();

  /**
   * Renders a document through the document activity and records it in the ärende. The document is a version of one
   * allmän handling (domain/document-identity.ts: one remiss per recipient, one protokollsutdrag per §, …), numbered
   * within it; a version that is not final (an unsigned tjänsteutlåtande) is printed and registered as an utkast.
   */
  async render(type: DocumentType, data: unknown, opts: { step: string; createdBy?: string }): Promise<DocumentRef> {
    const handling = handlingKey(type, data);
    const inFlight = this.rendering.get(handling) ?? 0;
    const version = nextVersion(this.state, handling, inFlight);
    const signaturesComplete =
      type === 'tjansteutlatande' ? !!(this.state.signatures.forvaltningschef && this.state.signatures.avdelningschef) : !!this.state.agreement?.signedAt;
    this.rendering.set(handling, inFlight + 1);
    const doc = await activities.renderDocument({
      docId: uuid4(),
      arendeId: workflowInfo().workflowId,
      kommunkod: this.state.kommunkod,
      type,
      data,
      step: opts.step,
      version,
      handling,
      status: documentStatus(type, { signaturesComplete }),
      createdBy: opts.createdBy ?? 'system',
      createdAt: this.now(),
      diarienummer: this.state.diarienummer,
    }).finally(() => this.rendering.set(handling, (this.rendering.get(handling) ?? 1) - 1));
    this.state.documents.push(doc);
    this.log(opts.createdBy ?? 'system', 'document', `${doc.title} (version ${doc.version}${doc.status === 'utkast' ? ', utkast' : ''}) skapat`);
    if (doc.status !== 'utkast' && patched('archive-final-documents')) this.archive(doc);
    return doc;
  }

  /**
   * Makes the PDF/A-2b archive copy of a final version (signed, justerat, sent) and marks it on the ärende's document.
   * Off the critical path: the copy (a Ghostscript run) is started here and awaited with the outbox (before the run
   * ends or continues as new), so the person whose action made the document gets the answer without waiting for it.
   */
  private archive(doc: DocumentRef): void {
    this.outbox.push(
      archiving.archiveDocument(doc.id).then(
        (copy) => {
          doc.archived = { sha256: copy.sha256, size: copy.size };
        },
        (err: unknown) => {
          // The original stays the register's document; the copy can be made again from it (activities/archive-document.ts).
          const why = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
          this.log('system', 'archive', `Arkivexemplar (PDF/A) av ${doc.title} (version ${doc.version}) kunde inte skapas: ${why}`);
        },
      ),
    );
  }

  /** Recomputes what the query shows (allowed actions, deadlines, plan) and publishes the search attributes. */
  refresh(): void {
    const today = this.today();
    this.state.allowedActions = this.allowed();
    this.state.deadlines = computeDeadlines(this.state, today);
    this.state.plan = computePlan(this.state, today);
    const next = this.state.deadlines.find((d) => d.date >= today) ?? undefined;
    const deadline = next?.date;
    if (this.published.stage === this.state.stage && this.published.deadline === deadline) return;
    this.published = { stage: this.state.stage, deadline };
    upsertSearchAttributes([
      { key: STAGE, value: this.state.stage },
      { key: NEXT_DEADLINE, value: deadline ? stockholmMidnight(deadline) : null },
    ] as Parameters<typeof upsertSearchAttributes>[0]);
  }

  // ------------------------------------------------------------------ continue-as-new

  /** Asks for a new run at the next quiet moment (the active stage does so once per fee year). */
  requestContinueAsNew(): void {
    this.continueAsNewRequested = true;
  }

  private async continueAsNewIfDue(): Promise<void> {
    if (!this.continueAsNewRequested && !workflowInfo().continueAsNewSuggested) return;
    if (this.inbox.length > 0 || !allHandlersFinished()) return;
    await Promise.all(this.outbox.splice(0));
    const carried: Carried = { state: this.state, requests: [...this.requests] };
    await continueAsNew<(input: AdoptionInput, carried?: Carried) => Promise<void>>(this.input, carried);
  }

  /** At the end: refuse what is still queued (the ärende is closed) and let the handlers finish. */
  async close(): Promise<void> {
    while (this.inbox.length > 0) {
      const item = this.inbox.shift() as Pending;
      item.reject(toFailure(notAllowedNow(item.action, this.state.stage)));
    }
    await Promise.all(this.outbox.splice(0));
    await condition(allHandlersFinished);
  }
}

function reused(requestId: string): Rejection {
  return new Rejection('REQUEST_ID_REUSED', `Begäran ${requestId} är redan använd för en annan åtgärd eller med annat innehåll; välj ett nytt requestId.`, [
    { field: 'requestId', rule: 'reused', message: 'requestId är redan använt med annat innehåll' },
  ]);
}

function notAllowedNow(action: Action, stage: Stage): Rejection {
  return new Rejection('ACTION_NOT_ALLOWED_IN_STAGE', `Åtgärden "${ACTION_LABELS[action]}" är inte tillåten när ärendet är i skedet "${STAGE_LABELS[stage]}".`);
}
