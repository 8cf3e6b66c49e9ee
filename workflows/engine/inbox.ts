import { setHandler, type ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { isRefusal, refuse, requestIdReused, type Refusal } from './failures';
import { fingerprintOf, RequestMemory } from './requests';
import { parsePayload } from './validation';

/**
 * Queued actions: an update is validated at once (schema, request id, stage and rules; a refusal changes nothing),
 * then waits in the inbox until the running stage takes it (`take`), checks it again against the state of that
 * moment and applies it (`perform`). Stages whose actions render documents or call activities use this mode, so
 * that one action is applied at a time, in the order accepted. A repeated request id answers the first result.
 */
export interface Pending<A extends string, P> {
  action: A;
  payload: P;
  fingerprint: string;
  resolve(result: unknown): void;
  reject(err: ApplicationFailure): void;
}

/** What the memory keeps of a handled request (carried over continue-as-new). */
export interface StoredRequest<A extends string, R> {
  action: A;
  fingerprint: string;
  result: R;
}

export interface InboxRules<A extends string, P extends { requestId: string }> {
  schema(action: A): z.ZodType<P>;
  /** The action's Swedish label, named in a validation message. */
  label(action: A): string;
  /** Stage and rule checks against the state of this moment (validator and again when applied). */
  check(action: A, payload: P): Refusal | undefined;
  /** Checks for new requests only (in the validator, which does not run on replay). */
  checkNew?(action: A, payload: P): Refusal | undefined;
}

export class Inbox<A extends string, P extends { requestId: string }, R> {
  private readonly queue: Array<Pending<A, P>> = [];

  constructor(
    readonly requests: RequestMemory<StoredRequest<A, R>>,
    private readonly rules: InboxRules<A, P>,
  ) {}

  /** One update per action: the validator refuses at once; the handler waits for the stage's answer. */
  install(updates: Record<A, unknown>): void {
    for (const action of Object.keys(updates) as A[]) {
      setHandler(updates[action] as never, ((raw: unknown) => this.accept(action, raw)) as never, {
        validator: ((raw: unknown) => this.validateNew(action, raw)) as never,
      });
    }
  }

  get length(): number {
    return this.queue.length;
  }

  /** The next accepted action, first come first served. */
  take(): Pending<A, P> | undefined {
    return this.queue.shift();
  }

  private validate(action: A, raw: unknown): { payload: P; fingerprint: string; known?: StoredRequest<A, R> } {
    const payload = parsePayload(this.rules.schema(action), raw, this.rules.label(action));
    const fingerprint = fingerprintOf(action, payload);
    const stored = this.requests.get(payload.requestId);
    const known = stored ?? this.inFlight(payload.requestId);
    if (known) {
      if (known.fingerprint !== fingerprint) throw refuse(requestIdReused(payload.requestId));
      return { payload, fingerprint, known: stored };
    }
    const problem = this.rules.check(action, payload);
    if (problem) throw refuse(problem);
    return { payload, fingerprint };
  }

  private validateNew(action: A, raw: unknown): void {
    const { payload, known } = this.validate(action, raw);
    if (known || this.inFlight(payload.requestId)) return;
    const problem = this.rules.checkNew?.(action, payload);
    if (problem) throw refuse(problem);
  }

  private inFlight(requestId: string): { fingerprint: string } | undefined {
    return this.queue.find((p) => p.payload.requestId === requestId);
  }

  private async accept(action: A, raw: unknown): Promise<R> {
    const { payload, fingerprint, known } = this.validate(action, raw);
    if (known) return known.result;
    return new Promise<R>((resolve, reject) => this.queue.push({ action, payload, fingerprint, resolve: resolve as (r: unknown) => void, reject }));
  }

  /**
   * Applies a taken action: a request handled meanwhile answers its first result; otherwise the checks run again
   * (and `step.missing` when the stage has no handler for it), `step.run` runs (a refusal it throws is the answer and
   * nothing is remembered), `step.finish` makes the result, which is remembered and answered.
   *
   * Keep the awaits here as they are: the order in which an update's answer and the stage's next timer reach the
   * history follows from them, and recorded histories must replay (test/replay).
   */
  async perform<O>(
    item: Pending<A, P>,
    step: { run?: (item: Pending<A, P>) => Promise<O>; missing: () => Refusal; finish: (item: Pending<A, P>, outcome: O) => R },
  ): Promise<void> {
    const known = this.requests.get(item.payload.requestId);
    if (known) {
      if (known.fingerprint === item.fingerprint) item.resolve(known.result);
      else item.reject(refuse(requestIdReused(item.payload.requestId)));
      return;
    }
    const problem = this.rules.check(item.action, item.payload) ?? (step.run ? undefined : step.missing());
    if (problem) {
      item.reject(refuse(problem));
      return;
    }
    let outcome: O;
    try {
      outcome = await (step.run as (item: Pending<A, P>) => Promise<O>)(item);
    } catch (err) {
      if (isRefusal(err)) {
        item.reject(refuse(err));
        return;
      }
      throw err;
    }
    const result = step.finish(item, outcome);
    this.requests.remember(item.payload.requestId, { action: item.action, fingerprint: item.fingerprint, result });
    item.resolve(result);
  }

  /** At the end of the workflow: refuses what is still queued. */
  refuseAll(why: (item: Pending<A, P>) => Refusal): void {
    for (let item = this.take(); item; item = this.take()) item.reject(refuse(why(item)));
  }
}
