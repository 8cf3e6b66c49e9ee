/** The client layer's classification of "Temporal is away" (runtime/temporal-errors.ts): retry and 503, or not. */
import { ServiceError } from '@temporalio/client';
import { isTemporalUnavailable, isTransientNamespaceNotFound, isTransientUpdateRefusal } from '../../runtime/temporal-errors';

const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details });

test('"Namespace default is not found" (after a PostgreSQL restart) is transient; a missing workflow is not', () => {
  expect(isTransientNamespaceNotFound({ code: 5, details: 'Namespace default is not found.' })).toBe(true);
  expect(isTransientNamespaceNotFound({ code: 5, details: 'workflow execution not found' })).toBe(false);
  expect(isTransientNamespaceNotFound({ code: 14, details: 'Namespace default is not found.' })).toBe(false);
});

test('unavailable, timeouts, a missing service and the transient namespace are "Temporal is away"; others are not', () => {
  expect(isTemporalUnavailable(grpcError(14, 'No connection established'))).toBe(true);
  expect(isTemporalUnavailable(grpcError(4, 'Deadline exceeded'))).toBe(true);
  expect(isTemporalUnavailable(grpcError(14, 'Not enough hosts to serve the request'))).toBe(true);
  expect(isTemporalUnavailable(new ServiceError('Failed to start Workflow', { cause: grpcError(5, 'Namespace default is not found.') }))).toBe(true);
  expect(isTemporalUnavailable(Object.assign(new Error('x'), { name: 'WorkflowUpdateRPCTimeoutOrCancelledError' }))).toBe(true);
  // An update refused while the workflow's task is retried (a busy or restarting worker): 503, send it again.
  const taskFailed = 'Unable to perform workflow execution update due to Workflow Task in failed state.';
  expect(isTemporalUnavailable(new ServiceError('Workflow Update failed', { cause: grpcError(9, taskFailed) }))).toBe(true);
  expect(isTransientUpdateRefusal({ code: 9, details: taskFailed })).toBe(true);
  expect(isTransientUpdateRefusal({ code: 9, details: 'workflow execution already completed' })).toBe(false);
  // A workflow that does not exist, a refused update, a bug: answered as before (404, 409, 500).
  expect(isTemporalUnavailable(grpcError(9, 'workflow execution already completed'))).toBe(false);
  expect(isTemporalUnavailable(grpcError(5, 'workflow execution not found'))).toBe(false);
  expect(isTemporalUnavailable(grpcError(3, 'invalid argument'))).toBe(false);
  expect(isTemporalUnavailable(new TypeError('undefined is not a function'))).toBe(false);
});
