/**
 * The onboarding workflow seen from a Temporal client (the web app, the CLI and the bulk operation's activities):
 * invite one municipality, read every onboarding's stage from visibility.
 */
import type { Client } from '@temporalio/client';
import type { Programme } from '../domain/programmes';
import {
  CONNECTED_BY_IMPORT,
  isConnected,
  isInvitable,
  isOnboardingStage,
  NOT_INVITED,
  type OnboardingStage,
  type OnboardingStatus,
} from '../domain/onboarding-stages';
import { importedConnections } from './registry';
import { inviteUpdate, onboardingStateQuery, onboardingWorkflowId, type BulkItemOutcome, type OnboardingInput } from '../workflows/onboarding-messages';
import { KIND, KOMMUN, LAN, PROGRAM, STAGE } from '../workflows/search-attributes';

/**
 * The stage of every running onboarding of a programme, by kommunkod (from visibility). The onboarding owns the
 * agreement; an ärende that signed its own agreement before the owner was the onboarding (a legacy run, docs/process.md)
 * and is waiting for its start or active is reported through its own stage where the onboarding does not show the
 * municipality as connected, so that the overview, the county counts and bulk invitations see it as connected.
 */
export async function onboardingStages(client: Client, program: string): Promise<Map<string, OnboardingStage>> {
  const p = program.replace(/'/g, '');
  const query = `BfKind = 'anslutning' AND BfProgram = '${p}' AND ExecutionStatus = 'Running'`;
  const stages = new Map<string, OnboardingStage>();
  for await (const wf of client.workflow.list({ query })) {
    const kod = wf.typedSearchAttributes.get(KOMMUN);
    const stage = wf.typedSearchAttributes.get(STAGE);
    if (kod && stage && isOnboardingStage(stage)) stages.set(kod, stage);
  }
  const signedArenden = `BfKind = 'arende' AND BfProgram = '${p}' AND BfStage IN ('vantar_start', 'aktiv') AND ExecutionStatus = 'Running'`;
  for await (const wf of client.workflow.list({ query: signedArenden })) {
    const kod = wf.typedSearchAttributes.get(KOMMUN);
    const stage = wf.typedSearchAttributes.get(STAGE);
    if (kod && (stage === 'vantar_start' || stage === 'aktiv') && !isConnected(stages.get(kod) ?? NOT_INVITED)) stages.set(kod, stage);
  }
  return stages;
}

/**
 * Every municipality's status in a programme, by kommunkod: the stage of its onboarding in Beslutsflöde, else
 * "ansluten enligt import" when SKR's imported connection status says connected (issue 15 p. 6). The onboarding takes
 * precedence: it is the newer and the more exact record. Absent: not invited. The dashboard, the county counts and
 * the bulk operations' selection all read this.
 */
export async function onboardingStatuses(client: Client, program: string): Promise<Map<string, OnboardingStatus>> {
  const [stages, imported] = await Promise.all([onboardingStages(client, program), importedConnections(client, program)]);
  const statuses = new Map<string, OnboardingStatus>(stages);
  for (const [kod, c] of imported) if (c.status === 'ansluten' && !statuses.has(kod)) statuses.set(kod, CONNECTED_BY_IMPORT);
  return statuses;
}

export interface InviteRequest {
  kommunkod: string;
  program: string;
  /** Idempotency: the same requestId for the same municipality invites once. */
  requestId: string;
  actor: { name: string; role?: string };
  message?: string;
  /** The programme's validated definition, kept by the onboarding it starts (configured programmes: runtime/programmes.ts). */
  programme?: Programme;
}

/**
 * Invites one municipality: starts its onboarding, or invites it again when it declined or left earlier. An
 * onboarding already under way is left alone ('redan_pagaende'). Safe to repeat with the same requestId.
 */
export async function inviteOne(client: Client, taskQueue: string, req: InviteRequest): Promise<{ outcome: BulkItemOutcome; stage: OnboardingStage }> {
  const workflowId = onboardingWorkflowId(req.kommunkod, req.program);
  const invitation = { requestId: req.requestId, actor: req.actor, ...(req.message ? { message: req.message } : {}) };
  // Started by its type name, as the activities do: a client imports the messages, never the workflow code.
  const args: [OnboardingInput] = [{ kommunkod: req.kommunkod, program: req.program, invitation, ...(req.programme ? { programme: req.programme } : {}) }];
  const handle = await client.workflow.start('onboardingWorkflow', {
    workflowId,
    taskQueue,
    args,
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: [
      { key: KIND, value: 'anslutning' },
      { key: KOMMUN, value: req.kommunkod },
      { key: LAN, value: req.kommunkod.slice(0, 2) },
      { key: PROGRAM, value: req.program },
      { key: STAGE, value: 'inbjuden' },
    ],
  });
  const state = await handle.query(onboardingStateQuery);
  if (state.requests.some(([id]) => id === req.requestId)) return { outcome: 'inbjuden', stage: state.stage };
  if (isInvitable(state.stage)) {
    const result = await handle.executeUpdate(inviteUpdate, { args: [{ ...invitation }], updateId: req.requestId });
    return { outcome: 'inbjuden', stage: result.stage };
  }
  return { outcome: 'redan_pagaende', stage: state.stage };
}
