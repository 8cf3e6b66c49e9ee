import type { z } from 'zod';
import { ONBOARDING_ACTION_SCHEMAS, PARTY_LABELS, type OnboardingActionInput } from '../../domain/onboarding-actions';
import { actionNotAllowedMessage, isOnboardingActionAllowed, type OnboardingAction } from '../../domain/onboarding-stages';
import { actorName, ERROR_CODES, installImmediate, refuse } from '../engine';
import { ONBOARDING_ERRORS, ONBOARDING_UPDATES, type Agreement } from '../onboarding-messages';
import type { OnboardingContext } from './context';

/**
 * The human actions on an onboarding (docs/onboarding.md), each a Temporal Update applied at once (immediate mode of
 * workflows/engine): each records a step and moves the stage; the writing of documents and the calls to other
 * systems are the stages' (workflows/onboarding/stages/*). Installed before the loop runs, so a buffered update is
 * validated as soon as its handler is set.
 */
export function installActions(ctx: OnboardingContext): void {
  const { state } = ctx;

  function action<A extends OnboardingAction>(
    name: A,
    apply: (input: OnboardingActionInput[A], actor: string) => void,
    check?: (input: OnboardingActionInput[A]) => void,
  ) {
    installImmediate(ctx.requests, (first) => ({ ...first, recorded: false }), {
      update: ONBOARDING_UPDATES[name],
      schema: ONBOARDING_ACTION_SCHEMAS[name] as unknown as z.ZodType<OnboardingActionInput[A]>,
      notAllowed: () =>
        isOnboardingActionAllowed(state.stage, name)
          ? undefined
          : refuse({ code: ERROR_CODES.notAllowed, message: actionNotAllowedMessage(state.stage, name) }, [{ stage: state.stage, action: name }]),
      check,
      apply: (input) => {
        apply(input, actorName(input.actor));
        return ctx.result();
      },
    });
  }

  /** The agreement a signature or a rejection names must be the one that is out for signing, not yet signed by that party. */
  const checkVersion = (input: { version: number; party: 'kommun' | 'skr' }) => {
    const agreement = state.agreement;
    if (!agreement || agreement.version !== input.version) {
      throw refuse(
        { code: ONBOARDING_ERRORS.versionMismatch, message: `Avtalet som gäller är version ${agreement?.version ?? '–'}, inte version ${input.version}` },
        [],
      );
    }
    if (agreement.signatures[input.party]) {
      throw refuse(
        { code: ONBOARDING_ERRORS.alreadySigned, message: `Avtalet version ${agreement.version} är redan undertecknat av ${PARTY_LABELS[input.party]}` },
        [],
      );
    }
  };

  action('invite', (input, actor) => {
    state.cycle += 1;
    state.invitedAt = ctx.now();
    delete state.decision;
    delete state.linkedArendeId;
    delete state.nextAgreement;
    ctx.note(actor, 'invite', input.message ? `Kommunen bjuden in igen: ${input.message}` : 'Kommunen bjuden in igen', input.requestId);
    ctx.moveTo('inbjuden');
  });

  action('expressInterest', (input, actor) => {
    if (input.contact) state.contact = input.contact;
    ctx.note(actor, 'expressInterest', `Kommunen har anmält intresse${input.contact ? ` (kontaktperson ${input.contact.name})` : ''}`, input.requestId);
    ctx.moveTo('intresserad');
  });

  action('linkAdoption', (input, actor) => {
    if (input.arendeId) state.linkedArendeId = input.arendeId;
    if (input.diarienummer) state.linkedDiarienummer = input.diarienummer;
    ctx.note(actor, 'linkAdoption', `Kommunens beslut bereds i Beslutsflöde (ärende ${input.diarienummer ?? input.arendeId})`, input.requestId);
    ctx.moveTo('beslut_pagar');
  });

  action(
    'registerDecision',
    (input, actor) => {
      const { requestId: _r, actor: _a, ...decision } = input;
      ctx.applyDecision(decision, 'registrerat', actor, input.requestId);
    },
    (input) => {
      if (input.outcome === 'bifall') ctx.checkTerms({ reason: 'beslut', terms: input.terms ?? {} }, input.date);
    },
  );

  action(
    'signAgreement',
    (input, actor) => {
      const agreement = state.agreement as Agreement;
      agreement.signatures[input.party] = {
        name: input.signer.name,
        title: input.signer.title,
        at: ctx.now(),
        ...(input.signer.userId ? { userId: input.signer.userId } : {}),
      };
      ctx.note(
        actor,
        'signAgreement',
        `Avtalet version ${agreement.version} undertecknat av ${PARTY_LABELS[input.party]} (${input.signer.name}, ${input.signer.title})`,
        input.requestId,
      );
      if (agreement.signatures.kommun && agreement.signatures.skr) ctx.moveTo('kontotilldelning');
    },
    checkVersion,
  );

  action(
    'rejectAgreement',
    (input, actor) => {
      const agreement = state.agreement as Agreement;
      agreement.rejection = { party: input.party, comment: input.comment, at: ctx.now() };
      ctx.note(actor, 'rejectAgreement', `Avtalet version ${agreement.version} avvisat av ${PARTY_LABELS[input.party]}: ${input.comment}`, input.requestId);
      ctx.moveTo('avtal_avvisat');
    },
    checkVersion,
  );

  action(
    'reviseAgreement',
    (input, actor) => {
      state.nextAgreement = { reason: 'ny_version', terms: input.terms ?? {} };
      ctx.note(actor, 'reviseAgreement', `SKR skriver en ny version av avtalet${input.comment ? `: ${input.comment}` : ''}`, input.requestId);
      ctx.moveTo('avtal_forbereds');
    },
    (input) => ctx.checkTerms({ reason: 'ny_version', terms: input.terms ?? {} }),
  );

  // At the end of the period (domain/renewal.ts): fornya → a new agreement, uttrade → the municipality leaves.
  action(
    'decideRenewal',
    (input, actor) => {
      if (input.decision === 'uttrade') {
        ctx.note(actor, 'decideRenewal', `Kommunen träder ur programmet${input.comment ? `: ${input.comment}` : ''}`, input.requestId);
        ctx.nextDeadline = undefined;
        ctx.moveTo('avslutad');
        return;
      }
      state.nextAgreement = { reason: 'fornyelse', terms: input.terms ?? {} };
      ctx.note(actor, 'decideRenewal', `Anslutningen förnyas för en ny avtalsperiod${input.comment ? `: ${input.comment}` : ''}`, input.requestId);
      ctx.moveTo('avtal_forbereds');
    },
    (input) => {
      if (input.decision === 'fornya') ctx.checkTerms({ reason: 'fornyelse', terms: input.terms ?? {} });
    },
  );
}
