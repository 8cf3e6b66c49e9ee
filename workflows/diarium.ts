import { allHandlersFinished, condition, continueAsNew, defineQuery, defineUpdate, setHandler, workflowInfo } from '@temporalio/workflow';
import { formatDiarienummer } from '../domain/diarienummer';
import { nowIso } from './engine/clock';

/**
 * The diarium of one series and year: hands out diarienummer one at a time, so that there are no gaps and no
 * duplicates even when many ärenden register at once. Temporal runs update handlers one by one on a single
 * thread, which is the lock; the update id (the ärende's id) makes a retried request get the same number.
 *
 * It also holds the reservations of numbers an ärende brings with it (registered in another diarium first, issue 10
 * p. 3): a number is unique within the municipality, so a given number is reserved here before its ärende starts, and
 * the same number is then refused to anyone else and skipped when numbers are handed out. One instance per series and
 * year holds the numbers in the municipality's own format (key: the löpnummer); one per municipality
 * (diariumExternalWorkflowId) holds numbers in other formats (key: the number as written, in capitals).
 * Rules (docs/process.md "Diarienummer: unique within the municipality"): a reservation is kept as long as its ärende
 * exists; it is released only when the ärende holding it was never started (the web process stopped between the
 * reservation and the start), checked by the next registration that asks for the number after RELEASE_AFTER_MS.
 */
export interface DiariumInput {
  kommunkod: string;
  serie: string;
  year: number;
  pattern: string;
  /** Carried over continue-as-new. */
  next?: number;
  recent?: Array<[string, string]>;
  /** Reserved numbers (key → holder), carried over continue-as-new; absent in runs from before reservations. */
  reserved?: Array<[string, Reservation]>;
}

export interface Reservation {
  arendeId: string;
  /** The ärende's title, to name it to whoever asks for the same number (also before the ärende has started). */
  title?: string;
  /** Workflow time of the reservation, ISO 8601. */
  at: string;
}

export interface AllocateRequest {
  arendeId: string;
}

export interface ReserveRequest {
  arendeId: string;
  title?: string;
  /** The löpnummer in this series and year, or (in the municipality's register of other formats) the number as written. */
  key: string;
}

export type ReserveResult =
  | { reserved: true; /** False when the ärende already held it (a retried request). */ fresh: boolean }
  | { reserved: false; /** The ärende holding it, when known. */ holder?: string; title?: string; since?: string };

export interface ReleaseRequest {
  arendeId: string;
  key: string;
}

export const allocateDiarienummerUpdate = defineUpdate<string, [AllocateRequest]>('allocateDiarienummer');
export const reserveDiarienummerUpdate = defineUpdate<ReserveResult, [ReserveRequest]>('reserveDiarienummer');
export const releaseDiarienummerUpdate = defineUpdate<boolean, [ReleaseRequest]>('releaseDiarienummer');
export const diariumStateQuery = defineQuery<{ next: number; allocated: number; reserved?: number }>('diariumState');

/** How many recent allocations are remembered across continue-as-new, for retried requests. */
const REMEMBERED = 500;

export function diariumWorkflowId(kommunkod: string, serie: string, year: number): string {
  return `diarium-${kommunkod}-${serie}-${year}`;
}

/** The municipality's register of numbers that are not in its own format (from other systems). */
export function diariumExternalWorkflowId(kommunkod: string): string {
  return `diarium-${kommunkod}-externa`;
}

export async function diariumWorkflow(input: DiariumInput): Promise<void> {
  let next = input.next ?? 1;
  const recent = new Map<string, string>(input.recent ?? []);
  const reserved = new Map<string, Reservation>(input.reserved ?? []);
  let changedThisRun = 0;

  setHandler(diariumStateQuery, () => ({ next, allocated: next - 1, reserved: reserved.size }));
  setHandler(allocateDiarienummerUpdate, ({ arendeId }) => {
    const known = recent.get(arendeId);
    if (known) return known;
    // A number an ärende brought with it is taken: skipped, not a gap (the ärende holding it fills it).
    while (reserved.has(String(next))) next += 1;
    const diarienummer = formatDiarienummer(input.pattern, { serie: input.serie, year: input.year, nr: next });
    next += 1;
    changedThisRun += 1;
    recent.set(arendeId, diarienummer);
    if (recent.size > REMEMBERED) recent.delete(recent.keys().next().value as string);
    return diarienummer;
  });
  setHandler(reserveDiarienummerUpdate, ({ arendeId, key, title }): ReserveResult => {
    const holder = reserved.get(key);
    if (holder) {
      if (holder.arendeId === arendeId) return { reserved: true, fresh: false };
      return { reserved: false, holder: holder.arendeId, since: holder.at, ...(holder.title ? { title: holder.title } : {}) };
    }
    const nr = /^\d{1,9}$/.test(key) ? Number(key) : undefined;
    if (nr !== undefined && nr < next) {
      // Handed out by this diarium: the holder is known while it is among the recent ones.
      const formatted = formatDiarienummer(input.pattern, { serie: input.serie, year: input.year, nr });
      const allocatedTo = [...recent].find(([, d]) => d === formatted)?.[0];
      return allocatedTo === arendeId ? { reserved: true, fresh: false } : { reserved: false, ...(allocatedTo ? { holder: allocatedTo } : {}) };
    }
    reserved.set(key, { arendeId, at: nowIso(), ...(title ? { title: title.slice(0, 300) } : {}) });
    changedThisRun += 1;
    return { reserved: true, fresh: true };
  });
  setHandler(releaseDiarienummerUpdate, ({ arendeId, key }) => {
    if (reserved.get(key)?.arendeId !== arendeId) return false;
    reserved.delete(key);
    changedThisRun += 1;
    return true;
  });

  // The diarium lives as long as its year has ärenden; history is kept short by continuing as new.
  await condition(() => changedThisRun >= 200 || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof diariumWorkflow>({ ...input, next, recent: [...recent], ...(reserved.size > 0 ? { reserved: [...reserved] } : {}) });
}
