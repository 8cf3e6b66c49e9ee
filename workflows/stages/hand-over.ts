import { patched } from '@temporalio/workflow';
import { addDays } from '../../domain/iso-date';
import type { Stage } from '../../domain/stages';
import { activities, type ArendeContext } from '../context';
import { onboardingWorkflowId } from '../onboarding-messages';

/**
 * The ärende and SKR's onboarding of the municipality and programme (docs/process.md, "Who owns what"): reaching the
 * agreement stage hands the decision over (the avtal stage's entry); leaving the agreement stages for an end or a
 * rectification withdraws it (their exit); an ärende that ends with an avslag tells the onboarding (justering).
 * Added after histories were recorded, so guarded by patches (docs/process.md, versioning).
 */

/** Entry of avtal: hand over, or, before the handover existed, tell the onboarding of the bifall. */
export function enterAgreement(ctx: ArendeContext): void {
  if (patched('agreement-owner-onboarding')) handOver(ctx);
  else tellOnboarding(ctx, 'bifall');
}

/** Exit of avtal, vantar_start and aktiv: the decision the agreement rests on fell (end or rectification). */
export function leaveAgreement(ctx: ArendeContext, to: Stage, why?: string): void {
  if (to === 'avslutad' || to === 'utkast') withdraw(ctx, why);
}

/**
 * Tells SKR's onboarding (workflows/onboarding.ts) that the decision is final enough to act on: bifall when the
 * agreement stage begins (runs from before the handover), avslag when the ärende ends with one.
 */
export function tellOnboarding(ctx: ArendeContext, outcome: 'bifall' | 'avslag'): void {
  if (!patched('notify-onboarding')) return;
  const { state } = ctx;
  const decision = [...state.decisions].reverse().find((d) => d.outcome === outcome);
  if (!decision) return;
  ctx.outbox.add(
    activities
      .notifyOnboarding({
        kommunkod: state.kommunkod,
        program: state.program,
        arendeId: state.id,
        organ: decision.organName,
        date: decision.meetingDate,
        paragraph: decision.paragraph,
        outcome,
      })
      .catch(() => undefined), // the onboarding is SKR's; the ärende goes on whatever happens there
  );
}

/**
 * The decision can be acted on: hand it over to SKR's onboarding (started if SKR has not invited the municipality),
 * which from now on owns the agreement, the signatures, the start, the fee statements and the renewal.
 */
function handOver(ctx: ArendeContext): void {
  const { state } = ctx;
  const decision = [...state.decisions].reverse().find((d) => d.outcome === 'bifall');
  if (!decision) return;
  const workflowId = onboardingWorkflowId(state.kommunkod, state.program);
  state.agreementOwner = { workflowId, handedOverAt: ctx.now() };
  const tomorrow = addDays(ctx.today(), 1);
  const startDate = state.policy.targetStart > tomorrow ? state.policy.targetStart : tomorrow;
  ctx.log('system', 'handover', `Beslutet överlämnat till SKR:s anslutning ${workflowId}, som håller avtalet och avgifterna`);
  ctx.outbox.add(
    activities.handOverToOnboarding({
      kommunkod: state.kommunkod,
      program: state.program,
      // The ärende's programme goes with the decision: the onboarding it starts writes the agreement from it.
      programme: ctx.programme,
      arendeId: state.id,
      ...(state.diarienummer ? { diarienummer: state.diarienummer } : {}),
      organ: decision.organName,
      date: decision.meetingDate,
      paragraph: decision.paragraph,
      outcome: 'bifall',
      terms: { startDate, organisation: state.policy.regionalOrganisation },
    }),
  );
}

/** Tells the owner its agreement's decision fell, which ends the anslutning; not when the owner ended (it knows). */
function withdraw(ctx: ArendeContext, why?: string): void {
  const { state } = ctx;
  const owner = state.agreementOwner;
  if (!owner || owner.progress?.stage === 'avslutad' || owner.progress?.stage === 'avbojt') return;
  state.agreementOwner = undefined;
  ctx.outbox.add(
    activities.withdrawFromOnboarding({
      kommunkod: state.kommunkod,
      program: state.program,
      arendeId: state.id,
      reason: why ?? 'beslutet har upphävts',
    }),
  );
}
