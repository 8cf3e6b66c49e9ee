/**
 * The two kinds of work and their task queues (docs/benchmarks.md, "Interactive and background work").
 *
 * - The workflows and every activity a person waits for (a PDF rendered in an action, a diarienummer, an update sent
 *   to another ärende) run on the installation's task queue (TEMPORAL_TASK_QUEUE).
 * - Work that nobody waits for — the PDF/A archive copy with its signatures (Ghostscript, pyHanko: ~1 s of CPU each)
 *   and SKR's bulk invitations — runs on the background queue beside it, polled by a worker with a few slots whose
 *   child processes run at a lower CPU priority, so that it never takes a human action's place.
 *
 * The background queue is named after the workflow's own queue, so that a workflow needs no configuration to find it
 * (workflowInfo().taskQueue) and two installations (or two tests) on one server never share it.
 */
export const BACKGROUND_QUEUE_SUFFIX = '-background';

export function backgroundTaskQueue(taskQueue: string): string {
  return `${taskQueue}${BACKGROUND_QUEUE_SUFFIX}`;
}
