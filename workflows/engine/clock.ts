import { stockholmDate, type IsoDate } from '../../domain/iso-date';

/**
 * The workflow's clock, one place to read it: in workflow code Temporal makes `Date` deterministic (the time of the
 * current workflow task, the same on replay). Workflow files call these, never `new Date()` or `Date.now()` directly
 * (eslint.config.mjs), so that reading the time is visibly the workflow's and never the machine's.
 */
export function now(): Date {
  return new Date();
}

export function nowMs(): number {
  return Date.now();
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Today in Europe/Stockholm. */
export function today(): IsoDate {
  return stockholmDate(new Date());
}
