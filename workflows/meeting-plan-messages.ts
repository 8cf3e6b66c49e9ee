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
  /** Carried over continue-as-new; absent in older runs. */
  history?: MeetingPlanChange[];
}

/**
 * One change of the plan in its audit history (issue 15 p. 5): who, when (the workflow's time of the update), the
 * version it made, and — for a change that re-planned other ärenden — that it was confirmed and what the summary said.
 */
export interface MeetingPlanChange {
  version: number;
  at: string;
  by: string;
  /** The ärenden the change re-planned (confirmed by `by`), as "diarienummer titel"; absent when it re-planned none. */
  replanned?: string[];
  summary?: string;
}

/** The history keeps the most recent changes. */
export const MEETING_PLAN_HISTORY_LIMIT = 50;

export interface StoredMeetingPlan {
  plan?: MeetingPlan;
  version: number;
  updatedAt?: string;
  /** Newest last; absent in runs started before the history existed (and for changes made without an author). */
  history?: MeetingPlanChange[];
}

/** Who makes a change (the web app); older callers send only the plan. */
export interface MeetingPlanChangeBy {
  by: string;
  replanned?: string[];
  summary?: string;
}

/** Replaces the whole plan; validated with domain/meetings.ts meetingPlanSchema (ApplicationFailure VALIDATION_FAILED). */
export const replaceMeetingPlanUpdate = defineUpdate<StoredMeetingPlan, [MeetingPlan, MeetingPlanChangeBy | undefined]>('replaceMeetingPlan');
export const meetingPlanQuery = defineQuery<StoredMeetingPlan>('meetingPlan');

export function meetingPlanWorkflowId(kommunkod: string, organ: string): string {
  return `sammantradesplan-${kommunkod}-${organ}`;
}

/** Starts the plan's workflow if needed and replaces its plan. Throws WorkflowUpdateFailedError when the plan is invalid. */
export async function saveMeetingPlan(
  client: Client,
  taskQueue: string,
  kommunkod: string,
  plan: MeetingPlan,
  change?: MeetingPlanChangeBy,
): Promise<StoredMeetingPlan> {
  const workflowId = meetingPlanWorkflowId(kommunkod, plan.organ);
  const handle = await client.workflow.start('meetingPlanWorkflow', {
    workflowId,
    taskQueue,
    args: [{ kommunkod, organ: plan.organ } satisfies MeetingPlanInput],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return handle.executeUpdate(replaceMeetingPlanUpdate, { args: (change ? [plan, change] : [plan]) as [MeetingPlan, MeetingPlanChangeBy | undefined] });
}

/** The stored plan with its version and history, or undefined when the body has none yet. */
export async function readStoredMeetingPlan(client: Client, kommunkod: string, organ: string): Promise<StoredMeetingPlan | undefined> {
  try {
    return await client.workflow.getHandle(meetingPlanWorkflowId(kommunkod, organ)).query(meetingPlanQuery);
  } catch (err) {
    if ((err as Error).name === 'WorkflowNotFoundError') return undefined;
    throw err;
  }
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
