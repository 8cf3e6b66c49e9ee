import { createHash, randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { bulkOperationWorkflow } from '../../workflows/bulk-operation';
import { bulkProgressQuery, bulkWorkflowId, type BulkFilter, type BulkProgress } from '../../workflows/onboarding-messages';
import type { ServerContext } from '../context';
import { ApiError, parseOr400 } from '../http-errors';
import { bulkBodySchema } from './schemas';

/** The id of the bulk operation started with this requestId (the same requestId is the same operation). */
export function bulkIdFor(requestId: string): string {
  return createHash('sha256').update(`bulk:${requestId}`).digest('hex').slice(0, 24);
}

/**
 * Bulk operations from the web (the CLI starts the same workflow): a Temporal workflow per operation, so that it
 * survives restarts and reports its progress by query. The same requestId twice is one operation.
 */
export async function startBulk(
  ctx: ServerContext,
  input: { requestId?: string; program: string; filter: BulkFilter; message?: string },
  actor: { name: string; role?: string },
): Promise<{ id: string; progress: BulkProgress | undefined }> {
  // The page's form too, not only the API: the invitation's text is printed (issue 10 p. 12).
  if (input.message !== undefined) parseOr400(bulkBodySchema.pick({ message: true }), { message: input.message });
  const id = input.requestId ? bulkIdFor(input.requestId) : randomUUID().replace(/-/g, '').slice(0, 24);
  const handle = await ctx.client.workflow.start(bulkOperationWorkflow, {
    workflowId: bulkWorkflowId(id),
    taskQueue: ctx.taskQueue,
    args: [{ bulkId: id, action: 'invite', program: input.program, filter: input.filter, actor, ...(input.message ? { message: input.message } : {}) }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  const progress = await handle.query(bulkProgressQuery).catch(() => undefined);
  return { id, progress };
}

export async function bulkProgress(ctx: ServerContext, id: string): Promise<BulkProgress> {
  if (!/^[a-f0-9]{24}$/.test(id)) throw new ApiError(404, 'BULK_NOT_FOUND', 'Massåtgärden finns inte');
  try {
    return await ctx.client.workflow.getHandle(bulkWorkflowId(id)).query(bulkProgressQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') {
      throw new ApiError(404, 'BULK_NOT_FOUND', 'Massåtgärden finns inte');
    }
    throw err;
  }
}

/** The most recent bulk operations (visibility), newest first. */
export async function recentBulks(ctx: ServerContext, limit = 10): Promise<Array<{ id: string; startedAt: string; running: boolean }>> {
  const out: Array<{ id: string; startedAt: string; running: boolean }> = [];
  for await (const wf of ctx.client.workflow.list({ query: `BfKind = 'massatgard'` })) {
    out.push({ id: wf.workflowId.replace(/^massatgard-/, ''), startedAt: wf.startTime.toISOString(), running: wf.status.name === 'RUNNING' });
  }
  return out.sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1)).slice(0, limit);
}
