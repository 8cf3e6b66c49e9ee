import type { ActivityOptions } from '@temporalio/workflow';

/**
 * How a workflow's steps call their activities (render a document, book or feed an ärende, number §§): retried until
 * they succeed. The worker heartbeats for every activity (runtime/activity-interceptor.ts): a killed worker's task is
 * retried elsewhere after 20 s instead of after the full start-to-close timeout.
 */
export const STEP_ACTIVITIES: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
};

/**
 * The archive copy (a Ghostscript run) is retried a few times, not for ever: the outbox that awaits it must not hold
 * up the end or a continue-as-new, and a copy that failed can be made again from the stored original.
 */
export const ARCHIVE_ACTIVITIES: ActivityOptions = { ...STEP_ACTIVITIES, retry: { ...STEP_ACTIVITIES.retry, maximumAttempts: 5 } };
