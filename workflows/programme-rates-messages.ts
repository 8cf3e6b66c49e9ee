/**
 * The messages of the programme-rates workflow (workflows/programme-rates.ts), in their own file so that the web
 * process and the activities import them without the workflow code.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { NationalRate } from '../domain/fees';

/** One programme's rates live in one workflow: `programtaxor-yrkesresan`. */
export function programmeRatesWorkflowId(program: string): string {
  return `programtaxor-${program}`;
}

/** A rate SKR has set, as recorded: the rate and who set it, when, by which request. */
export interface SetNationalRateRecord extends NationalRate {
  readonly requestId: string;
  readonly actor: string;
  /** When it was recorded (ISO timestamp). */
  readonly at: string;
}

export interface SetNationalRate {
  requestId: string;
  actor: { name: string; role?: string };
  year: number;
  /** Rate in hundredths of öre (domain/money.ts Rate): 2,47 kr = 24 700. */
  rate: number;
  source: string;
  setOn: string;
}

export interface ProgrammeRatesInput {
  program: string;
  /** Carried over continue-as-new: every rate ever set, oldest first (the history). */
  history?: SetNationalRateRecord[];
}

/** The memo key under which the workflow publishes its history (read with describe(), no worker needed). */
export const RATES_MEMO = 'nationalRates';

export const PROGRAMME_RATE_ERRORS = { validation: 'VALIDATION_FAILED' } as const;

/** SKR sets the national rate of a coming fee year (validated again in the workflow; the same request once). */
export const setNationalRateUpdate = defineUpdate<SetNationalRateRecord, [SetNationalRate]>('setNationalRate');
/** Every rate SKR has set, oldest first (a later entry for a year replaces an earlier one). */
export const nationalRateHistoryQuery = defineQuery<SetNationalRateRecord[]>('nationalRateHistory');
