/**
 * An ärende that handed its decision over (state.agreementOwner) has its agreement, signatures, start, fee statements
 * and renewal in SKR's onboarding of the municipality and programme (workflows/onboarding.ts). This module reads
 * them from there (the onboarding's query, never a copy) for the ärende's page and API, and sends the municipality's
 * agreement actions taken on the ärende to the onboarding's updates (docs/process.md, "Who owns what").
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { ActionPayload } from '../domain/actions';
import { ONBOARDING_ALLOWED_ACTIONS, ONBOARDING_STAGE_LABELS, type OnboardingStage } from '../domain/onboarding-stages';
import type { Action } from '../domain/stages';
import { onboardingStateQuery, type OnboardingState } from '../workflows/onboarding-messages';
import type { ActionResult, ArendeState } from '../domain/arende-state';
import { signatoryOf, type Principal } from './auth/principal';
import type { ServerContext } from './context';
import { ApiError } from './http-errors';
import { executeOnboardingUpdate, onboardingActor } from './skr/onboarding';

/** The ärende's actions that the owner of the agreement takes over, and the onboarding action each becomes. */
const FORWARDED = { signAgreement: 'signAgreement', rejectAgreement: 'rejectAgreement', decideRenewal: 'decideRenewal' } as const;
type Forwarded = keyof typeof FORWARDED;

export function isForwarded(action: Action): action is Forwarded {
  return action in FORWARDED;
}

/** What the ärende shows of the owner: read from its query at every request. */
export interface AgreementHolderView {
  workflowId: string;
  stage: OnboardingStage;
  stageLabel: string;
  agreement?: OnboardingState['agreement'];
  feeStatements: OnboardingState['feeStatements'];
  documents: OnboardingState['documents'];
}

export type ArendeView = ArendeState & { agreementHolder?: AgreementHolderView };

export async function ownerState(ctx: ServerContext, state: ArendeState): Promise<OnboardingState | undefined> {
  if (!state.agreementOwner) return undefined;
  try {
    return await ctx.client.workflow.getHandle(state.agreementOwner.workflowId).query(onboardingStateQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') return undefined;
    throw err;
  }
}

/**
 * The ärende as the user sees it: the owner's agreement, fee statements and documents, and the agreement actions the
 * owner allows now (instead of the ärende's own, which it no longer serves).
 */
export async function withAgreementHolder(ctx: ServerContext, state: ArendeState): Promise<ArendeView> {
  const owner = await ownerState(ctx, state);
  if (!state.agreementOwner) return state;
  const ownerActions = owner ? ONBOARDING_ALLOWED_ACTIONS[owner.stage] : [];
  const allowedActions = state.allowedActions.filter((a) => !isForwarded(a) || ownerActions.includes(FORWARDED[a]));
  for (const a of Object.keys(FORWARDED) as Forwarded[]) {
    if (ownerActions.includes(FORWARDED[a]) && !allowedActions.includes(a) && state.stage !== 'avslutad') allowedActions.push(a);
  }
  const ownDocs = new Set(state.documents.map((d) => d.id));
  return {
    ...state,
    allowedActions,
    documents: [...state.documents, ...(owner?.documents ?? []).filter((d) => !ownDocs.has(d.id))],
    ...(owner
      ? {
          agreementHolder: {
            workflowId: owner.id,
            stage: owner.stage,
            stageLabel: ONBOARDING_STAGE_LABELS[owner.stage],
            ...(owner.agreement ? { agreement: owner.agreement } : {}),
            feeStatements: owner.feeStatements,
            documents: owner.documents,
          },
        }
      : {}),
  };
}

/**
 * A municipality's agreement action taken on a handed-over ärende, performed on the owner: the party is the
 * signed-in person's (checked before), the signature theirs, the version the one the owner has out for signature.
 */
export async function forwardToOwner<A extends Forwarded>(
  ctx: ServerContext,
  principal: Principal,
  state: ArendeState,
  action: A,
  payload: ActionPayload[A],
): Promise<ActionResult> {
  const owner = await ownerState(ctx, state);
  if (!owner) throw new ApiError(409, 'ACTION_NOT_ALLOWED_IN_STAGE', 'SKR:s anslutning som håller avtalet har inte startat ännu; försök igen om en stund.');
  const base = { requestId: payload.requestId, actor: onboardingActor(principal) };
  const version = owner.agreement?.version ?? 0;
  let input: Record<string, unknown>;
  let message: string;
  if (action === 'signAgreement') {
    const p = payload as ActionPayload['signAgreement'];
    input = { ...base, party: p.party, version, signer: signatoryOf(principal) };
    message = `Avtalet (version ${version}) undertecknat av ${principal.name} för ${p.party === 'skr' ? 'SKR' : 'kommunen'} i SKR:s anslutning`;
  } else if (action === 'rejectAgreement') {
    const p = payload as ActionPayload['rejectAgreement'];
    input = { ...base, party: p.party, version, comment: p.comment };
    message = `Avtalet (version ${version}) avvisat av ${p.party === 'skr' ? 'SKR' : 'kommunen'}: ${p.comment}`;
  } else {
    const p = payload as ActionPayload['decideRenewal'];
    input = {
      ...base,
      decision: p.decision,
      ...(p.comment ? { comment: p.comment } : {}),
      ...(p.newPeriodEnd ? { terms: { endDate: p.newPeriodEnd } } : {}),
    };
    message = p.decision === 'fornya' ? 'Beslut om förnyelse skickat till SKR:s anslutning' : 'Beslut om utträde skickat till SKR:s anslutning';
  }
  const result = (await executeOnboardingUpdate(ctx, state.kommunkod, state.program, FORWARDED[action], input as { requestId: string })) as
    { stage: string } | undefined;
  return {
    requestId: payload.requestId,
    action,
    stage: state.stage,
    message: `${message} (skede där: ${ONBOARDING_STAGE_LABELS[(result?.stage ?? owner.stage) as OnboardingStage]})`,
    documentIds: [],
    at: new Date().toISOString(),
  };
}
