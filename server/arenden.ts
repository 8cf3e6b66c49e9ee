import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowExecutionDescription } from '@temporalio/client';
import { actorName as historyName } from '../domain/actions';
import { registerArendeSchema, type RegisterArende } from '../domain/arende';
import { stockholmDate } from '../domain/iso-date';
import { startDateProblems } from '../domain/programmes';
import { isConfiguredProgramme, programmeById, programmeIds } from './programmes';
import { adoptionWorkflow } from '../workflows/adoption';
import { registrationUpdate, stateQuery } from '../workflows/messages';
import type { ArendeState } from '../domain/arende-state';
import { withAgreementHolder, type ArendeView } from './agreement-owner';
import { canRegister, canSee, ROLE_LABELS, type Principal } from './auth/principal';
import { DIARIENUMMER, KOMMUN, NAMND, PROGRAM, TITLE } from '../workflows/search-attributes';
import { normalizeSearchText } from '../domain/search-text';
import { TITLE_MEMO } from './arendelista';
import { checkGivenDiarienummer, checkOrgan, releaseDiarienummer, reserveDiarienummer, withOrganName } from './diarienummer';
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
  return historyName({ name: p.name, role: ROLE_LABELS[p.role].toLocaleLowerCase('sv') });
}

export function parseRegistration(ctx: ServerContext, body: unknown, now = new Date()): RegisterArende {
  const input = parseOr400(registerArendeSchema, withOrganName(ctx, body));
  if (!ctx.kommunName(input.kommunkod)) {
    throw validationError([{ field: 'kommunkod', rule: 'unknown_kommun', message: `kommunkoden ${input.kommunkod} finns inte bland Sveriges 290 kommuner` }]);
  }
  if (!isConfiguredProgramme(input.program)) {
    throw validationError([{ field: 'program', rule: 'unknown_program', message: `okänt program: ${input.program} (välj ett av ${programmeIds()})` }]);
  }
  // A wished start in the past, or before the programme's period allows, is refused (domain/programmes.ts).
  if (input.targetStart) {
    const problems = startDateProblems(programmeById(input.program), input.targetStart, stockholmDate(now));
    if (problems.length > 0) throw validationError(problems.map((message) => ({ field: 'targetStart', rule: 'invalid', message })));
  }
  // Nämnd and diarieserie from the municipality's configured organs; a given number in the nämnd's series (issue 10 p. 3).
  const namnd = checkOrgan(ctx, input.kommunkod, input.namnd);
  return { ...input, namnd };
}

/** What identifies a registration's content: the same request id with another content is another request (409). */
function fingerprintOf(input: RegisterArende): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

const REGISTRATION_MEMO = 'registrationFingerprint';

function requestIdReused(): ApiError {
  return new ApiError(409, 'REQUEST_ID_REUSED', 'Begärans id (requestId) har redan använts för en annan registrering; välj ett nytt id', [
    { field: 'requestId', rule: 'reused', message: 'har redan använts för en registrering med annat innehåll' },
  ]);
}

/** 409 when the ärende of this request id was registered with another content; nothing when it does not exist yet. */
async function assertSameRegistration(ctx: ServerContext, arendeId: string, fingerprint: string): Promise<void> {
  let memo: Record<string, unknown> | undefined;
  try {
    memo = (await ctx.client.workflow.getHandle(arendeId).describe()).memo;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') return;
    throw err;
  }
  // Ärenden registered before the fingerprint have none: they answer as before.
  const known = memo?.[REGISTRATION_MEMO];
  if (typeof known === 'string' && known !== fingerprint) throw requestIdReused();
}

function arendeIdFor(input: RegisterArende): string {
  if (!input.requestId) return `arende-${randomUUID()}`;
  // The same request id from the same municipality is the same ärende.
  return `arende-${createHash('sha256').update(`${input.kommunkod}:${input.requestId}`).digest('hex').slice(0, 32)}`;
}

/**
 * Registers an ärende for the principal's own municipality and nämnd (validate first: parseRegistration).
 * `keepExisting`: an ärende already registered under this request id is returned whatever its content (the demo data,
 * seeded again on every start); otherwise another content under the same request id is a 409 REQUEST_ID_REUSED.
 */
export async function registerArende(ctx: ServerContext, principal: Principal, input: RegisterArende, opts: { keepExisting?: boolean } = {}) {
  if (!canRegister(principal, input.kommunkod, input.namnd.kod)) {
    throw new ApiError(403, 'FORBIDDEN_SCOPE', 'Du får bara registrera ärenden för din egen kommun och dina nämnder', [
      { field: principal.kommunkod === input.kommunkod ? 'namnd.kod' : 'kommunkod', rule: 'outside_scope', message: 'ligger utanför din behörighet' },
    ]);
  }
  const arendeId = arendeIdFor(input);
  const fingerprint = fingerprintOf(input);
  const checkReuse = Boolean(input.requestId) && !opts.keepExisting;
  if (checkReuse) await assertSameRegistration(ctx, arendeId, fingerprint);
  // A number the ärende brings is reserved in the diarium before the ärende exists: of two racing for it, one wins.
  const given = input.diarienummer ? checkGivenDiarienummer(ctx, input.kommunkod, input.namnd, input.diarienummer) : undefined;
  const reservedNow = given ? await reserveDiarienummer(ctx, given, arendeId, input.title) : false;
  const registration = given ? { ...input, diarienummer: given.diarienummer } : input;
  const started = await startOnce(ctx, arendeId, {
    workflowId: arendeId,
    taskQueue: ctx.taskQueue,
    // The programme's validated definition goes into the input: the ärende keeps it as its snapshot (docs/process.md).
    args: [
      {
        ...registration,
        arendeId,
        registeredBy: actorName(principal),
        diarienummerPattern: ctx.diarienummerPattern(input.kommunkod),
        programme: programmeById(input.program),
      },
    ],
    workflowIdConflictPolicy: 'USE_EXISTING',
    // A closed ärende is never started again by the same request id (it would be a second run writing a second
    // version 1 of its documents): the registration answers with the closed ärende instead.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    // The title as written, for the lists; BfTitle holds its normalised words (domain/search-text.ts).
    memo: { [REGISTRATION_MEMO]: fingerprint, [TITLE_MEMO]: input.title },
    typedSearchAttributes: [
      { key: KOMMUN, value: input.kommunkod },
      { key: NAMND, value: input.namnd.kod },
      { key: TITLE, value: normalizeSearchText(input.title, given?.diarienummer) },
      { key: PROGRAM, value: input.program },
      ...(given ? [{ key: DIARIENUMMER, value: given.diarienummer }] : []),
    ],
  });
  if (started.closed) return started.closed;
  const handle = started.handle;
  if (checkReuse) {
    // Two different bodies racing with one request id: the one that started the ärende wins, the other is refused.
    try {
      await assertSameRegistration(ctx, arendeId, fingerprint);
    } catch (err) {
      if (given && reservedNow) await releaseDiarienummer(ctx, given, arendeId);
      throw err;
    }
  }
  const { diarienummer } = await handle.executeUpdate(registrationUpdate, { updateId: `registration-${arendeId}` });
  return { id: arendeId, diarienummer };
}

type StartOptions = Parameters<ServerContext['client']['workflow']['start']>[1];

/** Starts the ärende's workflow, or finds it: running (USE_EXISTING), or closed (REJECT_DUPLICATE: its id and number). */
async function startOnce(
  ctx: ServerContext,
  arendeId: string,
  options: StartOptions,
): Promise<
  | { handle: Awaited<ReturnType<ServerContext['client']['workflow']['start']>>; closed?: undefined }
  | { handle?: undefined; closed: { id: string; diarienummer: string } }
> {
  try {
    return { handle: await ctx.client.workflow.start(adoptionWorkflow, options as never) };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const state = await ctx.client.workflow.getHandle(arendeId).query(stateQuery);
    return { closed: { id: arendeId, diarienummer: state.diarienummer ?? '' } };
  }
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
