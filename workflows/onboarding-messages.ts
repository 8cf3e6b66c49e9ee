// Longer than 300 lines on purpose: every message of SKR's side in one file, so server/ and cli/ import one definition module.
/**
 * The messages of SKR's side: the onboarding workflow (one per municipality and programme), the bulk operation
 * workflow and the municipality registry workflow — their inputs, the state their queries return, their updates and
 * signals. server/ and cli/ import these definitions without importing the workflow code.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from '../domain/iso-date';
import type { OnboardingFilter, OnboardingStage } from '../domain/onboarding-stages';
import type { AccountAdmin, AgreementTermsInput, MunicipalityDecision, OnboardingActionInput, Party } from '../domain/onboarding-actions';
import type { AgreementFees } from '../domain/onboarding-terms';
import type { RegionalOrganisation } from '../domain/fees';
import type { ConnectionUpdate } from '../domain/connection-import';
import type { PopulationUpdate } from '../domain/municipalities';
import type { DocumentRef } from '../domain/documents/ref';
import type { Programme } from '../domain/programmes';
import { ERROR_CODES } from './engine/failures';

// ---------------------------------------------------------------- onboarding

/** `anslutning-<kommunkod>-<program>`: one onboarding per municipality and programme. */
export function onboardingWorkflowId(kommunkod: string, program: string): string {
  return `anslutning-${kommunkod}-${program}`;
}

export interface OnboardingInput {
  kommunkod: string;
  program: string;
  /** The invitation that started the workflow (its requestId makes a repeated invitation one). */
  invitation: { requestId: string; actor: { name: string; role?: string }; message?: string };
  /** Carried over continue-as-new. */
  carried?: OnboardingState;
  /** Set when the municipality's adoption ärende started the onboarding (it was not invited first). */
  startedBy?: { arendeId: string; diarienummer?: string };
  /**
   * The programme as configured when the onboarding was started (the inviting client or the handing-over ärende
   * passes it); carried over continue-as-new with the rest of the input. Absent in runs started before programmes
   * were configuration: those use the built-in definition (domain/programmes.ts).
   */
  programme?: Programme;
}

export interface TimelineEntry {
  /** Workflow time, ISO 8601. */
  at: string;
  actor: string;
  action: string;
  text: string;
  requestId?: string;
}

export interface Agreement {
  version: number;
  period: { start: IsoDate; end: IsoDate };
  /** True when SKR has not yet set the period's rates (domain/programmes.ts). */
  preliminary: boolean;
  organisation: RegionalOrganisation;
  fees: AgreementFees;
  admins: AccountAdmin[];
  number: string;
  document?: DocumentRef;
  /** Who signed for each party: the signed-in person (name, the title they sign in, their user id) and when. */
  signatures: Partial<Record<Party, AgreementSignature>>;
  /** The agreement as signed by both parties (the same text with the signatures), written when the second one signs. */
  signedDocument?: DocumentRef;
  rejection?: { party: Party; comment: string; at: string };
}

export interface AgreementSignature {
  name: string;
  title: string;
  at: string;
  /** The signed-in user who signed (absent for signatures recorded before this was kept). */
  userId?: string;
}

export interface FeeStatement {
  year: number;
  from: IsoDate;
  to: IsoDate;
  population: number;
  populationDate: IsoDate;
  nationalOre: number;
  /** null: the RSS's fee is not set (ej fastställd), never 0; 0: no regional fee (the municipality runs it itself). */
  regionalOre: number | null;
  totalOre: number;
  document: DocumentRef;
}

export interface OnboardingState {
  id: string;
  kommunkod: string;
  program: string;
  stage: OnboardingStage;
  /** How many times the municipality has been invited (a new cycle after avböjt or utträde). */
  cycle: number;
  invitedAt: string;
  contact?: AccountAdmin;
  linkedArendeId?: string;
  /** The linked ärende's diarienummer (as the municipality registered it). */
  linkedDiarienummer?: string;
  /**
   * The adoption ärende that handed its decision over and follows this onboarding: it is told of every change of
   * stage and agreement (signal agreementProgress), and shows the agreement and fees read from this workflow.
   */
  followedBy?: string;
  decision?: MunicipalityDecision & { source: 'registrerat' | 'beslutsflode'; arendeId?: string };
  agreement?: Agreement;
  /** An agreement (version) to write next, set by a decision, a revision or a renewal. */
  nextAgreement?: { reason: 'beslut' | 'ny_version' | 'fornyelse'; terms: AgreementTermsInput };
  /** Accounts on the learning platform, per agreement period (key: period start). */
  accounts: Record<string, string[]>;
  feeStatements: FeeStatement[];
  documents: DocumentRef[];
  timeline: TimelineEntry[];
  /** Handled requests (requestId → result), so that the same request twice is recorded once, also across runs. */
  requests: Array<[string, OnboardingUpdateResult]>;
}

export interface OnboardingUpdateResult {
  stage: OnboardingStage;
  /** false when the request had been handled before (nothing changed this time). */
  recorded: boolean;
  agreementVersion?: number;
}

export const onboardingStateQuery = defineQuery<OnboardingState>('onboardingState');

type U<A extends keyof OnboardingActionInput> = UpdateDefinition<OnboardingUpdateResult, [OnboardingActionInput[A]]>;
export const inviteUpdate: U<'invite'> = defineUpdate('invite');
export const expressInterestUpdate: U<'expressInterest'> = defineUpdate('expressInterest');
export const linkAdoptionUpdate: U<'linkAdoption'> = defineUpdate('linkAdoption');
export const registerDecisionUpdate: U<'registerDecision'> = defineUpdate('registerDecision');
export const signAgreementUpdate: U<'signAgreement'> = defineUpdate('signAgreement');
export const rejectAgreementUpdate: U<'rejectAgreement'> = defineUpdate('rejectAgreement');
export const reviseAgreementUpdate: U<'reviseAgreement'> = defineUpdate('reviseAgreement');
export const decideRenewalUpdate: U<'decideRenewal'> = defineUpdate('decideRenewal');

export const ONBOARDING_UPDATES = {
  invite: inviteUpdate,
  expressInterest: expressInterestUpdate,
  linkAdoption: linkAdoptionUpdate,
  registerDecision: registerDecisionUpdate,
  signAgreement: signAgreementUpdate,
  rejectAgreement: rejectAgreementUpdate,
  reviseAgreement: reviseAgreementUpdate,
  decideRenewal: decideRenewalUpdate,
} as const;

/**
 * Sent by the adoption workflow of a linked ärende when its decision is final (bifall or avslag). Accepted in
 * `beslut_pagar` when `arendeId` is the linked ärende; ignored otherwise (a signal cannot be refused).
 */
export interface AdoptionDecided {
  arendeId: string;
  organ: string;
  date: IsoDate;
  paragraph: number;
  outcome: 'bifall' | 'avslag';
}
export const adoptionDecidedSignal = defineSignal<[AdoptionDecided]>('adoptionDecided');

/**
 * Sent (signalWithStart, by kommunkod + programme) by an adoption ärende when its decision to join can be acted on
 * (laga kraft, or at the anslag with actBeforeLagaKraft): this onboarding takes over the agreement, the signatures,
 * the start, the fee statements and the renewal, and tells the ärende of its progress (docs/process.md).
 */
export interface AdoptionHandover extends AdoptionDecided {
  diarienummer?: string;
  terms: AgreementTermsInput;
}
export const adoptionHandoverSignal = defineSignal<[AdoptionHandover]>('adoptionHandover');

/**
 * Sent by the ärende that handed over when its decision falls after all (quashed by the court while it was acted on
 * before laga kraft): the anslutning built on it ends. Ignored unless `arendeId` is the ärende that follows.
 */
export interface AdoptionWithdrawn {
  arendeId: string;
  reason: string;
}
export const adoptionWithdrawnSignal = defineSignal<[AdoptionWithdrawn]>('adoptionWithdrawn');

/** Error types of rejected onboarding updates (the API maps them to 400/409): the engine's, and two of its own. */
export const ONBOARDING_ERRORS = {
  validation: ERROR_CODES.validation,
  notAllowed: ERROR_CODES.notAllowed,
  versionMismatch: 'AGREEMENT_VERSION_MISMATCH',
  alreadySigned: 'ALREADY_SIGNED',
} as const;

// ---------------------------------------------------------------- bulk operations

export type BulkFilter = OnboardingFilter;

export interface BulkInput {
  bulkId: string;
  action: 'invite';
  program: string;
  filter: BulkFilter;
  actor: { name: string; role?: string };
  message?: string;
  concurrency?: number;
  /** Who confirmed an operation that reaches the whole country, and when (issue 15 p. 5); absent in older runs. */
  confirmation?: BulkConfirmation;
}

export interface BulkConfirmation {
  by: string;
  at: string;
  /** The summary the person confirmed ("290 kommuner bjuds in …"). */
  summary: string;
}

export type BulkItemOutcome = 'inbjuden' | 'redan_pagaende' | 'fel';

export interface BulkProgress {
  bulkId: string;
  action: 'invite';
  program: string;
  filter: BulkFilter;
  actor: string;
  status: 'valjer' | 'pagar' | 'klar';
  total: number;
  done: number;
  invited: number;
  skipped: number;
  errors: Array<{ kommunkod: string; message: string }>;
  startedAt: string;
  finishedAt?: string;
  confirmation?: BulkConfirmation;
}

export function bulkWorkflowId(bulkId: string): string {
  return `massatgard-${bulkId}`;
}

export const bulkProgressQuery = defineQuery<BulkProgress>('bulkProgress');

// ---------------------------------------------------------------- municipality registry

export const REGISTRY_WORKFLOW_ID = 'kommunregister';

export interface PopulationImportRecord {
  requestId: string;
  at: string;
  actor: string;
  source?: string;
  count: number;
}

export interface RegistryInput {
  /** Carried over continue-as-new. */
  overrides?: PopulationUpdate[];
  imports?: PopulationImportRecord[];
  /** The imported connection status per programme and municipality (issue 15 p. 6); absent in older runs. */
  connections?: ProgramConnection[];
  connectionImports?: ConnectionImportRecord[];
}

export interface ApplyPopulationImport {
  requestId: string;
  actor: { name: string; role?: string };
  source?: string;
  updates: PopulationUpdate[];
}

export const applyPopulationImportUpdate = defineUpdate<PopulationImportRecord, [ApplyPopulationImport]>('applyPopulationImport');
/** The population figures imported over the reference data (the newest per municipality). */
export const populationOverridesQuery = defineQuery<PopulationUpdate[]>('populationOverrides');
export const populationImportsQuery = defineQuery<PopulationImportRecord[]>('populationImports');

// ---------------------------------------------------------------- imported connection status (issue 15 p. 6)

/** One municipality's imported connection status to one programme. */
export interface ProgramConnection extends ConnectionUpdate {
  program: string;
}

/** One connection import in the registry's history. */
export interface ConnectionImportRecord {
  requestId: string;
  at: string;
  actor: string;
  program: string;
  /** Rows imported, and of them "ansluten". */
  count: number;
  connected: number;
}

export interface ApplyConnectionImport {
  requestId: string;
  actor: { name: string; role?: string };
  program: string;
  updates: ConnectionUpdate[];
}

export const applyConnectionImportUpdate = defineUpdate<ConnectionImportRecord, [ApplyConnectionImport]>('applyConnectionImport');
/** The newest imported connection status per programme and municipality. */
export const connectionsQuery = defineQuery<ProgramConnection[]>('connections');
export const connectionImportsQuery = defineQuery<ConnectionImportRecord[]>('connectionImports');
