import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { Workflow } from '@temporalio/workflow';

/**
 * Work started without waiting (messages to other workflows, archive copies): awaited before the run ends or
 * continues as new, so that nothing started is lost.
 */
export class Outbox {
  private readonly pending: Promise<unknown>[] = [];

  add(work: Promise<unknown>): void {
    this.pending.push(work);
  }

  async drain(): Promise<void> {
    await Promise.all(this.pending.splice(0));
  }
}

/** Continue-as-new is due: asked for by the workflow (e.g. once per fee year) or suggested by Temporal (long history). */
export function continueAsNewDue(requested: boolean): boolean {
  return requested || workflowInfo().continueAsNewSuggested;
}

/**
 * Continues as new with `args` after the outbox is drained. `waitForHandlers`: first wait until every update handler
 * has finished (for handlers that finish by themselves; queued actions are refused or served before this is called).
 */
export async function continueAsNewAfter<F extends Workflow>(outbox: Outbox, args: Parameters<F>, opts: { waitForHandlers: boolean }): Promise<never> {
  await outbox.drain();
  if (opts.waitForHandlers) await condition(allHandlersFinished);
  return continueAsNew<F>(...args);
}
