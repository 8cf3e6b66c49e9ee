/**
 * The ärendelista: ärenden read from Temporal's visibility store (search attributes only, no query per ärende),
 * scoped to the principal like every use case in server/arenden.ts.
 *
 * Two ways to read it:
 * - listArendenPage(): one page (default 50, at most 500) in visibility's own order, newest first, with a token for
 *   the next page and the number that match. This is the list the web page and GET /api/arenden show; its cost does
 *   not grow with the municipality (bench/arendelista.ts: a page of Stockholm's ~900 is a fraction of reading all).
 * - listArenden(): every match, nearest deadline first. For the views that need the whole set and are small by
 *   construction (the overdue ones, a nämnd's meetings, the organs of a municipality).
 * Free text is a visibility query too (BfTitle, a Text attribute of normalised words: domain/search-text.ts), so a
 * search is paged like the rest of the list and never reads the whole match.
 */
import type { temporal } from '@temporalio/proto';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { requiredTsToDate } from '@temporalio/common/lib/time';
import { stockholmDate, stockholmMidnight } from '../domain/iso-date';
import { adoptionWorkflow } from '../workflows/adoption';
import { DIARIENUMMER, KOMMUN, NAMND, NEXT_DEADLINE, PROGRAM, STAGE, TITLE } from '../workflows/search-attributes';
import { defaultPayloadConverter } from '@temporalio/common';
import { normalizeSearchText, searchWords } from '../domain/search-text';
import type { Principal } from './auth/principal';
import type { ServerContext } from './context';
import { ApiError } from './http-errors';

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
  /** Free text: whole words that must all occur in the title or the diarienummer (case and punctuation ignored). */
  q?: string;
  /** SKR administrators only: one municipality. */
  kommunkod?: string;
}

export interface ArendePage {
  arenden: ArendeSummary[];
  /** How many ärenden match the filter in all (a visibility count). */
  total: number;
  /** Opaque token for the next page; absent on the last page. */
  nextPageToken?: string;
}

export const DEFAULT_PAGE_SIZE = 50;
/** The workflow type of an ärende (workflows/adoption.ts). */
export const ADOPTION_WORKFLOW_TYPE = adoptionWorkflow.name;
export const MAX_PAGE_SIZE = 500;

/** The memo field with the title as written (BfTitle holds its normalised words for search). */
export const TITLE_MEMO = 'title';

/** The title to show: the memo's, else (ärenden registered before the memo) the search attribute's. */
export function displayTitle(memoTitle: unknown, attributeTitle: string | undefined): string | undefined {
  return typeof memoTitle === 'string' ? memoTitle : attributeTitle;
}

const quote = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The visibility query of a list: the principal's scope first, then the filters (all values quoted). */
export function listQuery(principal: Principal, filter: ArendeFilter = {}, now = new Date()): string {
  // Ärenden are the adoption workflows. By WorkflowType rather than BfKind = 'arende': with BfKind in the query the dev
  // server's SQLite planner walks the BfKind index (every ärende) instead of BfKommun's, and a municipality's page cost
  // ~60 ms instead of ~12 ms at 10 000 ärenden (docs/benchmarks.md).
  // An ärende that continued as new (once per fee year in aktiv) has a closed run per year: only its latest run is listed.
  const clauses = [`WorkflowType = '${ADOPTION_WORKFLOW_TYPE}'`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (principal.role === 'skr_admin') {
    if (filter.kommunkod) clauses.push(`BfKommun = ${quote(filter.kommunkod)}`);
  } else {
    clauses.push(`BfKommun = ${quote(principal.kommunkod ?? '-')}`);
    if (principal.namnder) clauses.push(`BfNamnd IN (${principal.namnder.map(quote).join(', ')})`);
  }
  if (filter.namnd) clauses.push(`BfNamnd = ${quote(filter.namnd)}`);
  if (filter.stage) clauses.push(`BfStage = ${quote(filter.stage)}`);
  if (filter.stages?.length) clauses.push(`BfStage IN (${filter.stages.map(quote).join(', ')})`);
  // Overdue: the nearest deadline's date has passed, i.e. it lies before today's midnight in Stockholm.
  if (filter.overdue) clauses.push(`BfNextDeadline < ${quote(stockholmMidnight(stockholmDate(now)).toISOString())}`);
  // Free text: each word must be a word of BfTitle (title and diarienummer, normalised the same way).
  for (const word of searchWords(filter.q)) clauses.push(`${TITLE.name} = ${quote(word)}`);
  return clauses.join(' AND ');
}

/** One row of visibility as a summary; the dates of the deadlines are converted once per distinct value. */
function summarizer(now: Date) {
  const today = stockholmDate(now);
  const dates = new Map<number, string>();
  const dateOf = (d: Date) => {
    let s = dates.get(d.getTime());
    if (s === undefined) dates.set(d.getTime(), (s = stockholmDate(d)));
    return s;
  };
  return (raw: temporal.api.workflow.v1.IWorkflowExecutionInfo): ArendeSummary => {
    const sa = decodeTypedSearchAttributes(raw.searchAttributes?.indexedFields);
    const memoTitle = raw.memo?.fields?.[TITLE_MEMO];
    const next = sa.get(NEXT_DEADLINE);
    const nextDeadlineDate = next ? dateOf(next) : undefined;
    return {
      id: raw.execution?.workflowId ?? '',
      kommunkod: sa.get(KOMMUN),
      namnd: sa.get(NAMND),
      diarienummer: sa.get(DIARIENUMMER),
      title: displayTitle(memoTitle ? defaultPayloadConverter.fromPayload(memoTitle) : undefined, sa.get(TITLE)),
      stage: sa.get(STAGE),
      program: sa.get(PROGRAM),
      ...(next ? { nextDeadline: next.toISOString(), nextDeadlineDate } : {}),
      overdue: nextDeadlineDate !== undefined && nextDeadlineDate < today,
      startedAt: requiredTsToDate(raw.startTime, 'startTime').toISOString(),
    };
  };
}

async function readPage(ctx: ServerContext, query: string, pageSize: number, pageToken?: Uint8Array) {
  return ctx.client.workflowService.listWorkflowExecutions({ namespace: ctx.client.options.namespace, query, pageSize, nextPageToken: pageToken });
}

/** The Temporal page token inside a token from an earlier page of the same query, or a 400 naming pageToken. */
function openPageToken(ctx: ServerContext, query: string, token: string | undefined): Uint8Array | undefined {
  if (token === undefined || token === '') return undefined;
  const value = /^[A-Za-z0-9_-]{1,4000}$/.test(token) ? ctx.auth.sessions.openToken(query, token) : undefined;
  if (!value) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'Ogiltig sidmarkör', [
      { field: 'pageToken', rule: 'invalid_format', message: 'är ingen sidmarkör från en tidigare sida av samma lista' },
    ]);
  }
  return value;
}

/**
 * One page of the ärendelista in visibility's order (newest first) and the number that match. Scope, nämnd, stage,
 * "overdue" and free text are all in the visibility query.
 */
export async function listArendenPage(
  ctx: ServerContext,
  principal: Principal,
  filter: ArendeFilter = {},
  page: { pageSize?: number; pageToken?: string } = {},
  now = new Date(),
): Promise<ArendePage> {
  const query = listQuery(principal, filter, now);
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, page.pageSize ?? DEFAULT_PAGE_SIZE));
  const [resp, count] = await Promise.all([readPage(ctx, query, pageSize, openPageToken(ctx, query, page.pageToken)), ctx.client.workflow.count(query)]);
  // Bound to the query (and this installation's secret): a token can only continue the list it came from.
  const next = resp.nextPageToken?.length ? ctx.auth.sessions.bindToken(query, resp.nextPageToken) : undefined;
  return { arenden: resp.executions.map(summarizer(now)), total: count.count, ...(next ? { nextPageToken: next } : {}) };
}

/**
 * Every ärende the principal may see that matches, nearest deadline first (none last); every filter is in the
 * visibility query.
 */
export async function listArenden(ctx: ServerContext, principal: Principal, filter: ArendeFilter = {}, now = new Date()): Promise<ArendeSummary[]> {
  const query = listQuery(principal, filter, now);
  const summarize = summarizer(now);
  const out: ArendeSummary[] = [];
  let token: Uint8Array | undefined;
  do {
    const resp = await readPage(ctx, query, 1000, token);
    for (const raw of resp.executions) out.push(summarize(raw));
    token = resp.nextPageToken?.length ? resp.nextPageToken : undefined;
  } while (token);
  return filterArenden(out, { overdue: filter.overdue }).sort(
    (a, b) => (a.nextDeadline ?? '9999').localeCompare(b.nextDeadline ?? '9999') || b.startedAt.localeCompare(a.startedAt),
  );
}

/**
 * The filters of a list applied to summaries already read (the same rules as the visibility query for nämnd,
 * stage and overdue), for free text and for a page that filters a list it has read once.
 */
export function filterArenden(list: readonly ArendeSummary[], filter: Omit<ArendeFilter, 'kommunkod'>): ArendeSummary[] {
  const words = searchWords(filter.q);
  // The same whole-word rule as the visibility query, for lists already read.
  const wordsOf = (a: ArendeSummary) => new Set(normalizeSearchText(a.title, a.diarienummer).split(' '));
  return list
    .filter((a) => !filter.namnd || a.namnd === filter.namnd)
    .filter((a) => !filter.stage || a.stage === filter.stage)
    .filter((a) => !filter.stages?.length || (a.stage !== undefined && filter.stages.includes(a.stage)))
    .filter((a) => !filter.overdue || a.overdue)
    .filter((a) => {
      if (words.length === 0) return true;
      const have = wordsOf(a);
      return words.every((w) => have.has(w));
    });
}
