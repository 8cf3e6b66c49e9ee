/**
 * The messages of the meeting-plan entity workflow (one per municipality and body: `sammantradesplan-<kommunkod>-<organ>`)
 * and client helpers to read and replace a plan. server/, activities/ and cli/ import this file; it holds no workflow code.
 */
import type { Client } from '@temporalio/client';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { MeetingPlan } from '../domain/meetings';

export interface MeetingPlanInput {
  kommunkod: string;
  /** The body's code: the nämnd's diarieserie (e.g. SN), KS or KF. */
  organ: string;
  plan?: MeetingPlan;
  /** Carried over continue-as-new. */
  version?: number;
}

export interface StoredMeetingPlan {
  plan?: MeetingPlan;
  version: number;
  updatedAt?: string;
}

/** Replaces the whole plan; validated with domain/meetings.ts meetingPlanSchema (ApplicationFailure VALIDATION_FAILED). */
export const replaceMeetingPlanUpdate = defineUpdate<StoredMeetingPlan, [MeetingPlan]>('replaceMeetingPlan');
export const meetingPlanQuery = defineQuery<StoredMeetingPlan>('meetingPlan');

export function meetingPlanWorkflowId(kommunkod: string, organ: string): string {
  return `sammantradesplan-${kommunkod}-${organ}`;
}

/** Starts the plan's workflow if needed and replaces its plan. Throws WorkflowUpdateFailedError when the plan is invalid. */
export async function saveMeetingPlan(client: Client, taskQueue: string, kommunkod: string, plan: MeetingPlan): Promise<StoredMeetingPlan> {
  const workflowId = meetingPlanWorkflowId(kommunkod, plan.organ);
  const handle = await client.workflow.start('meetingPlanWorkflow', {
    workflowId,
    taskQueue,
    args: [{ kommunkod, organ: plan.organ } satisfies MeetingPlanInput],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return handle.executeUpdate(replaceMeetingPlanUpdate, { args: [plan] });
}

/** The stored plan, or undefined when the body has none yet. */
export async function readMeetingPlan(client: Client, kommunkod: string, organ: string): Promise<MeetingPlan | undefined> {
  try {
    const stored = await client.workflow.getHandle(meetingPlanWorkflowId(kommunkod, organ)).query(meetingPlanQuery);
    return stored.plan;
  } catch (err) {
    if ((err as Error).name === 'WorkflowNotFoundError') return undefined;
    throw err;
  }
}
