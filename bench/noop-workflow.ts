/**
 * The baseline of a decision's round trip (issue 14 p. 6): a workflow that does nothing but answer an Update, so
 * that bench/update-baseline.ts can time a bare Temporal update on the same server in the same run.
 */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const noopUpdate = defineUpdate<string, [string]>('noop');

export async function benchNoopWorkflow(): Promise<void> {
  let done = false;
  setHandler(noopUpdate, (text) => {
    if (text === 'slut') done = true;
    return text;
  });
  await condition(() => done);
}
