import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { isKommunkod, type Municipality, type Registry } from '../../domain/municipalities';
import { ONBOARDING_ACTION_SCHEMAS } from '../../domain/onboarding-actions';
import {
  isConnected,
  NOT_INVITED,
  ONBOARDING_ACTION_LABELS,
  ONBOARDING_ALLOWED_ACTIONS,
  ONBOARDING_STAGE_LABELS,
  ONBOARDING_STATUSES,
  selectMunicipalities,
  type OnboardingAction,
  type OnboardingFilter,
  type OnboardingStatus,
} from '../../domain/onboarding-stages';
import { inviteOne, onboardingStatuses } from '../../clients/onboarding';
import { programmeById } from '../programmes';
import { ONBOARDING_UPDATES, onboardingStateQuery, onboardingWorkflowId, type OnboardingState } from '../../workflows/onboarding-messages';
import type { ServerContext } from '../context';
import { ApiError, parseOr400, validationError } from '../http-errors';
import { actorFor, partyOf, ROLE_LABELS, SIGNING_ACTIONS, signatoryOf, signingRefusal, type Principal } from '../auth/principal';
import { DIARIENUMMER, KIND, KOMMUN } from '../../workflows/search-attributes';

/** SKR's onboarding use cases of the web process, all through Temporal: list (visibility), state (query), actions (updates). */

export interface MunicipalityRow {
  kommunkod: string;
  name: string;
  lanskod: string;
  lan: string;
  rss?: string;
  population: number;
  populationDate: string;
  status: OnboardingStatus;
  statusLabel: string;
  connected: boolean;
}

export function rowsOf(
  registry: Registry,
  stages: ReadonlyMap<string, OnboardingStatus>,
  municipalities: readonly Municipality[] = registry.all(),
): MunicipalityRow[] {
  return municipalities.map((m) => {
    const status: OnboardingStatus = stages.get(m.kommunkod) ?? NOT_INVITED;
    return {
      kommunkod: m.kommunkod,
      name: m.name,
      lanskod: m.lanskod,
      lan: m.lan,
      ...(m.rss ? { rss: m.rss.name } : {}),
      population: m.population,
      populationDate: m.populationDate,
      status,
      statusLabel: ONBOARDING_STAGE_LABELS[status],
      connected: isConnected(status),
    };
  });
}

export interface LanSummary {
  lanskod: string;
  lan: string;
  rss?: string;
  municipalities: number;
  connected: number;
  /** connected ÷ municipalities, 0–1 */
  share: number;
  /** Whole percent, rounded half up. */
  percent: number;
  byStatus: Record<OnboardingStatus, number>;
}

export interface Overview {
  total: number;
  connected: number;
  percent: number;
  byStatus: Array<{ status: OnboardingStatus; label: string; count: number }>;
  byLan: LanSummary[];
}

const emptyCounts = () => Object.fromEntries(ONBOARDING_STATUSES.map((s) => [s, 0])) as Record<OnboardingStatus, number>;
const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : Math.floor((200 * part + whole) / (2 * whole)));

/** Counts by status and by county, and the connected share per county. */
export function overviewOf(registry: Registry, stages: ReadonlyMap<string, OnboardingStatus>): Overview {
  const rows = rowsOf(registry, stages);
  const counts = emptyCounts();
  for (const r of rows) counts[r.status] += 1;
  const byLan = registry.lans().map((county) => {
    const inLan = rows.filter((r) => r.lanskod === county.lanskod);
    const byStatus = emptyCounts();
    for (const r of inLan) byStatus[r.status] += 1;
    const connected = inLan.filter((r) => r.connected).length;
    return {
      lanskod: county.lanskod,
      lan: county.lan,
      ...(county.rss ? { rss: county.rss.name } : {}),
      municipalities: inLan.length,
      connected,
      share: inLan.length === 0 ? 0 : connected / inLan.length,
      percent: percentOf(connected, inLan.length),
      byStatus,
    };
  });
  const connected = rows.filter((r) => r.connected).length;
  return {
    total: rows.length,
    connected,
    percent: percentOf(connected, rows.length),
    byStatus: ONBOARDING_STATUSES.map((status) => ({ status, label: ONBOARDING_STAGE_LABELS[status], count: counts[status] })),
    byLan,
  };
}

export interface ListQuery {
  lanskod?: string;
  status?: OnboardingStatus | 'anslutna' | 'ej_anslutna';
  namn?: string;
}

/** The filterable list: county, status (or connected / not connected), part of the name. */
export function listOf(registry: Registry, stages: ReadonlyMap<string, OnboardingStatus>, q: ListQuery): MunicipalityRow[] {
  const filter: OnboardingFilter = {
    ...(q.lanskod ? { lanskod: q.lanskod } : {}),
    ...(q.status === 'ej_anslutna' ? { notConnected: true } : {}),
    ...(q.status && q.status !== 'ej_anslutna' && q.status !== 'anslutna' ? { statuses: [q.status] } : {}),
  };
  const needle = q.namn?.trim().toLocaleLowerCase('sv');
  const chosen = selectMunicipalities(registry.all(), stages, filter).filter(
    (m) => (!needle || m.name.toLocaleLowerCase('sv').includes(needle)) && (q.status !== 'anslutna' || isConnected(stages.get(m.kommunkod) ?? NOT_INVITED)),
  );
  return rowsOf(registry, stages, chosen);
}

export function stagesOf(ctx: ServerContext, program: string): Promise<Map<string, OnboardingStatus>> {
  return onboardingStatuses(ctx.client, program);
}

/** One municipality's onboarding (undefined when it has never been invited to the programme). */
export async function getOnboarding(ctx: ServerContext, kommunkod: string, program: string): Promise<OnboardingState | undefined> {
  try {
    return await ctx.client.workflow.getHandle(onboardingWorkflowId(kommunkod, program)).query(onboardingStateQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') return undefined;
    throw err;
  }
}

/** The actions a person can take now, for the page's forms and the API's answer. */
export function allowedActions(state: OnboardingState | undefined): Array<{ action: OnboardingAction; label: string }> {
  const actions: OnboardingAction[] = state ? [...ONBOARDING_ALLOWED_ACTIONS[state.stage]] : ['invite'];
  return actions.map((action) => ({ action, label: ONBOARDING_ACTION_LABELS[action] }));
}

export function requireKommun(registry: Registry, kommunkod: string): Municipality {
  const m = isKommunkod(kommunkod) ? registry.byKode(kommunkod) : undefined;
  if (!m) throw new ApiError(404, 'KOMMUN_NOT_FOUND', `Kommunkoden ${kommunkod} finns inte bland Sveriges 290 kommuner`);
  return m;
}

/** Update errors of the onboarding workflow → 400 (bad input) or 409 (not now), with the workflow's Swedish message. */
export function toOnboardingApiError(err: unknown): never {
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause as { type?: string; message?: string; details?: unknown[] } | undefined;
    if (cause?.type === 'VALIDATION_FAILED') {
      throw validationError((cause.details?.[0] as Array<{ field: string; rule: string; message: string }>) ?? []);
    }
    if (cause?.type) throw new ApiError(409, cause.type, cause.message ?? 'Åtgärden kan inte utföras nu');
  }
  throw err;
}

/**
 * Who may do what on an onboarding: SKR's administrators record SKR's steps (invite, interest, link, decision made
 * outside Beslutsflöde, revision, renewal); the agreement is signed or rejected only by a person of that party with a
 * signing right, for their own party (server/auth/principal.ts signingRefusal). A refusal is 403 with a code.
 */
export function onboardingRefusal(p: Principal, kommunkod: string, action: OnboardingAction, body: Record<string, unknown>): ApiError | undefined {
  if (p.role !== 'skr_admin' && p.kommunkod !== kommunkod) return new ApiError(403, 'FORBIDDEN', 'Du företräder inte den kommunen');
  if (SIGNING_ACTIONS.has(action)) {
    const r = signingRefusal(p, body.party);
    return r ? new ApiError(r.status, r.code, r.message) : undefined;
  }
  if (p.role === 'skr_admin') return undefined;
  if (action === 'decideRenewal' && p.role === 'namndsekreterare') return undefined;
  return new ApiError(403, 'FORBIDDEN', `Rollen ${ROLE_LABELS[p.role].toLocaleLowerCase('sv')} får inte utföra åtgärden ${action} i SKR:s anslutning`);
}

/** The actor recorded in the onboarding's timeline: the signed-in user. */
export function onboardingActor(p: Principal): { name: string; role: string } {
  const a = actorFor(p);
  return { name: a.name, role: ROLE_LABELS[a.role] };
}

/** An ärende of the municipality named by its diarienummer (or checked by its id): its workflow id, else 400. */
export async function resolveArende(
  ctx: ServerContext,
  kommunkod: string,
  ref: { arendeId?: string; diarienummer?: string },
): Promise<{ arendeId: string; diarienummer?: string }> {
  const esc = (v: string) => v.replace(/['\\]/g, '');
  const field = ref.diarienummer ? 'diarienummer' : 'arendeId';
  const query = ref.diarienummer
    ? `${KIND.name} = 'arende' AND ${KOMMUN.name} = '${esc(kommunkod)}' AND ${DIARIENUMMER.name} = '${esc(ref.diarienummer)}'`
    : `${KIND.name} = 'arende' AND ${KOMMUN.name} = '${esc(kommunkod)}' AND WorkflowId = '${esc(ref.arendeId ?? '')}'`;
  for await (const wf of ctx.client.workflow.list({ query })) {
    return { arendeId: wf.workflowId, ...(wf.typedSearchAttributes.get(DIARIENUMMER) ? { diarienummer: wf.typedSearchAttributes.get(DIARIENUMMER) } : {}) };
  }
  throw validationError([
    {
      field,
      rule: 'not_found',
      message: `inget ärende i kommunen ${kommunkod} har ${field === 'diarienummer' ? `diarienumret ${ref.diarienummer}` : `id ${ref.arendeId}`}`,
    },
  ]);
}

/**
 * An action on a municipality's onboarding. `invite` starts the onboarding when there is none (or invites again
 * after avböjt/utträde); every other action is an update of the running workflow. The body is validated with the
 * action's schema (the same the workflow validates with); requestId is the update id. The principal's party and
 * rights are checked first (403, nothing changes); a signature is always the signed-in person's.
 */
export async function performAction(
  ctx: ServerContext,
  registry: Registry,
  kommunkod: string,
  program: string,
  action: OnboardingAction,
  raw: Record<string, unknown>,
  principal: Principal,
) {
  requireKommun(registry, kommunkod);
  const refusal = onboardingRefusal(principal, kommunkod, action, raw);
  if (refusal) throw refusal;
  const actor = onboardingActor(principal);
  const body: Record<string, unknown> = SIGNING_ACTIONS.has(action) ? { ...raw, party: raw.party ?? partyOf(principal) } : raw;
  if (action === 'signAgreement') {
    const { userId, ...who } = signatoryOf(principal);
    body.signer = { ...who, userId };
  }
  const schema = ONBOARDING_ACTION_SCHEMAS[action];
  const input = parseOr400(schema, { requestId: `req-${randomUUID()}`, ...body, actor }) as {
    requestId: string;
    message?: string;
    arendeId?: string;
    diarienummer?: string;
  };
  if (action === 'linkAdoption') Object.assign(input, await resolveArende(ctx, kommunkod, input));
  if (action === 'invite') {
    // The programme's configured definition goes into the onboarding it starts (its snapshot).
    const result = await inviteOne(ctx.client, ctx.taskQueue, {
      kommunkod,
      program,
      programme: programmeById(program),
      requestId: input.requestId,
      actor,
      ...(input.message ? { message: input.message } : {}),
    });
    if (result.outcome !== 'inbjuden') {
      throw new ApiError(409, 'ACTION_NOT_ALLOWED_IN_STAGE', `Kommunen kan inte bjudas in i skedet "${ONBOARDING_STAGE_LABELS[result.stage]}"`);
    }
    return { stage: result.stage, recorded: true };
  }
  return executeOnboardingUpdate(ctx, kommunkod, program, action, input);
}

/** The update itself on the running onboarding (409 NOT_INVITED when there is none). The input must be valid. */
export async function executeOnboardingUpdate(ctx: ServerContext, kommunkod: string, program: string, action: OnboardingAction, input: { requestId: string }) {
  const state = await getOnboarding(ctx, kommunkod, program);
  if (!state) throw new ApiError(409, 'NOT_INVITED', 'Kommunen är inte inbjuden till programmet ännu');
  const handle = ctx.client.workflow.getHandle(onboardingWorkflowId(kommunkod, program));
  try {
    return await handle.executeUpdate(ONBOARDING_UPDATES[action] as never, { args: [input] as never, updateId: input.requestId });
  } catch (err) {
    toOnboardingApiError(err);
  }
}
