/** The handlingar of an ärende as its handlingar workflow lists them (docs/attachments.md); read by pages and actions. */
import { WorkflowNotFoundError } from '@temporalio/client';
import { handlingarQuery, handlingarWorkflowId, type HandlingEntry } from '../workflows/handlingar-messages';
import type { ServerContext } from './context';
import { ApiError } from './http-errors';

/** No handlingar workflow yet: nothing registered. */
export async function listHandlingar(ctx: ServerContext, arendeId: string): Promise<HandlingEntry[]> {
  try {
    return (await ctx.client.workflow.getHandle(handlingarWorkflowId(arendeId)).query(handlingarQuery)).handlingar;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') return [];
    throw err;
  }
}

/** A referral's answer may name only a handling registered in the same ärende. */
export async function assertHandlingOf(ctx: ServerContext, arendeId: string, docId: string): Promise<void> {
  if (!(await listHandlingar(ctx, arendeId)).some((h) => h.document.id === docId)) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'Begäran innehåller fel i: documentId', [
      { field: 'documentId', rule: 'handling', message: 'ska vara en registrerad handling i ärendet' },
    ]);
  }
}
