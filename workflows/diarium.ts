import { allHandlersFinished, condition, continueAsNew, defineQuery, defineUpdate, setHandler, workflowInfo } from '@temporalio/workflow';
import { formatDiarienummer } from '../domain/diarienummer';

/**
 * The diarium of one series and year: hands out diarienummer one at a time, so that there are no gaps and no
 * duplicates even when many ärenden register at once. Temporal runs update handlers one by one on a single
 * thread, which is the lock; the update id (the ärende's id) makes a retried request get the same number.
 */
export interface DiariumInput {
  kommunkod: string;
  serie: string;
  year: number;
  pattern: string;
  /** Carried over continue-as-new. */
  next?: number;
  recent?: Array<[string, string]>;
}

export interface AllocateRequest {
  arendeId: string;
}

export const allocateDiarienummerUpdate = defineUpdate<string, [AllocateRequest]>('allocateDiarienummer');
export const diariumStateQuery = defineQuery<{ next: number; allocated: number }>('diariumState');

/** How many recent allocations are remembered across continue-as-new, for retried requests. */
const REMEMBERED = 500;

export function diariumWorkflowId(kommunkod: string, serie: string, year: number): string {
  return `diarium-${kommunkod}-${serie}-${year}`;
}

export async function diariumWorkflow(input: DiariumInput): Promise<void> {
  let next = input.next ?? 1;
  const recent = new Map<string, string>(input.recent ?? []);
  let allocatedThisRun = 0;

  setHandler(diariumStateQuery, () => ({ next, allocated: next - 1 }));
  setHandler(allocateDiarienummerUpdate, ({ arendeId }) => {
    const known = recent.get(arendeId);
    if (known) return known;
    const diarienummer = formatDiarienummer(input.pattern, { serie: input.serie, year: input.year, nr: next });
    next += 1;
    allocatedThisRun += 1;
    recent.set(arendeId, diarienummer);
    if (recent.size > REMEMBERED) recent.delete(recent.keys().next().value as string);
    return diarienummer;
  });

  // The diarium lives as long as its year has ärenden; history is kept short by continuing as new.
  await condition(() => allocatedThisRun >= 200 || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof diariumWorkflow>({ ...input, next, recent: [...recent] });
}
