import { condition, workflowInfo } from '@temporalio/workflow';
import type { OnboardingContext } from '../context';

/**
 * The stages that wait for a person (inbjuden, intresserad, beslut_pagar, avtal_signeras, avtal_avvisat, fornyelse,
 * avbojt, avslutad): an update moves the stage on, the ärende's news wakes it to be told; when Temporal suggests a
 * new run (a long wait with many events) the wait goes on in one.
 */
export async function waitingForPerson(ctx: OnboardingContext): Promise<void> {
  const waitingIn = ctx.state.stage;
  await condition(() => ctx.state.stage !== waitingIn || ctx.tellNow || workflowInfo().continueAsNewSuggested);
  if (ctx.state.stage === waitingIn && !ctx.tellNow) await ctx.continueAsNew();
}
