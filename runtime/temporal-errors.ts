/**
 * Temporal being away, as one classification for the client layer: the gRPC retry policy of every connection the
 * product opens (web, worker's client), and the web app's answer when the retries run out (HTTP 503 with a code,
 * server/http-errors.ts). A server restarting, a service of the cluster killed, PostgreSQL restarting: the client
 * sees UNAVAILABLE, a timeout, or, for a moment after PostgreSQL comes back, NOT_FOUND "Namespace default is not
 * found" while the server's namespace cache is empty. The SDK retries the first kinds by itself, not the last.
 */
import type { Interceptor, StatusObject } from '@grpc/grpc-js';
import { defaultGrpcRetryOptions, isRetryableError, makeGrpcRetryInterceptor } from '@temporalio/client';

const GRPC = { DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, UNAVAILABLE: 14, UNKNOWN: 2 } as const;

/** "Namespace default is not found.": after PostgreSQL restarts, until the namespace cache is refilled. */
export const NAMESPACE_NOT_FOUND = /Namespace \S+ is not found/i;

/** A status the server gives while the namespace cache is empty (retry), not an absent workflow (do not). */
export function isTransientNamespaceNotFound(status: Pick<StatusObject, 'code' | 'details'>): boolean {
  return status.code === GRPC.NOT_FOUND && NAMESPACE_NOT_FOUND.test(status.details ?? '');
}

/**
 * "Unable to perform workflow execution update due to Workflow Task in failed state": the workflow's last task timed
 * out or failed (a worker busy, killed or restarting); the server schedules it again, and an update sent again then is
 * accepted. The update was refused, not run, so sending it again is safe. (Found by the benchmark: a new meeting plan's
 * first task timed out on a saturated worker and PUT /api/sammantradesplaner answered 500.)
 */
export const WORKFLOW_TASK_FAILED = /Workflow Task in failed state/i;

export function isTransientUpdateRefusal(status: Pick<StatusObject, 'code' | 'details'>): boolean {
  return status.code === GRPC.FAILED_PRECONDITION && WORKFLOW_TASK_FAILED.test(status.details ?? '');
}

/**
 * The SDK's policy (UNAVAILABLE, RESOURCE_EXHAUSTED, …, backoff from 100 ms by 1.7, at most 5 s), plus the transient
 * namespace and an update refused while the workflow's task is being retried. `maxAttempts`: 10 (the SDK's, ~20 s) for the worker; the web app gives up after ~3 s (6 attempts) and
 * answers 503, so that a person waits seconds, not half a minute, and can send the same request again.
 */
export function temporalRetryInterceptor(maxAttempts = 10): Interceptor {
  const base = defaultGrpcRetryOptions({ maxAttempts });
  return makeGrpcRetryInterceptor({
    delayFunction: base.delayFunction,
    retryableDecider: (attempt, status) =>
      base.retryableDecider(attempt, status) || (attempt < maxAttempts && (isTransientNamespaceNotFound(status) || isTransientUpdateRefusal(status))),
  });
}

/** The web app's attempts per call before it answers 503 TEMPORAL_UNAVAILABLE. */
export const WEB_GRPC_ATTEMPTS = 6;

/** The gRPC status in an error the SDK threw (ServiceError wraps it in `cause`), if any. */
function grpcStatus(err: unknown): { code?: number; details?: string; message?: string } | undefined {
  for (
    let e = err as { code?: unknown; details?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'number') return { code: e.code, details: typeof e.details === 'string' ? e.details : undefined, message: String(e.message ?? '') };
  }
  return undefined;
}

/**
 * True when the error means "Temporal cannot be reached or is not ready right now; the same request later will
 * work": connection refused or lost, a timeout, the cluster missing a service, the namespace cache being refilled,
 * an update refused while the workflow's task is retried.
 */
export function isTemporalUnavailable(err: unknown): boolean {
  const status = grpcStatus(err);
  if (status?.code !== undefined) {
    if (status.code === GRPC.NOT_FOUND) return NAMESPACE_NOT_FOUND.test(`${status.details ?? ''} ${status.message ?? ''}`);
    if (status.code === GRPC.UNAVAILABLE || status.code === GRPC.DEADLINE_EXCEEDED || status.code === GRPC.RESOURCE_EXHAUSTED) return true;
    if (status.code === GRPC.FAILED_PRECONDITION) return WORKFLOW_TASK_FAILED.test(`${status.details ?? ''} ${status.message ?? ''}`);
    if (isRetryableError({ code: status.code, details: status.details ?? '', metadata: undefined as never }))
      return status.code === GRPC.UNKNOWN && /connect|transport|socket|closed/i.test(`${status.details} ${status.message}`);
  }
  const name = (err as Error | undefined)?.name ?? '';
  // An update whose RPC timed out while the server was away: it may or may not have been accepted; the same
  // request id sent again is recorded once (updateId), so "try again" is the right answer.
  if (name === 'WorkflowUpdateRPCTimeoutOrCancelledError') return true;
  const message = (err as Error | undefined)?.message ?? '';
  return /ECONNREFUSED|No connection established|Connection dropped|Not enough hosts to serve the request/i.test(message);
}
