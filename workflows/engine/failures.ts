import { ApplicationFailure } from '@temporalio/workflow';

/**
 * The one vocabulary of refusals for every workflow on the engine (ApplicationFailure.type; the message is Swedish,
 * details[0] names the fields). The web app maps VALIDATION_FAILED to 400 and the others to 409 (docs/process.md).
 */
export const ERROR_CODES = {
  /** The payload does not meet the action's schema or a rule about a field. */
  validation: 'VALIDATION_FAILED',
  /** The stage does not allow the action. */
  notAllowed: 'ACTION_NOT_ALLOWED_IN_STAGE',
  /** The request id was used before for another action or another payload. */
  requestIdReused: 'REQUEST_ID_REUSED',
  /** The action is allowed in the stage but its precondition is not met yet. */
  precondition: 'PRECONDITION_FAILED',
} as const;

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/** A refusal as the rules state it: a machine code, a Swedish message and the fields at fault. */
export interface Refusal {
  code: string;
  message: string;
  fields?: FieldProblem[];
}

/** A refusal to throw from a stage's handler (any Error with `code` and `fields` is taken as one). */
export class Refused extends Error implements Refusal {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** Something a stage threw that is a refusal (answered to the person) rather than a bug (retried by Temporal). */
export function isRefusal(err: unknown): err is Refusal {
  return err instanceof Error && typeof (err as Partial<Refusal>).code === 'string' && Array.isArray((err as Partial<Refusal>).fields);
}

/** The failure an update answers with: non-retryable, details[0] = the fields (or `details` as given). */
export function refuse(r: Refusal, details?: unknown[]): ApplicationFailure {
  return ApplicationFailure.create({ type: r.code, message: r.message, details: details ?? [r.fields ?? []], nonRetryable: true });
}

export function requestIdReused(requestId: string): Refusal {
  return {
    code: ERROR_CODES.requestIdReused,
    message: `Begäran ${requestId} är redan använd för en annan åtgärd eller med annat innehåll; välj ett nytt requestId.`,
    fields: [{ field: 'requestId', rule: 'reused', message: 'requestId är redan använt med annat innehåll' }],
  };
}
