/**
 * The messages of the adoption workflow: its updates, queries and signals. server/ and cli/ import these
 * definitions without importing the workflow code; the types they carry are the ärende's model (domain/arende-state.ts).
 */
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActionInput } from '../domain/actions';
import type { ActionResult, AgreementProgress, ArendeState } from '../domain/arende-state';
import { ACTIONS, type Action } from '../domain/stages';

export const agreementProgressSignal = defineSignal<[AgreementProgress]>('agreementProgress');

export const stateQuery = defineQuery<ArendeState>('state');

/** Resolves once the ärende has its diarienummer (drawn from the diarium at registration). */
export const registrationUpdate = defineUpdate<{ diarienummer: string }>('registration');

/** One update per action, named by the action id; the argument is the action's payload (domain/actions.ts). */
export const ACTION_UPDATES = Object.fromEntries(ACTIONS.map((a) => [a, defineUpdate<ActionResult, [unknown]>(a)])) as {
  [A in Action]: UpdateDefinition<ActionResult, [ActionInput[A]]>;
};
