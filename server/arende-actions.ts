import { createHash } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ACTION_SCHEMAS, type ActionPayload } from '../domain/actions';
import { compareIsoDates, isoDateFieldSchema, stockholmDate } from '../domain/iso-date';
import { ACTIONS, type Action } from '../domain/stages';
import { ACTION_UPDATES, stateQuery } from '../workflows/messages';
import type { ActionResult } from '../domain/arende-state';
import { computePlan, programmeStartOf } from '../domain/arende-plan';
import { targetProblem } from '../domain/planner';
import { actionRefusal, actorFor, partyOf, ROLE_LABELS, SIGNING_ACTIONS, signatoryOf, type Principal } from './auth/principal';
import { forwardToOwner, isForwarded, withAgreementHolder, type ArendeView } from './agreement-owner';
import type { ServerContext } from './context';
import { assertVisible, getArende } from './arenden';
import { checkOrgan } from './diarienummer';
import { assertHandlingOf } from './handlingar-list';
import { ApiError, parseOr400, validationError, type FieldError } from './http-errors';

/**
 * Human actions on an ärende (POST /api/arenden/:id/atgarder/:action): scope (404), role (403), the payload validated
 * with the action's schema (400), then the workflow's Update with updateId = requestId, so that the same request
 * sent twice is recorded once. The workflow's rejections keep their machine code:
 * VALIDATION_FAILED (INVALID_INPUT from workers before the one vocabulary) → 400 with fields; ACTION_NOT_ALLOWED_IN_STAGE, PRECONDITION_FAILED, REQUEST_ID_REUSED,
 * MINORITY_RULE_USED → 409.
 */

export function parseAction(name: string): Action {
  if (!(ACTIONS as readonly string[]).includes(name)) {
    throw new ApiError(404, 'UNKNOWN_ACTION', `Okänd åtgärd "${name}". Åtgärder: ${ACTIONS.join(', ')}`);
  }
  return name as Action;
}

export async function performAction(
  ctx: ServerContext,
  principal: Principal,
  id: string,
  actionName: string,
  body: unknown,
): Promise<{ result: ActionResult; state: ArendeView }> {
  const action = parseAction(actionName);
  await assertVisible(ctx, principal, id);
  // Wrong role, or a signature for the other party or without a signing right: 403 with a code, nothing changes.
  const refusal = actionRefusal(principal, action, body);
  if (refusal) throw new ApiError(refusal.status, refusal.code, refusal.message);
  const actor = actorFor(principal);
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  // A signature is the signed-in person's, for their own party, in the title of their signing right.
  const signing = SIGNING_ACTIONS.has(action) ? { party: raw.party ?? partyOf(principal) } : {};
  const signatory = action === 'signAgreement' ? { signatory: (({ name, title }) => ({ name, title }))(signatoryOf(principal)) } : {};
  const payload = parseOr400(ACTION_SCHEMAS[action], {
    ...raw,
    ...signing,
    ...signatory,
    actor: { name: actor.name, role: ROLE_LABELS[actor.role].toLocaleLowerCase('sv') },
  });
  // A joining nämnd is one of the municipality's configured organs, as at registration (issue 10 p. 3).
  if (action === 'joinNamnd' && principal.kommunkod) {
    const joining = payload as ActionPayload['joinNamnd'];
    joining.namnd = checkOrgan(ctx, principal.kommunkod, joining.namnd);
  }
  // An answer that arrived as a file names its handling, which must be one of this ärende's (server/handlingar.ts).
  if (action === 'recordReferralAnswer' && (payload as ActionPayload['recordReferralAnswer']).documentId) {
    await assertHandlingOf(ctx, id, (payload as ActionPayload['recordReferralAnswer']).documentId!);
  }
  const current = isForwarded(action) ? await getArende(ctx, principal, id) : undefined;
  const result =
    current?.agreementOwner && isForwarded(action)
      ? await forwardToOwner(ctx, principal, current, action, payload as never)
      : await executeAction(ctx, id, action, payload as ActionPayload[Action]);
  const state = await withAgreementHolder(ctx, await ctx.client.workflow.getHandle(id).query(stateQuery));
  return { result, state };
}

const CONFLICT_CODES = new Set(['ACTION_NOT_ALLOWED_IN_STAGE', 'PRECONDITION_FAILED', 'REQUEST_ID_REUSED', 'MINORITY_RULE_USED']);

/**
 * The update id: the request id plus a digest of the payload. The same request sent twice has the same id, so Temporal
 * itself answers the second with the first result; the same request id with another payload gets another update id,
 * so that it reaches the workflow's validator and is refused (REQUEST_ID_REUSED) instead of being silently answered
 * with the first result. (After continue-as-new the workflow's own memory of request ids answers.)
 */
export function updateIdFor(action: Action, payload: { requestId: string }): string {
  const digest = createHash('sha256')
    .update(`${action}:${JSON.stringify(payload)}`)
    .digest('hex')
    .slice(0, 16);
  return `${payload.requestId}.${digest}`;
}

/** The Update itself, with the workflow's rejections turned into ApiErrors. The payload must already be valid. */
export async function executeAction<A extends Action>(ctx: ServerContext, id: string, action: A, payload: ActionPayload[A]): Promise<ActionResult> {
  const handle = ctx.client.workflow.getHandle(id);
  try {
    return await handle.executeUpdate(ACTION_UPDATES[action] as never, { args: [payload] as never, updateId: updateIdFor(action, payload) });
  } catch (err) {
    throw toApiError(err);
  }
}

export function toApiError(err: unknown): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const failure = err.cause;
    const code = failure.type ?? 'VALIDATION_FAILED';
    const fields = (Array.isArray(failure.details?.[0]) ? failure.details[0] : []) as FieldError[];
    if (code === 'VALIDATION_FAILED' || code === 'INVALID_INPUT') return new ApiError(400, 'VALIDATION_FAILED', failure.message, fields);
    if (CONFLICT_CODES.has(code)) return new ApiError(409, code, failure.message, fields);
    return new ApiError(409, code, failure.message, fields);
  }
  const e = err as Error;
  if (e?.name === 'WorkflowNotFoundError' || /already completed|workflow execution.*(completed|closed)/i.test(e?.message ?? '')) {
    return new ApiError(409, 'ACTION_NOT_ALLOWED_IN_STAGE', 'Ärendet är avslutat; inga fler åtgärder kan registreras.');
  }
  return err;
}

const targetStartSchema = isoDateFieldSchema('Önskat startdatum').optional();

/** GET /api/arenden/:id/plan?targetStart=…: the planner for this ärende today (Europe/Stockholm), optionally another target. */
export async function planOf(ctx: ServerContext, principal: Principal, id: string, query: { targetStart?: unknown }, now = new Date()) {
  const targetStart = parseOr400(targetStartSchema, query.targetStart);
  const state = await getArende(ctx, principal, id);
  const today = stockholmDate(now);
  // A start that has passed, or before the programme starts, cannot be planned for (issue 10 point 11).
  const refused = targetStart ? targetProblem({ today, targetStart, programmeStart: programmeStartOf(state) }) : undefined;
  if (refused)
    throw validationError([
      { field: 'targetStart', rule: compareIsoDates(targetStart as string, today) < 0 ? 'in_past' : 'before_programme_start', message: refused },
    ]);
  const plan = computePlan(state, today, targetStart);
  if (!plan) throw new ApiError(409, 'PLAN_NOT_READY', 'Ärendets sammanträdesplaner är inte inlästa ännu; försök igen om en stund.');
  return { today, stage: state.stage, targetStart: targetStart ?? state.policy.targetStart, ...plan };
}
