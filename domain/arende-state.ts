/**
 * The ärende's model: what the adoption workflow is given, the state its query returns, and what an action returns.
 * Pure types (and the rejection codes): workflows/, server/, cli/ and documents import them from here; the Temporal
 * message definitions (updates, queries, signals) stay in workflows/messages.ts.
 *
 * State is carried over between versions and continue-as-new runs: a new field is optional with a default.
 */
import type { AgreementParty, DecisionOutcome, SigningRole } from './actions';
import type { RegisterArende, TjansteutlatandeContent } from './arende';
import type { DocumentRef } from './documents/ref';
import type { IsoDate } from './iso-date';
import type { MeetingPlan } from './meetings';
import type { RenewalDecision } from './renewal';
import type { MunicipalityBasis } from './municipalities';
import type { PlanResult } from './planner';
import type { Programme } from './programmes';
import type { Action, Organ, Stage } from './stages';

export type AdoptionInput = RegisterArende & {
  /** The workflow id, also the ärende's id in the API. */
  arendeId: string;
  registeredBy: string;
  /** Pattern of the municipality's diarium (see domain/diarienummer.ts). */
  diarienummerPattern: string;
  /**
   * The programme as configured when the ärende was registered (config/programmes/<id>.json, validated by the web
   * process): the run keeps this snapshot, so the workflow reads no files. Absent in runs started before programmes
   * were configuration: those use the built-in definition (domain/programmes.ts BUILT_IN_PROGRAMMES).
   */
  programme?: Programme;
};

export interface HistoryEntry {
  /** Workflow time, ISO 8601. */
  at: string;
  /** "Name (role)", or "system" for the workflow's own steps (timers, documents). */
  actor: string;
  action: string;
  text: string;
  requestId?: string;
  stage?: Stage;
}

export interface Deadline {
  kind: 'remissvar' | 'handlingar' | 'justering' | 'anslag' | 'overklagande' | 'start' | 'avtalsperiod';
  label: string;
  date: IsoDate;
}

export interface Signature {
  name: string;
  title: string;
  unit?: string;
  at: string;
  by: string;
}

export interface Referral {
  recipient: string;
  dueDate: IsoDate;
  questions: string[];
  sentAt: string;
  documentId?: string;
  answer?: { kind: 'yttrande' | 'avstar'; date: IsoDate; by: string; documentId?: string };
  /** Set when the due date passed without an answer and the reminder went out. */
  remindedAt?: string;
}

export interface MeetingBooking {
  organ: Organ;
  organName: string;
  date: IsoDate;
  documentDeadline: IsoDate;
  time: string;
  place: string;
  documentId?: string;
}

export interface Decision {
  organ: Organ;
  organName: string;
  meetingDate: IsoDate;
  paragraph: number;
  outcome: DecisionOutcome;
  decisionText: string[];
  reason?: string;
  reservations: Array<{ who: string; text?: string }>;
  minority: boolean;
  /** KF minority rule: how many were present and how many asked (absent in decisions recorded before the counts). */
  minorityCount?: { present: number; requesting: number };
  /** The meeting justerade this paragraph at once (a choice recorded with the decision). */
  immediateJustering?: boolean;
  decisionProcess?: string;
  recordedAt: string;
  recordedBy: string;
  justering?: { date: IsoDate; chair: string; adjusters: string[]; documentId?: string };
  anslag?: { date: IsoDate; protocolKeptAt: string; lastAppealDay: IsoDate; documentId?: string };
}

export interface Appeal {
  /** The decision appealed against (index into decisions). */
  decisionIndex: number;
  from: IsoDate;
  lastDay: IsoDate;
  /** open: the window runs; pending: an appeal waits for the court; closed: laga kraft; quashed: the decision fell. */
  status: 'open' | 'pending' | 'closed' | 'quashed';
  /** The latest appeal registered (kept for readers of older states; every appeal is in `appeals`). */
  overklagande?: { receivedDate: IsoDate; appellant: string; court: string; caseNumber?: string; grounds?: string };
  /** The latest judgment recorded (as above). */
  judgment?: { date: IsoDate; outcome: 'upheld' | 'quashed'; then?: 'end' | 'rectify'; caseNumber?: string };
  /**
   * Every appeal registered against the decision, each with its judgment (patch 'appeal-laga-kraft'). Absent in states
   * from before: then `overklagande` and `judgment` are the one appeal (appealCases() in stages/overklagande.ts).
   */
  appeals?: AppealCase[];
  /** Set when the laga kraft rules of domain/appeals.ts apply to this appeal (patch 'appeal-laga-kraft'). */
  rules?: 2;
  /** Set when the decision's own appeal period has ended (rules 2; older states: compare lastDay with today). */
  windowEnded?: boolean;
  /** When laga kraft is expected if everything known holds (a judgment's final day computed from its delgivning). */
  plannedLagaKraft?: IsoDate;
}

export interface AppealCase {
  receivedDate: IsoDate;
  appellant: string;
  court: string;
  caseNumber?: string;
  grounds?: string;
  judgment?: {
    date: IsoDate;
    outcome: 'upheld' | 'quashed';
    then?: 'end' | 'rectify';
    caseNumber?: string;
    delgivningDate?: IsoDate;
    /** The day the judgment became final (recorded), or absent while only planned. */
    finalDate?: IsoDate;
    /** Computed from delgivningDate (FPL 6 a §): shown as planned, never recorded as laga kraft by itself. */
    plannedFinalDate?: IsoDate;
  };
}

export interface Agreement {
  round: number;
  period: { start: IsoDate; end: IsoDate; preliminary: boolean };
  signatures: Partial<Record<AgreementParty, Signature & { place?: string; date: IsoDate }>>;
  rejections: Array<{ party: AgreementParty; comment: string; at: string; by: string; round: number }>;
  signedAt?: IsoDate;
  documentId?: string;
  /** Renewal decided for the end of this period ('renew'/'end' stored by earlier versions: domain/renewal.ts). */
  renewal?: { decision: RenewalDecision | 'renew' | 'end'; newPeriodEnd?: IsoDate; by: string; at: string };
}

export interface FeeStatement {
  year: number;
  from: IsoDate;
  to: IsoDate;
  totalOre: number;
  documentId: string;
}

export interface Participant {
  kod: string;
  namn: string;
  decisionDate: IsoDate;
  paragraph?: number;
  diarienummer?: string;
  joinedAt: string;
}

export interface ArendeState {
  id: string;
  kommunkod: string;
  namnd: { kod: string; namn: string };
  program: string;
  /** The programme's default start (the first day a member can be planned to start); absent in older runs: the built-in programme's. */
  programmeStart?: IsoDate;
  title: string;
  diarienummer?: string;
  stage: Stage;
  organ: Organ;
  kfRequired: boolean;
  caseOfficer: { name: string; title?: string };
  registeredAt: string;
  history: HistoryEntry[];
  documents: DocumentRef[];
  /** Open deadlines, earliest first. */
  deadlines: Deadline[];
  /** The actions allowed now (the stage's, plus appeal actions when the policy acts before laga kraft). */
  allowedActions: Action[];
  policy: { actBeforeLagaKraft: boolean; targetStart: IsoDate; regionalOrganisation: 'rss' | 'egen' };
  /** The current text of the tjänsteutlåtande and the version of its latest document. */
  draft: { version: number; content: TjansteutlatandeContent };
  referrals: Referral[];
  proceedWhenOverdue: boolean;
  signatures: Partial<Record<SigningRole, Signature>>;
  meeting?: MeetingBooking;
  decisions: Decision[];
  /** Index of the first decision of the current round (after a rectification the earlier decisions are history). */
  decisionsFrom: number;
  /** KF: one återremiss or bordläggning per ärende on the request of a third of those present. */
  minorityUsed: boolean;
  ksBeredning?: { meetingDate: IsoDate; paragraph?: number; proposals: string[]; by: string };
  appeal?: Appeal;
  lagaKraft?: IsoDate;
  agreement?: Agreement;
  start?: IsoDate;
  participants: Participant[];
  fees: FeeStatement[];
  /** The municipality as the registry knew it (name, county, population and its date, SKR's rates then). */
  kommun?: MunicipalityBasis;
  endReason?: string;
  /** The planned dates of the remaining steps (domain/planner.ts). */
  plan?: PlanResult;
  /** The meeting plans of the nämnd, KS and KF the plan was made from. */
  meetingPlans?: { namnd: MeetingPlan; ks: MeetingPlan; kf: MeetingPlan };
  /** How many times the workflow continued as new (once per fee year). */
  runs: number;
  /**
   * Set when the decision was handed over to SKR's onboarding of the municipality and programme, which owns the
   * agreement, the signatures, the start, the fee statements and the renewal from then on (docs/process.md). Absent
   * in ärenden that reached the agreement before this version: they keep their own (legacy) agreement.
   */
  agreementOwner?: AgreementOwner;
}

/** The onboarding that owns the agreement, and the last progress it reported (the ärende's stages follow it). */
export interface AgreementOwner {
  workflowId: string;
  handedOverAt: string;
  progress?: AgreementProgress & { at: string };
}

/** What the owner of the agreement (the onboarding) tells the ärende that follows it. */
export interface AgreementProgress {
  onboardingId: string;
  /** The onboarding's stage (domain/onboarding-stages.ts). */
  stage: string;
  agreementVersion?: number;
  start?: IsoDate;
  end?: IsoDate;
  /** Both parties have signed the current version. */
  signed?: boolean;
}
/** What every action update returns: the first result when the same request is sent again. */
export interface ActionResult {
  requestId: string;
  action: Action;
  /** The stage after the action. */
  stage: Stage;
  /** Swedish summary, as in the history. */
  message: string;
  /** Documents the action produced. */
  documentIds: string[];
  at: string;
}

/** Machine codes of rejected actions (ApplicationFailure.type); the message is Swedish. */
export const REJECTION_CODES = ['ACTION_NOT_ALLOWED_IN_STAGE', 'VALIDATION_FAILED', 'REQUEST_ID_REUSED', 'PRECONDITION_FAILED', 'MINORITY_RULE_USED'] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];
