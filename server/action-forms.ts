import { randomUUID } from 'node:crypto';
import { ACTION_SCHEMAS } from '../domain/actions';
import { ACTION_LABELS, ALLOWED_ACTIONS, type Action } from '../domain/stages';
import type { ArendeState } from '../domain/arende-state';
import { canAct, type Principal } from './auth/principal';
import type { FieldError } from './http-errors';
import { describeForm, errorSummary, fieldErrorsToForm, pathLabel, payloadToForm, renderFields, type FieldSpec } from './forms/zod-form';

/** The form of each action, built from its schema in domain/actions.ts (the one the API and the workflow validate). */
const SPECS = new Map<Action, FieldSpec[]>();

export function actionFormSpec(action: Action): FieldSpec[] {
  let spec = SPECS.get(action);
  if (!spec) {
    spec = describeForm(ACTION_SCHEMAS[action], { rows: action === 'sendReferrals' ? 4 : 3 });
    SPECS.set(action, spec);
  }
  return spec;
}

/** Per-ärende adjustments: the referral answer picks among the referrals still open. */
function adapt(action: Action, spec: FieldSpec[], state: ArendeState): FieldSpec[] {
  // A signature is the signed-in person's, for their own party: no fields for who signs or for which party.
  if (action === 'signAgreement' || action === 'rejectAgreement') return spec.filter((f) => f.key !== 'party' && f.key !== 'signatory');
  if (action === 'recordReferralAnswer' && state.referrals?.length) {
    const open = state.referrals.filter((r) => !r.answer).map((r) => r.recipient);
    // An answer that arrived as a file is registered with the file (the handlingar form), not by document id here.
    return spec
      .filter((f) => f.key !== 'documentId')
      .map((f) => (f.key === 'recipient' && f.kind === 'text' ? { ...f, kind: 'choice' as const, options: open } : f));
  }
  return spec;
}

/** Initial values from the state where the form edits something that exists (the draft). */
function initialValues(action: Action, spec: FieldSpec[], state: ArendeState): Record<string, string> {
  if (action === 'reviseDraft' && state.draft) return payloadToForm(spec, { tjansteutlatande: state.draft.content });
  return {};
}

export function actionsAllowedNow(state: ArendeState): Action[] {
  return (state.allowedActions ?? ALLOWED_ACTIONS[state.stage] ?? []) as Action[];
}

export interface ActionFormState {
  action: Action;
  values: Record<string, string>;
  fields: FieldError[];
  message?: string;
}

/** The render model of the action forms the principal may use now; `failed` is the one just posted with errors. */
export function actionForms(state: ArendeState, principal: Principal, failed?: ActionFormState) {
  return actionsAllowedNow(state)
    .filter((a) => canAct(principal, a))
    .map((action) => {
      const formId = `atgard-${action}`;
      const spec = adapt(action, actionFormSpec(action), state);
      const isFailed = failed?.action === action;
      const values = isFailed ? failed.values : initialValues(action, spec, state);
      const { byField, other } = isFailed ? fieldErrorsToForm(spec, failed.fields) : { byField: {}, other: [] };
      const errors = isFailed
        ? [
            ...(failed.message && failed.fields.length === 0 ? [{ message: failed.message }] : []),
            ...errorSummary(formId, spec, byField),
            ...other.map((f) => ({ label: pathLabel(f.field), message: f.message })),
          ]
        : [];
      return {
        action,
        formId,
        label: ACTION_LABELS[action],
        open: isFailed,
        requestId: (isFailed && failed.values.requestId) || randomUUID(),
        errors,
        fields: renderFields(formId, spec, values, byField),
      };
    });
}

/** Flat form body → the action's payload (without actor: the server adds the signed-in user). */
export { formToPayload } from './forms/zod-form';
