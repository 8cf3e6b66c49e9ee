import { createHash, randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { registerArendeSchema, type RegisterArende } from '../domain/arende';
import { adoptionWorkflow } from '../workflows/adoption';
import { registrationUpdate, stateQuery, type ArendeState } from '../workflows/messages';
import { DIARIENUMMER, KOMMUN, NAMND, STAGE, TITLE, PROGRAM } from '../workflows/search-attributes';
import type { ServerContext } from './context';
import { ApiError, parseOr400, validationError } from './http-errors';

/** The ärende use cases of the web process, all through Temporal: start, query, list. */

export interface ArendeSummary {
  id: string;
  kommunkod?: string;
  namnd?: string;
  diarienummer?: string;
  title?: string;
  stage?: string;
  program?: string;
  startedAt: string;
}

const ARENDE_ID = /^arende-[A-Za-z0-9_-]{8,80}$/;

export function parseRegistration(ctx: ServerContext, body: unknown): RegisterArende {
  const input = parseOr400(registerArendeSchema, body);
  if (!ctx.kommunName(input.kommunkod)) {
    throw validationError([{ field: 'kommunkod', rule: 'unknown_kommun', message: `kommunkoden ${input.kommunkod} finns inte bland Sveriges 290 kommuner` }]);
  }
  return input;
}

function arendeIdFor(input: RegisterArende): string {
  if (!input.requestId) return `arende-${randomUUID()}`;
  // The same request id from the same municipality is the same ärende.
  return `arende-${createHash('sha256').update(`${input.kommunkod}:${input.requestId}`).digest('hex').slice(0, 32)}`;
}

export async function registerArende(ctx: ServerContext, input: RegisterArende, actor: string) {
  const arendeId = arendeIdFor(input);
  const handle = await ctx.client.workflow.start(adoptionWorkflow, {
    workflowId: arendeId,
    taskQueue: ctx.taskQueue,
    args: [{ ...input, arendeId, registeredBy: actor, diarienummerPattern: ctx.diarienummerPattern(input.kommunkod) }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: [
      { key: KOMMUN, value: input.kommunkod },
      { key: NAMND, value: input.namnd.kod },
      { key: TITLE, value: input.title },
      { key: PROGRAM, value: input.program },
    ],
  });
  const { diarienummer } = await handle.executeUpdate(registrationUpdate, { updateId: `registration-${arendeId}` });
  return { id: arendeId, diarienummer };
}

export async function getArende(ctx: ServerContext, id: string): Promise<ArendeState> {
  if (!ARENDE_ID.test(id)) throw new ApiError(404, 'ARENDE_NOT_FOUND', 'Ärendet finns inte');
  try {
    return await ctx.client.workflow.getHandle(id).query(stateQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') {
      throw new ApiError(404, 'ARENDE_NOT_FOUND', 'Ärendet finns inte');
    }
    throw err;
  }
}

/** A visibility query; values are quoted so that no filter can change the query's shape. */
export async function listArenden(ctx: ServerContext, filter: { kommunkod?: string; namnd?: string; stage?: string } = {}) {
  const clauses = [`BfKind = 'arende'`];
  const quote = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (filter.kommunkod) clauses.push(`BfKommun = ${quote(filter.kommunkod)}`);
  if (filter.namnd) clauses.push(`BfNamnd = ${quote(filter.namnd)}`);
  if (filter.stage) clauses.push(`BfStage = ${quote(filter.stage)}`);
  const out: ArendeSummary[] = [];
  for await (const wf of ctx.client.workflow.list({ query: clauses.join(' AND ') })) {
    const sa = wf.typedSearchAttributes;
    out.push({
      id: wf.workflowId,
      kommunkod: sa.get(KOMMUN),
      namnd: sa.get(NAMND),
      diarienummer: sa.get(DIARIENUMMER),
      title: sa.get(TITLE),
      stage: sa.get(STAGE),
      program: sa.get(PROGRAM),
      startedAt: wf.startTime.toISOString(),
    });
  }
  return out;
}

export async function getDocumentPdf(ctx: ServerContext, arendeId: string, docId: string) {
  const state = await getArende(ctx, arendeId);
  const ref = state.documents.find((d) => d.id === docId);
  if (!ref) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Dokumentet finns inte i ärendet');
  const bytes = await ctx.store.getBytes(ref.sha256);
  if (!bytes) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Dokumentets fil saknas i dokumentlagret');
  return { ref, bytes };
}
