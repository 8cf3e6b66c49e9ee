import { setHandler, type ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { RequestMemory } from './requests';
import { parsePayload } from './validation';

/**
 * Immediate actions: an update that only records a step (no document, no activity) is applied in its handler, at
 * once; the stage loop sees the new state when it next looks. Validation is the same as for queued actions (the one
 * schema, VALIDATION_FAILED), and a repeated request id answers `repeat(first result)` and changes nothing.
 */
export interface ImmediateAction<P extends { requestId: string }, R> {
  update: unknown;
  schema: z.ZodType<P>;
  /** The stage check: a failure when the stage does not allow the action now. */
  notAllowed(): ApplicationFailure | undefined;
  /** Further checks before acceptance (throw an ApplicationFailure). */
  check?(payload: P): void;
  /** Records the action; returns its result. */
  apply(payload: P): R;
}

export function installImmediate<P extends { requestId: string }, R>(requests: RequestMemory<R>, repeat: (first: R) => R, action: ImmediateAction<P, R>): void {
  setHandler(
    action.update as never,
    ((raw: unknown): R => {
      const payload = parsePayload(action.schema, raw);
      const known = requests.get(payload.requestId);
      if (known) return repeat(known);
      const result = action.apply(payload);
      requests.remember(payload.requestId, result);
      return result;
    }) as never,
    {
      validator: ((raw: unknown) => {
        const payload = parsePayload(action.schema, raw);
        if (requests.get(payload.requestId)) return; // the same request again: answered with the first result
        const refused = action.notAllowed();
        if (refused) throw refused;
        action.check?.(payload);
      }) as never,
    },
  );
}
