import { createHash, randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { bulkOperationWorkflow } from '../../workflows/bulk-operation';
import { bulkProgressQuery, bulkWorkflowId, type BulkFilter, type BulkProgress } from '../../workflows/onboarding-messages';
import type { Registry } from '../../domain/municipalities';
import { selectMunicipalities } from '../../domain/onboarding-stages';
import { programmeById } from '../programmes';
import { svCount } from '../../domain/text';
import type { BulkConfirmation } from '../../workflows/onboarding-messages';
import { checkConfirmation, confirmationFor, confirmationRequired, type Confirmation } from '../confirmation';
import type { ServerContext } from '../context';
import { ApiError, parseOr400 } from '../http-errors';
import { stagesOf } from './onboarding';
import { bulkBodySchema } from './schemas';

type BulkRequest = { requestId?: string; program: string; filter: BulkFilter; message?: string };

/** A bulk operation reaches the whole country when it names neither a county nor municipalities (issue 15 p. 5). */
export function reachesWholeCountry(filter: BulkFilter): boolean {
  return !filter.lanskod && !(filter.kommunkoder && filter.kommunkoder.length > 0);
}

/**
 * The whole country's bulk operation needs a confirmation (server/confirmation.ts): what it will do, counted now, and a
 * token bound to exactly this request. Returns what the audit keeps (who, when, what) once confirmed; undefined when
 * the operation needs none. Throws 428 CONFIRMATION_REQUIRED with the summary otherwise (nothing is started).
 */
export async function confirmBulk(
  ctx: ServerContext,
  registry: Registry,
  input: BulkRequest,
  who: { userId: string; name: string },
  token: unknown,
): Promise<BulkConfirmation | undefined> {
  if (!reachesWholeCountry(input.filter)) return undefined;
  // A request that would be refused anyway is refused before it is summarised (the page's form: the printed text).
  if (input.message !== undefined) parseOr400(bulkBodySchema.pick({ message: true }), { message: input.message });
  const stages = await stagesOf(ctx, input.program);
  const chosen = selectMunicipalities(registry.all(), stages, input.filter);
  const byLan = registry
    .lans()
    .map((l) => ({ lan: l.lan, count: chosen.filter((m) => m.lanskod === l.lanskod).length }))
    .filter((l) => l.count > 0);
  const summary: Confirmation['summary'] = {
    message:
      `${svCount(chosen.length, 'kommun', 'kommuner')} i hela landet, i ${svCount(byLan.length, 'län', 'län')}, bjuds in till ${programmeById(input.program).name}` +
      `${input.message ? ' med ditt meddelande' : ''}; kommuner med en pågående anslutning hoppas över.`,
    count: chosen.length,
    items: byLan.map((l) => `${l.lan}: ${svCount(l.count, 'kommun', 'kommuner')}`),
  };
  const request = { ...input, message: input.message ?? '', requestId: input.requestId ?? '', count: chosen.length };
  const outcome = checkConfirmation(ctx, 'massatgard', who.userId, request, token);
  if (outcome !== 'ok') throw confirmationRequired(outcome, confirmationFor(ctx, 'massatgard', who.userId, request, summary));
  return { by: who.name, at: new Date().toISOString(), summary: summary.message };
}

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
  input: BulkRequest,
  actor: { name: string; role?: string },
  confirmation?: BulkConfirmation,
): Promise<{ id: string; progress: BulkProgress | undefined }> {
  // The page's form too, not only the API: the invitation's text is printed (issue 10 p. 12).
  if (input.message !== undefined) parseOr400(bulkBodySchema.pick({ message: true }), { message: input.message });
  const id = input.requestId ? bulkIdFor(input.requestId) : randomUUID().replace(/-/g, '').slice(0, 24);
  const handle = await ctx.client.workflow.start(bulkOperationWorkflow, {
    workflowId: bulkWorkflowId(id),
    taskQueue: ctx.taskQueue,
    args: [
      {
        bulkId: id,
        action: 'invite',
        program: input.program,
        filter: input.filter,
        actor,
        ...(input.message ? { message: input.message } : {}),
        ...(confirmation ? { confirmation } : {}),
      },
    ],
    workflowIdConflictPolicy: 'USE_EXISTING',
    // The audit list of the bulk page reads who confirmed from the memo (no query per operation).
    ...(confirmation ? { memo: { bekraftadAv: confirmation.by, bekraftadTid: confirmation.at } } : {}),
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
export async function recentBulks(
  ctx: ServerContext,
  limit = 10,
): Promise<Array<{ id: string; startedAt: string; running: boolean; confirmedBy?: string; confirmedAt?: string }>> {
  const out: Array<{ id: string; startedAt: string; running: boolean; confirmedBy?: string; confirmedAt?: string }> = [];
  for await (const wf of ctx.client.workflow.list({ query: `BfKind = 'massatgard'` })) {
    const memo = (wf.memo ?? {}) as { bekraftadAv?: unknown; bekraftadTid?: unknown };
    out.push({
      id: wf.workflowId.replace(/^massatgard-/, ''),
      startedAt: wf.startTime.toISOString(),
      running: wf.status.name === 'RUNNING',
      ...(typeof memo.bekraftadAv === 'string' ? { confirmedBy: memo.bekraftadAv } : {}),
      ...(typeof memo.bekraftadTid === 'string' ? { confirmedAt: memo.bekraftadTid } : {}),
    });
  }
  return out.sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1)).slice(0, limit);
}
