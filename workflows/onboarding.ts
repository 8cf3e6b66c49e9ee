import type { OnboardingStage } from '../domain/onboarding-stages';
import { runStages, type StageTable } from './engine';
import type { OnboardingInput } from './onboarding-messages';
import { installActions } from './onboarding/actions';
import { OnboardingContext } from './onboarding/context';
import { installSignals } from './onboarding/signals';
import { aktiv } from './onboarding/stages/aktiv';
import { avtalForbereds } from './onboarding/stages/avtal-forbereds';
import { kontotilldelning } from './onboarding/stages/kontotilldelning';
import { vantarStart } from './onboarding/stages/vantar-start';
import { waitingForPerson } from './onboarding/stages/waiting';

/**
 * The stages the system works in (domain/onboarding-stages.ts); every other stage waits for a person
 * (workflows/onboarding/stages/waiting.ts) and is left by an action (workflows/onboarding/actions.ts).
 */
const PROCESS: StageTable<OnboardingContext, OnboardingStage> = {
  avtal_forbereds: { run: avtalForbereds }, // the agreement is written and sent for signature
  kontotilldelning: { run: kontotilldelning }, // signed by both: the signed agreement, accounts on the learning platform
  vantar_start: { run: vantarStart }, //       until 00:00 on the start date
  aktiv: { run: aktiv }, //                    an avgiftsunderlag per fee year; then förnyelse or utträde
};

/**
 * SKR's onboarding of one municipality to a programme: invitation, interest, the municipality's decision, the
 * agreement signed by both parties, accounts on the learning platform, the active years with a fee statement per
 * fee year, and renewal or exit at the end of the period. One workflow per municipality and programme
 * (`anslutning-<kommunkod>-<program>`); it continues as new after each fee year. Before each stage runs, the ärende
 * that follows the onboarding is told of any change.
 */
export async function onboardingWorkflow(input: OnboardingInput): Promise<void> {
  const ctx = new OnboardingContext(input);
  installActions(ctx);
  installSignals(ctx);
  ctx.publish();
  await runStages(PROCESS, ctx, ctx.state, { before: () => ctx.tellArende(), otherwise: waitingForPerson });
}
