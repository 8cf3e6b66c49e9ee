/**
 * Work that nobody waits for goes to the background task queue (domain/task-queues.ts): its own worker slots and a
 * lower CPU priority, so that a human action's workflow tasks and renders never queue behind it. The queue is named
 * after this workflow's own, so the same code runs on every installation and in every test.
 *
 * Replay: the task queue of a ScheduleActivityTask command is not compared with the recorded event, so histories
 * recorded when these activities ran on the workflow's own queue replay unchanged (test/replay).
 */
import { workflowInfo, type ActivityFunction, type ActivityFunctionWithOptions } from '@temporalio/workflow';
import { backgroundTaskQueue } from '../domain/task-queues';

/** The activity, called on the background queue with the options its proxy was made with. */
export function inBackground<F extends ActivityFunction>(
  activity: ActivityFunctionWithOptions<F>,
): (...args: Parameters<F>) => Promise<Awaited<ReturnType<F>>> {
  return (...args) => activity.executeWithOptions({ taskQueue: backgroundTaskQueue(workflowInfo().taskQueue) }, args);
}
