import { createHash, randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { registerArendeSchema, type RegisterArende } from '../domain/arende';
import { stockholmDate } from '../domain/iso-date';
import { adoptionWorkflow } from '../workflows/adoption';
import { registrationUpdate, stateQuery, type ArendeState } from '../workflows/messages';
import { DIARIENUMMER, KOMMUN, NAMND, NEXT_DEADLINE, STAGE, TITLE, PROGRAM } from '../workflows/search-attributes';
import { canRegister, canSee, ROLE_LABELS, type Principal } from './auth/principal';
import type { ServerContext } from './context';
import { ApiError, parseOr400, validationError } from './http-errors';

/**
 * The ärende use cases of the web process, all through Temporal: start, query, list. Every one takes the signed-in
 * principal and enforces its scope here, so that the API and the pages cannot differ: a list only holds the
 * principal's municipality (and nämnder), and an ärende outside it answers 404 (its existence is not revealed).
 */

export interface ArendeSummary {
  id: string;
  kommunkod?: string;
  namnd?: string;
  diarienummer?: string;
  title?: string;
  stage?: string;
  program?: string;
  /** The nearest open deadline (BfNextDeadline), ISO 8601, and its date in Europe/Stockholm. */
  nextDeadline?: string;
  nextDeadlineDate?: string;
  /** True when the nearest deadline's date has passed (Europe/Stockholm). */
  overdue: boolean;
  startedAt: string;
}

export interface ArendeFilter {
  namnd?: string;
  stage?: string;
  /** Any of these stages. */
  stages?: readonly string[];
  /** Only ärenden whose next deadline has passed. */
  overdue?: boolean;
  /** Free text: words that must all occur in the title or the diarienummer (case-insensitive). */
  q?: string;
  /** SKR administrators only: one municipality. */
  kommunkod?: string;
}

const ARENDE_ID = /^arende-[A-Za-z0-9_-]{8,80}$/;

const NOT_FOUND = () => new ApiError(404, 'ARENDE_NOT_FOUND', 'Ärendet finns inte');

/** How the signed-in user is written in an ärende's history: "Sara Sekreterare (nämndsekreterare)". */
export function actorName(p: Principal): string {
  return `${p.name} (${ROLE_LABELS[p.role].toLocaleLowerCase('sv')})`;
}

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
export async function getArende(ctx: ServerContext, principal: Principal, id: string): Promise<ArendeState> {
  if (!ARENDE_ID.test(id)) throw NOT_FOUND();
  let state: ArendeState;
  try {
    state = await ctx.client.workflow.getHandle(id).query(stateQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') throw NOT_FOUND();
    throw err;
  }
  if (!canSee(principal, { kommunkod: state.kommunkod, namnd: state.namnd?.kod })) throw NOT_FOUND();
  return state;
}

const quote = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The visibility query of a list: the principal's scope first, then the filters (all values quoted). */
export function listQuery(principal: Principal, filter: ArendeFilter = {}): string {
  // An ärende that continued as new (once per fee year in aktiv) has a closed run per year: only its latest run is listed.
  const clauses = [`BfKind = 'arende'`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (principal.role === 'skr_admin') {
    if (filter.kommunkod) clauses.push(`BfKommun = ${quote(filter.kommunkod)}`);
  } else {
    clauses.push(`BfKommun = ${quote(principal.kommunkod ?? '-')}`);
    if (principal.namnder) clauses.push(`BfNamnd IN (${principal.namnder.map(quote).join(', ')})`);
  }
  if (filter.namnd) clauses.push(`BfNamnd = ${quote(filter.namnd)}`);
  if (filter.stage) clauses.push(`BfStage = ${quote(filter.stage)}`);
  if (filter.stages?.length) clauses.push(`BfStage IN (${filter.stages.map(quote).join(', ')})`);
  return clauses.join(' AND ');
}

/**
 * The ärenden the principal may see, nearest deadline first (none last). Scope, nämnd and stage are in the
 * visibility query; free text and "overdue" are applied to the result, which is one municipality's ärenden.
 * Only search attributes are read (no query per ärende); the dates of the deadlines are converted once per distinct
 * value (docs/benchmarks.md: at 10 000 rows the conversion was most of the time).
 */
export async function listArenden(ctx: ServerContext, principal: Principal, filter: ArendeFilter = {}, now = new Date()): Promise<ArendeSummary[]> {
  const today = stockholmDate(now);
  const dates = new Map<number, string>();
  const dateOf = (d: Date) => {
    let s = dates.get(d.getTime());
    if (s === undefined) dates.set(d.getTime(), (s = stockholmDate(d)));
    return s;
  };
  const out: ArendeSummary[] = [];
  for await (const wf of ctx.client.workflow.list({ query: listQuery(principal, filter) })) {
    const sa = wf.typedSearchAttributes;
    const next = sa.get(NEXT_DEADLINE);
    const nextDeadlineDate = next ? dateOf(next) : undefined;
    out.push({
      id: wf.workflowId,
      kommunkod: sa.get(KOMMUN),
      namnd: sa.get(NAMND),
      diarienummer: sa.get(DIARIENUMMER),
      title: sa.get(TITLE),
      stage: sa.get(STAGE),
      program: sa.get(PROGRAM),
      ...(next ? { nextDeadline: next.toISOString(), nextDeadlineDate } : {}),
      overdue: nextDeadlineDate !== undefined && nextDeadlineDate < today,
      startedAt: wf.startTime.toISOString(),
    });
  }
  return filterArenden(out, { q: filter.q, overdue: filter.overdue }).sort(
    (a, b) => (a.nextDeadline ?? '9999').localeCompare(b.nextDeadline ?? '9999') || b.startedAt.localeCompare(a.startedAt),
  );
}

/**
 * The filters of a list applied to summaries already read (the same rules as the visibility query for nämnd and
 * stage), so that a page that needs both the whole list and a filtered one reads the visibility store once.
 */
export function filterArenden(list: readonly ArendeSummary[], filter: Omit<ArendeFilter, 'kommunkod'>): ArendeSummary[] {
  const words = (filter.q ?? '').toLocaleLowerCase('sv').split(/\s+/).filter(Boolean);
  return list
    .filter((a) => !filter.namnd || a.namnd === filter.namnd)
    .filter((a) => !filter.stage || a.stage === filter.stage)
    .filter((a) => !filter.stages?.length || (a.stage !== undefined && filter.stages.includes(a.stage)))
    .filter((a) => !filter.overdue || a.overdue)
    .filter((a) => words.every((w) => `${a.title ?? ''} ${a.diarienummer ?? ''}`.toLocaleLowerCase('sv').includes(w)));
}

export async function getDocumentPdf(ctx: ServerContext, principal: Principal, arendeId: string, docId: string) {
  const state = await getArende(ctx, principal, arendeId);
  const ref = state.documents.find((d) => d.id === docId);
  if (!ref) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Dokumentet finns inte i ärendet');
  const bytes = await ctx.store.getBytes(ref.sha256);
  if (!bytes) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Dokumentets fil saknas i dokumentlagret');
  return { ref, bytes };
}
