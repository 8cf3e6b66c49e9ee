import { createHash, randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type WorkflowExecutionDescription } from '@temporalio/client';
import { registerArendeSchema, type RegisterArende } from '../domain/arende';
import { stockholmDate } from '../domain/iso-date';
import { programmeById, startDateProblems } from '../domain/programmes';
import { adoptionWorkflow } from '../workflows/adoption';
import { registrationUpdate, stateQuery, type ArendeState } from '../workflows/messages';
import { withAgreementHolder, type ArendeView } from './agreement-owner';
import { canRegister, canSee, ROLE_LABELS, type Principal } from './auth/principal';
import { KOMMUN, NAMND, PROGRAM, TITLE } from '../workflows/search-attributes';
import type { ServerContext } from './context';
import { ApiError, parseOr400, validationError } from './http-errors';

/**
 * The ärende use cases of the web process, all through Temporal: start and query (the list: server/arendelista.ts). Every one takes the signed-in
 * principal and enforces its scope here, so that the API and the pages cannot differ: a list only holds the
 * principal's municipality (and nämnder), and an ärende outside it answers 404 (its existence is not revealed).
 */

const ARENDE_ID = /^arende-[A-Za-z0-9_-]{8,80}$/;

const NOT_FOUND = () => new ApiError(404, 'ARENDE_NOT_FOUND', 'Ärendet finns inte');

/** How the signed-in user is written in an ärende's history: "Sara Sekreterare (nämndsekreterare)". */
export function actorName(p: Principal): string {
  return `${p.name} (${ROLE_LABELS[p.role].toLocaleLowerCase('sv')})`;
}

export function parseRegistration(ctx: ServerContext, body: unknown, now = new Date()): RegisterArende {
  const input = parseOr400(registerArendeSchema, body);
  if (!ctx.kommunName(input.kommunkod)) {
    throw validationError([{ field: 'kommunkod', rule: 'unknown_kommun', message: `kommunkoden ${input.kommunkod} finns inte bland Sveriges 290 kommuner` }]);
  }
  // A wished start in the past, or before the programme's period allows, is refused (domain/programmes.ts).
  if (input.targetStart) {
    const problems = startDateProblems(programmeById(input.program), input.targetStart, stockholmDate(now));
    if (problems.length > 0) throw validationError(problems.map((message) => ({ field: 'targetStart', rule: 'invalid', message })));
  }
  return input;
}

function arendeIdFor(input: RegisterArende): string {
  if (!input.requestId) return `arende-${randomUUID()}`;
  // The same request id from the same municipality is the same ärende.
  return `arende-${createHash('sha256').update(`${input.kommunkod}:${input.requestId}`).digest('hex').slice(0, 32)}`;
}

/** Registers an ärende for the principal's own municipality and nämnd (validate first: parseRegistration). */
export async function registerArende(ctx: ServerContext, principal: Principal, input: RegisterArende) {
  if (!canRegister(principal, input.kommunkod, input.namnd.kod)) {
    throw new ApiError(403, 'FORBIDDEN_SCOPE', 'Du får bara registrera ärenden för din egen kommun och dina nämnder', [
      { field: principal.kommunkod === input.kommunkod ? 'namnd.kod' : 'kommunkod', rule: 'outside_scope', message: 'ligger utanför din behörighet' },
    ]);
  }
  const arendeId = arendeIdFor(input);
  const handle = await ctx.client.workflow.start(adoptionWorkflow, {
    workflowId: arendeId,
    taskQueue: ctx.taskQueue,
    args: [{ ...input, arendeId, registeredBy: actorName(principal), diarienummerPattern: ctx.diarienummerPattern(input.kommunkod) }],
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

/** The state of an ärende the principal may see; 404 otherwise (also for malformed ids). */
export async function getArende(ctx: ServerContext, principal: Principal, id: string): Promise<ArendeView> {
  if (!ARENDE_ID.test(id)) throw NOT_FOUND();
  let state: ArendeState;
  try {
    state = await ctx.client.workflow.getHandle(id).query(stateQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') throw NOT_FOUND();
    throw err;
  }
  if (!canSee(principal, { kommunkod: state.kommunkod, namnd: state.namnd?.kod })) throw NOT_FOUND();
  // After the handover the agreement, the fees and their documents are read from their owner (SKR's onboarding).
  return withAgreementHolder(ctx, state);
}

/**
 * 404 unless the principal may see the ärende, from the search attributes the registration gave its workflow
 * (DescribeWorkflowExecution: answered by the server alone). A state query goes through the worker, which must replay
 * the ärende when it is not in its cache (400 of 1 000 open ones were): the check before an action is one such round
 * trip less. Should the attributes be missing, the state decides, as in getArende.
 */
export async function assertVisible(ctx: ServerContext, principal: Principal, id: string): Promise<void> {
  if (!ARENDE_ID.test(id)) throw NOT_FOUND();
  let description: WorkflowExecutionDescription;
  try {
    description = await ctx.client.workflow.getHandle(id).describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') throw NOT_FOUND();
    throw err;
  }
  const kommunkod = description.typedSearchAttributes.get(KOMMUN);
  if (kommunkod === undefined) {
    await getArende(ctx, principal, id);
    return;
  }
  const namnd = description.typedSearchAttributes.get(NAMND);
  if (description.type !== adoptionWorkflow.name || !canSee(principal, { kommunkod, namnd })) throw NOT_FOUND();
}

export async function getDocumentPdf(ctx: ServerContext, principal: Principal, arendeId: string, docId: string) {
  const state = await getArende(ctx, principal, arendeId);
  const ref = state.documents.find((d) => d.id === docId);
  if (!ref) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Dokumentet finns inte i ärendet');
  const bytes = await ctx.store.getBytes(ref.sha256);
  if (!bytes) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Dokumentets fil saknas i dokumentlagret');
  return { ref, bytes };
}

/**
 * The PDF/A-2b archive copy of a final document (made in the process: workflows/context.ts archive), read from the
 * register. 404 ARCHIVE_COPY_NOT_FOUND for an utkast, a document from before the process archived, or one still under way.
 */
export async function getArchivePdf(ctx: ServerContext, principal: Principal, arendeId: string, docId: string) {
  const state = await getArende(ctx, principal, arendeId);
  const ref = state.documents.find((d) => d.id === docId);
  if (!ref) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Dokumentet finns inte i ärendet');
  const sha256 = ref.archived?.sha256 ?? (await ctx.store.getRecord(ref.id))?.archival?.sha256;
  const bytes = sha256 ? await ctx.store.getBytes(sha256) : undefined;
  if (!sha256 || !bytes) {
    const why = ref.status === 'utkast' ? 'ett utkast arkiveras inte' : 'arkivexemplaret är inte skapat (ännu)';
    throw new ApiError(404, 'ARCHIVE_COPY_NOT_FOUND', `Dokumentet har inget arkivexemplar (PDF/A): ${why}`);
  }
  return { ref, sha256, bytes };
}
