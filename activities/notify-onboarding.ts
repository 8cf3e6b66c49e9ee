import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import {
  adoptionDecidedSignal,
  adoptionHandoverSignal,
  adoptionWithdrawnSignal,
  onboardingWorkflowId,
  type AdoptionDecided,
  type AdoptionHandover,
  type AdoptionWithdrawn,
} from '../workflows/onboarding-messages';
import { agreementProgressSignal } from '../workflows/messages';
import type { AgreementProgress } from '../domain/arende-state';
import type { Programme, ProgrammeRegistry } from '../domain/programmes';
import { KIND, KOMMUN, LAN, PROGRAM, STAGE } from '../workflows/search-attributes';

const notFound = (err: unknown) => err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError';

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
      if (notFound(err)) return false;
      throw err;
    }
  };
}

/**
 * Hands the ärende's decision over to the one onboarding of the municipality and programme (by kommunkod + programme,
 * starting it when SKR has not invited the municipality yet): from here that workflow owns the agreement and the fees.
 * signalWithStart is idempotent enough for a retry: the onboarding ignores a second handover of the same ärende once
 * the agreement exists.
 */
export function makeHandOverToOnboarding(client: Client, taskQueue: string, programmes: () => ProgrammeRegistry) {
  return async function handOverToOnboarding(
    input: AdoptionHandover & { kommunkod: string; program: string; programme?: Programme },
  ): Promise<{ workflowId: string }> {
    const { kommunkod, program, programme: snapshot, ...handover } = input;
    // The ärende's own programme (an ärende registered before programmes were configuration: the configured one).
    const programme = snapshot ?? programmes().byId(program);
    const workflowId = onboardingWorkflowId(kommunkod, program);
    await client.workflow.signalWithStart('onboardingWorkflow', {
      workflowId,
      taskQueue,
      args: [
        {
          kommunkod,
          program,
          invitation: { requestId: `overlamning-${handover.arendeId}`.slice(0, 64), actor: { name: 'Beslutsflöde' } },
          startedBy: { arendeId: handover.arendeId, ...(handover.diarienummer ? { diarienummer: handover.diarienummer } : {}) },
          programme,
        },
      ],
      signal: adoptionHandoverSignal,
      signalArgs: [handover],
      typedSearchAttributes: [
        { key: KIND, value: 'anslutning' },
        { key: KOMMUN, value: kommunkod },
        { key: LAN, value: kommunkod.slice(0, 2) },
        { key: PROGRAM, value: program },
        { key: STAGE, value: 'inbjuden' },
      ],
    });
    return { workflowId };
  };
}

/** The onboarding (the owner of the agreement) tells the ärende that follows it of its progress. A closed ärende is not an error. */
export function makeNotifyArende(client: Client) {
  return async function notifyArende(input: { arendeId: string; progress: AgreementProgress }): Promise<boolean> {
    try {
      await client.workflow.getHandle(input.arendeId).signal(agreementProgressSignal, input.progress);
      return true;
    } catch (err) {
      if (notFound(err) || /completed|closed/i.test((err as Error).message ?? '')) return false;
      throw err;
    }
  };
}

/** The ärende's decision fell (quashed): the owner ends the anslutning built on it. No onboarding: nothing to end. */
export function makeWithdrawFromOnboarding(client: Client) {
  return async function withdrawFromOnboarding(input: AdoptionWithdrawn & { kommunkod: string; program: string }): Promise<boolean> {
    const { kommunkod, program, ...withdrawn } = input;
    try {
      await client.workflow.getHandle(onboardingWorkflowId(kommunkod, program)).signal(adoptionWithdrawnSignal, withdrawn);
      return true;
    } catch (err) {
      if (notFound(err)) return false;
      throw err;
    }
  };
}
