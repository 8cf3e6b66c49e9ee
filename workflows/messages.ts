/**
 * The messages of the adoption workflow: its input, the state its query returns, and its updates.
 * server/ and cli/ import these definitions without importing the workflow code.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActionInput, AgreementParty, DecisionOutcome, SigningRole } from '../domain/actions';
import type { RegisterArende, TjansteutlatandeContent } from '../domain/arende';
import type { IsoDate } from '../domain/iso-date';
import type { NationalRate } from '../domain/fees';
import type { MeetingPlan } from '../domain/meetings';
import type { PlanResult } from '../domain/planner';
import { ACTIONS, type Action, type Organ, type Stage } from '../domain/stages';
import type { DocumentRef } from '../activities/render-document';

export type AdoptionInput = RegisterArende & {
  /** The workflow id, also the ärende's id in the API. */
  arendeId: string;
  registeredBy: string;
  /** Pattern of the municipality's diarium (see domain/diarienummer.ts). */
  diarienummerPattern: string;
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
  overklagande?: { receivedDate: IsoDate; appellant: string; court: string; caseNumber?: string; grounds?: string };
  judgment?: { date: IsoDate; outcome: 'upheld' | 'quashed'; then?: 'end' | 'rectify'; caseNumber?: string };
}

export interface Agreement {
  round: number;
  period: { start: IsoDate; end: IsoDate; preliminary: boolean };
  signatures: Partial<Record<AgreementParty, Signature & { place?: string; date: IsoDate }>>;
  rejections: Array<{ party: AgreementParty; comment: string; at: string; by: string; round: number }>;
  signedAt?: IsoDate;
  documentId?: string;
  /** Renewal decided for the end of this period. */
  renewal?: { decision: 'renew' | 'end'; newPeriodEnd?: IsoDate; by: string; at: string };
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
  /** The municipality as the registry knew it (name, county, population and its date). */
  kommun?: {
    name: string;
    lanskod: string;
    population: number;
    populationDate: IsoDate;
    rss?: string;
    /** How the municipality names itself (absent in state carried over from older runs: then the rule). */
    officialName?: string;
    lan?: string;
    /** The national rates SKR had set when the basis was read (absent in older state: the programme's table). */
    nationalRates?: NationalRate[];
  };
  endReason?: string;
  /** The planned dates of the remaining steps (domain/planner.ts). */
  plan?: PlanResult;
  /** The meeting plans of the nämnd, KS and KF the plan was made from. */
  meetingPlans?: { namnd: MeetingPlan; ks: MeetingPlan; kf: MeetingPlan };
  /** How many times the workflow continued as new (once per fee year). */
  runs: number;
}

export const stateQuery = defineQuery<ArendeState>('state');

/** Resolves once the ärende has its diarienummer (drawn from the diarium at registration). */
export const registrationUpdate = defineUpdate<{ diarienummer: string }>('registration');

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
export const REJECTION_CODES = [
  'ACTION_NOT_ALLOWED_IN_STAGE',
  'INVALID_INPUT',
  'REQUEST_ID_REUSED',
  'PRECONDITION_FAILED',
  'MINORITY_RULE_USED',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** One update per action, named by the action id; the argument is the action's payload (domain/actions.ts). */
export const ACTION_UPDATES = Object.fromEntries(ACTIONS.map((a) => [a, defineUpdate<ActionResult, [unknown]>(a)])) as {
  [A in Action]: UpdateDefinition<ActionResult, [ActionInput[A]]>;
};
