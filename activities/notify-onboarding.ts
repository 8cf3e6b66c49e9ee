import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { adoptionDecidedSignal, onboardingWorkflowId, type AdoptionDecided } from '../workflows/onboarding-messages';

/**
 * Tells SKR's onboarding of the municipality that its adoption ärende has decided. Without an onboarding (SKR has not
 * invited the municipality) there is nobody to tell: that is not an error.
 */
export function makeNotifyOnboarding(client: Client) {
  return async function notifyOnboarding(input: AdoptionDecided & { kommunkod: string; program: string }): Promise<boolean> {
    const { kommunkod, program, ...decided } = input;
    try {
      await client.workflow.getHandle(onboardingWorkflowId(kommunkod, program)).signal(adoptionDecidedSignal, decided);
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') return false;
      throw err;
    }
  };
}
