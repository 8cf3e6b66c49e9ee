/**
 * The running onboarding (SKR's side of one municipality joining one programme) on the stage engine
 * (workflows/engine): its state, the agreement's planned terms, the timeline, the search attributes, and what it
 * tells the ärende that follows it. The stages are workflows/onboarding/stages/*; the table is workflows/onboarding.ts.
 */
import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { DocumentRef } from '../../domain/documents/ref';
import { stockholmMidnight, type IsoDate } from '../../domain/iso-date';
import type { MunicipalityDecision } from '../../domain/onboarding-actions';
import type { OnboardingStage } from '../../domain/onboarding-stages';
import { defaultStartDate } from '../../domain/onboarding-terms';
import { builtInProgramme, periodFor, renewalPeriod, startDateProblems, type AppliedPeriod, type Programme } from '../../domain/programmes';
import { archiveCopy, renderRequest } from '../workflow-documents';
import { inBackground } from '../background';
import { actorName, ERROR_CODES, Outbox, refuse, RequestMemory, upsert } from '../engine';
import type { OnboardingInput, OnboardingState, OnboardingUpdateResult } from '../onboarding-messages';
import { KIND, KOMMUN, LAN, NEXT_DEADLINE, PROGRAM, STAGE } from '../search-attributes';
import * as clock from '../engine/clock';

export const { renderDocument, municipalityBasis, requestSignature, notifyArende } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** The archive copy is retried a few times, not for ever: a continue-as-new waits for it (workflows/workflow-documents.ts); background queue. */
const { archiveDocument } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/** The learning platform is outside the product: retried patiently, keyed so that a retry creates nothing twice. */
export const { provisionAccounts } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** How many handled requests are remembered (across continue-as-new) to record a repeated request once. */
const REMEMBERED_REQUESTS = 200;

type RenderInput = Parameters<Activities['renderDocument']>[0];
export type NextAgreement = NonNullable<OnboardingState['nextAgreement']>;

export class OnboardingContext {
  readonly state: OnboardingState;
  readonly requests: RequestMemory<OnboardingUpdateResult>;
  readonly outbox = new Outbox();
  /** The day the running stage sleeps until (published as the next deadline). */
  nextDeadline: IsoDate | undefined;
  /** Set when the ärende that follows should be told now (wakes a sleeping stage). */
  tellNow = false;
  private told: string | undefined;

  constructor(readonly input: OnboardingInput) {
    this.state = input.carried ?? this.initialState();
    this.requests = new RequestMemory(this.state.requests, REMEMBERED_REQUESTS);
  }

  private initialState(): OnboardingState {
    const input = this.input;
    return {
      id: workflowInfo().workflowId,
      kommunkod: input.kommunkod,
      program: input.program,
      stage: 'inbjuden',
      cycle: 1,
      invitedAt: this.now(),
      accounts: {},
      feeStatements: [],
      documents: [],
      timeline: [
        {
          at: this.now(),
          actor: actorName(input.invitation.actor),
          action: 'invite',
          text: input.startedBy
            ? `Anslutningen startad av kommunens beslut i Beslutsflöde (ärende ${input.startedBy.diarienummer ?? input.startedBy.arendeId})`
            : input.invitation.message
              ? `Kommunen bjuden in: ${input.invitation.message}`
              : 'Kommunen bjuden in',
          requestId: input.invitation.requestId,
        },
      ],
      requests: [[input.invitation.requestId, { stage: 'inbjuden', recorded: true }]],
    };
  }

  now(): string {
    return clock.nowIso();
  }

  today(): IsoDate {
    return clock.today();
  }

  note(actor: string, action: string, text: string, requestId?: string): void {
    this.state.timeline.push({ at: this.now(), actor, action, text, ...(requestId ? { requestId } : {}) });
  }

  /** All search attributes, on every call (the onboarding's histories have one upsert per change of stage). */
  publish(): void {
    const { state, nextDeadline } = this;
    upsert([
      { key: KIND, value: 'anslutning' },
      { key: KOMMUN, value: state.kommunkod },
      { key: LAN, value: state.kommunkod.slice(0, 2) },
      { key: PROGRAM, value: state.program },
      { key: STAGE, value: state.stage },
      { key: NEXT_DEADLINE, value: nextDeadline ? stockholmMidnight(nextDeadline) : null },
    ]);
  }

  moveTo(stage: OnboardingStage): void {
    this.state.stage = stage;
    this.publish();
  }

  /** What an action answers: the stage after it, and the agreement's version. */
  result(): OnboardingUpdateResult {
    const { state } = this;
    return { stage: state.stage, recorded: true, ...(state.agreement ? { agreementVersion: state.agreement.version } : {}) };
  }

  /** The municipality's decision (registered by SKR or handed over by its ärende): an agreement to write, or avböjt. */
  applyDecision(decision: MunicipalityDecision, source: 'registrerat' | 'beslutsflode', actor: string, requestId?: string, arendeId?: string): void {
    const { state } = this;
    state.decision = { ...decision, source, ...(arendeId ? { arendeId } : {}) };
    const where = `${decision.organ} ${decision.date} § ${decision.paragraph}`;
    if (decision.outcome === 'avslag') {
      this.note(actor, 'registerDecision', `Kommunen har beslutat att inte ansluta (${where})`, requestId);
      this.moveTo('avbojt');
      return;
    }
    this.note(actor, 'registerDecision', `Kommunen har beslutat att ansluta (${where})`, requestId);
    state.nextAgreement = { reason: 'beslut', terms: decision.terms ?? {} };
    this.moveTo('avtal_forbereds');
  }

  programme(): Programme {
    const p = this.input.programme ?? builtInProgramme(this.state.program);
    if (!p) throw ApplicationFailure.create({ type: 'UNKNOWN_PROGRAMME', message: `Programmet ${this.state.program} finns inte`, nonRetryable: true });
    return p;
  }

  /** The period an agreement written for `next` would have (also checked by the validators, before it is accepted). */
  plannedPeriod(next: NextAgreement, decisionDate?: IsoDate): AppliedPeriod {
    const previous = this.state.agreement;
    const p = this.programme();
    if (next.reason === 'fornyelse' && previous) return renewalPeriod(p, previous.period.end, next.terms.endDate);
    const keepPrevious = next.reason === 'ny_version' && previous !== undefined;
    const start =
      next.terms.startDate ??
      (keepPrevious ? previous.period.start : defaultStartDate(decisionDate ?? this.state.decision?.date ?? this.today(), p.defaultStart));
    const period = periodFor(p, start);
    const end = next.terms.endDate ?? (keepPrevious && !next.terms.startDate ? previous.period.end : period.end);
    return { ...period, end };
  }

  /** Validator check: the terms must give an agreement that starts when the programme allows and ends after it starts. */
  checkTerms(next: NextAgreement, decisionDate?: IsoDate): void {
    // A start in the past, or before the programme's period allows, is refused (domain/programmes.ts).
    const startProblems = next.terms.startDate ? startDateProblems(this.programme(), next.terms.startDate, this.today()) : [];
    if (startProblems.length > 0) {
      throw refuse({
        code: ERROR_CODES.validation,
        message: `Begäran innehåller fel i: terms.startDate`,
        fields: startProblems.map((message) => ({ field: 'terms.startDate', rule: 'invalid', message })),
      });
    }
    const period = this.plannedPeriod(next, decisionDate);
    if (period.end <= period.start) {
      const message = `avtalet skulle börja ${period.start} och sluta ${period.end}: slutdatum måste komma efter startdatum`;
      throw refuse({
        code: ERROR_CODES.validation,
        message: `Begäran innehåller fel i: terms.endDate`,
        fields: [{ field: 'terms.endDate', rule: 'invalid', message }],
      });
    }
  }

  /** Sleeps to 00:00 Europe/Stockholm on `date`; a handover from an ärende wakes it early to tell the ärende. */
  async sleepUntil(date: IsoDate): Promise<void> {
    this.nextDeadline = date;
    this.publish();
    const ms = stockholmMidnight(date).getTime() - clock.nowMs();
    // Same single timer as sleep(ms); the ärende's news (tellNow) ends it early.
    if (ms > 0) await condition(() => this.tellNow, ms);
    this.nextDeadline = undefined;
  }

  /**
   * Tells the ärende that follows (state.followedBy) of every change of stage or agreement, so that its own stages
   * (avtal → väntar på start → aktiv → avslutad) follow. Added after onboardings were running: guarded by a patch
   * (docs/process.md, versioning).
   */
  async tellArende(): Promise<void> {
    this.tellNow = false;
    const { state } = this;
    if (!state.followedBy) return;
    const a = state.agreement;
    const key = [state.stage, a?.version, a?.period.start, a?.period.end, a?.signatures.kommun?.at, a?.signatures.skr?.at].join('|');
    if (key === this.told || !patched('onboarding-tells-arende')) return;
    this.told = key;
    await notifyArende({
      arendeId: state.followedBy,
      progress: {
        onboardingId: state.id,
        stage: state.stage,
        ...(a ? { agreementVersion: a.version, start: a.period.start, end: a.period.end } : {}),
        ...(a?.signatures.kommun && a.signatures.skr ? { signed: true } : {}),
      },
    });
  }

  /**
   * Renders a document of this onboarding as the next version of its type (the document register numbers the
   * versions of a type per case: the agreements sent and signed, one fee statement per fee year) and records it.
   */
  async renderVersion(
    type: RenderInput['type'],
    data: unknown,
    opts: { step: string; createdBy: string; diarienummer: string; status?: RenderInput['status']; handling?: string },
  ): Promise<DocumentRef> {
    const { state } = this;
    const doc = await renderDocument({
      ...renderRequest(state.kommunkod, type, data, opts.step),
      ...(opts.status ? { status: opts.status } : {}),
      ...(opts.handling ? { handling: opts.handling } : {}),
      version: state.documents.filter((d) => d.type === type).length + 1,
      createdBy: opts.createdBy,
      createdAt: this.now(),
      diarienummer: opts.diarienummer,
    });
    state.documents.push(doc);
    return doc;
  }

  /** The PDF/A-2b archive copy of a final document (the signed agreement, a sent fee statement). */
  archive(doc: DocumentRef): void {
    if (!patched('archive-final-documents')) return;
    archiveCopy(this.outbox, doc, (text) => this.note('system', 'archive', text), inBackground(archiveDocument));
  }

  /** A new run with the state as it is (one run per fee year, or when Temporal suggests it). */
  async continueAsNew(): Promise<never> {
    await this.outbox.drain();
    await condition(allHandlersFinished);
    return continueAsNew<(input: OnboardingInput) => Promise<void>>({ ...this.input, carried: this.state });
  }
}
