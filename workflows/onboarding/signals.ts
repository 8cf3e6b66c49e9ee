import { log, setHandler } from '@temporalio/workflow';
import { ONBOARDING_STAGE_LABELS, type OnboardingStage } from '../../domain/onboarding-stages';
import { adoptionDecidedSignal, adoptionHandoverSignal, adoptionWithdrawnSignal, onboardingStateQuery } from '../onboarding-messages';
import type { OnboardingContext } from './context';

/** Stages in which a municipality's decision (from its ärende) starts an agreement; later ones already have one. */
const DECIDABLE: readonly OnboardingStage[] = ['inbjuden', 'intresserad', 'beslut_pagar', 'avbojt', 'avslutad'];

/**
 * What the municipality's ärende tells its onboarding (docs/process.md, "Who owns what"): its decision (linked
 * ärende), the handover of a decision that can be acted on, and the withdrawal of one that fell. Signals cannot be
 * refused: one that does not fit is ignored.
 */
export function installSignals(ctx: OnboardingContext): void {
  const { state } = ctx;

  setHandler(adoptionDecidedSignal, (decided) => {
    if (state.stage !== 'beslut_pagar' || decided.arendeId !== state.linkedArendeId) {
      log.info('adoptionDecided ignored', { arendeId: decided.arendeId, stage: state.stage });
      return;
    }
    const { arendeId, ...decision } = decided;
    ctx.applyDecision(decision, 'beslutsflode', `Beslutsflöde (ärende ${arendeId})`, undefined, arendeId);
  });

  setHandler(adoptionHandoverSignal, (h) => {
    const { arendeId, diarienummer, terms, ...decision } = h;
    const named = diarienummer ?? arendeId;
    state.linkedArendeId = arendeId;
    if (diarienummer) state.linkedDiarienummer = diarienummer;
    state.followedBy = arendeId;
    ctx.tellNow = true;
    if (!DECIDABLE.includes(state.stage)) {
      ctx.note('system', 'linkAdoption', `Ärende ${named} följer anslutningen; avtalet finns redan (skede: ${ONBOARDING_STAGE_LABELS[state.stage]})`);
      return;
    }
    if (state.stage === 'avbojt' || state.stage === 'avslutad') {
      // A new decision after a no or an exit: a new cycle, as an invitation would start.
      state.cycle += 1;
      delete state.nextAgreement;
    }
    ctx.applyDecision({ ...decision, terms }, 'beslutsflode', `Beslutsflöde (ärende ${named})`, undefined, arendeId);
  });

  setHandler(adoptionWithdrawnSignal, (w) => {
    if (w.arendeId !== state.followedBy || state.stage === 'avslutad' || state.stage === 'avbojt') return;
    ctx.note('system', 'decisionWithdrawn', `Kommunens beslut gäller inte längre (${w.reason}); anslutningen upphör`);
    delete state.followedBy; // the ärende has left; nothing to tell it
    delete state.nextAgreement;
    ctx.nextDeadline = undefined;
    ctx.tellNow = true; // wakes a sleeping stage
    ctx.moveTo('avslutad');
  });

  setHandler(onboardingStateQuery, () => state);
}
