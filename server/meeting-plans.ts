import { createHash } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { DocumentRef } from '../domain/documents/ref';
import { stockholmDate } from '../domain/iso-date';
import { DEFAULT_PATTERNS, generateMeetingPlan, type MeetingPlan } from '../domain/meetings';
import { isKommunkod } from '../domain/municipalities';
import { foredragningslistaWorkflow } from '../workflows/foredragningslista';
import { readMeetingPlan, readStoredMeetingPlan } from '../workflows/meeting-plan-messages';
import type { ArendeState } from '../domain/arende-state';
import { getArende } from './arenden';
import { meetingStateQuery, meetingWorkflowId } from '../workflows/meeting/messages';
import { listArenden, type ArendeFilter } from './arendelista';
import type { Principal } from './auth/principal';
import type { ServerContext } from './context';
import { ApiError } from './http-errors';

/**
 * Sammanträden: each body's meeting plan (stored in its entity workflow, or the default pattern the workflow uses
 * when there is none), the ärenden placed on each meeting, and the meeting's föredragningslista as a PDF.
 */

const QUERY_DEADLINE_MS = 3_000;
const ORGAN = /^[A-ZÅÄÖ][A-ZÅÄÖ0-9]{0,9}$/;
const FIXED_BODIES: Record<string, string> = { KS: 'Kommunstyrelsen', KF: 'Kommunfullmäktige' };

export function kommunOf(p: Principal, requested?: string): string {
  if (p.role === 'skr_admin') {
    if (!requested || !isKommunkod(requested))
      throw new ApiError(400, 'KOMMUNKOD_REQUIRED', 'Ange kommunkod (kommunkod=0180)', [
        { field: 'kommunkod', rule: 'required', message: 'krävs för SKR-administratörer' },
      ]);
    return requested;
  }
  return p.kommunkod as string;
}

export function checkOrgan(organ: string): string {
  if (!ORGAN.test(organ)) throw new ApiError(404, 'ORGAN_NOT_FOUND', 'Organet finns inte');
  return organ;
}

/** Stages in which an ärende has been placed on a meeting or decided at one (the only ones a meeting lists). */
const MEETING_STAGES = [
  'placering',
  'sammantrade',
  'justering',
  'anslag',
  'overklagandetid',
  'ks_beredning',
  'overklagat',
  'avtal',
  'vantar_start',
  'aktiv',
  'avslutad',
];

/** The state of each listed ärende; one slow or unreachable ärende (its worker gone) must not hang the page. */
async function statesOf(ctx: ServerContext, p: Principal, kommunkod: string, filter: ArendeFilter = {}): Promise<ArendeState[]> {
  const list = await listArenden(ctx, p, { ...filter, kommunkod });
  const states = await Promise.all(
    list.map((a) => ctx.client.connection.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => getArende(ctx, p, a.id)).catch(() => undefined)),
  );
  return states.filter((s): s is ArendeState => s !== undefined);
}

/** The name of a nämnd: from its stored plan, else from one of its ärenden, else its code. */
async function organName(ctx: ServerContext, p: Principal, kommunkod: string, organ: string, storedName?: string): Promise<string> {
  if (storedName) return storedName;
  if (FIXED_BODIES[organ]) return FIXED_BODIES[organ];
  const one = (await listArenden(ctx, p, { kommunkod, namnd: organ }))[0];
  const state = one
    ? await ctx.client.connection.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => getArende(ctx, p, one.id)).catch(() => undefined)
    : undefined;
  return state?.namnd.namn ?? organ;
}

/** The bodies of the municipality: KS, KF and every nämnd with ärenden. */
export async function organsOf(ctx: ServerContext, p: Principal, kommunkod: string) {
  const codes = new Set<string>(Object.keys(FIXED_BODIES));
  for (const a of await listArenden(ctx, p, { kommunkod })) if (a.namnd) codes.add(a.namnd);
  const organs = await Promise.all(
    [...codes].map(async (organ) => {
      const stored = await readMeetingPlan(ctx.client, kommunkod, organ);
      return { organ, name: await organName(ctx, p, kommunkod, organ, stored?.name), stored: stored !== undefined };
    }),
  );
  return organs.sort((a, b) => Number(b.organ in FIXED_BODIES) - Number(a.organ in FIXED_BODIES) || a.organ.localeCompare(b.organ));
}

export async function planFor(ctx: ServerContext, p: Principal, kommunkod: string, organ: string): Promise<{ plan: MeetingPlan; stored: boolean }> {
  checkOrgan(organ);
  const stored = await readMeetingPlan(ctx.client, kommunkod, organ);
  if (stored && stored.meetings.length > 0) return { plan: stored, stored: true };
  const year = Number(stockholmDate(new Date()).slice(0, 4));
  const body = organ === 'KS' ? 'ks' : organ === 'KF' ? 'kf' : 'namnd';
  const name = await organName(ctx, p, kommunkod, organ);
  return { plan: generateMeetingPlan(organ, name, [year, year + 1], DEFAULT_PATTERNS[body]), stored: false };
}

function onMeeting(s: ArendeState, organ: string, date: string): boolean {
  if (organ === 'KS') return s.ksBeredning?.meetingDate === date;
  const isOrgan = (o: string) => (o === 'kf' ? organ === 'KF' : s.namnd.kod === organ);
  if (s.meeting && s.meeting.date === date && isOrgan(s.meeting.organ)) return true;
  return (s.decisions ?? []).some((d) => d.meetingDate === date && isOrgan(d.organ));
}

/** The plan with the ärenden on each meeting. */
export async function meetingOverview(ctx: ServerContext, p: Principal, kommunkod: string, organ: string) {
  const [states, { plan, stored }, entity] = await Promise.all([
    statesOf(ctx, p, kommunkod, { stages: MEETING_STAGES, ...(organ in FIXED_BODIES ? {} : { namnd: organ }) }),
    planFor(ctx, p, kommunkod, organ),
    readStoredMeetingPlan(ctx.client, kommunkod, organ),
  ]);
  const today = stockholmDate(new Date());
  return {
    kommunkod,
    organ,
    name: plan.name,
    stored,
    plan,
    /** Who changed the plan and when, newest first (issue 15 p. 5). */
    history: [...(entity?.history ?? [])].reverse(),
    meetings: plan.meetings.map((m) => ({
      ...m,
      past: m.date < today,
      arenden: states
        .filter((s) => onMeeting(s, organ, m.date))
        .map((s) => ({ id: s.id, title: s.title, diarienummer: s.diarienummer, stage: s.stage, meeting: s.meeting })),
    })),
  };
}

/** The meeting's föredragningslista, rendered through Temporal once per set of items. */
export async function foredragningslista(ctx: ServerContext, p: Principal, kommunkod: string, organ: string, date: string) {
  const overview = await meetingOverview(ctx, p, kommunkod, organ);
  const meeting = overview.meetings.find((m) => m.date === date);
  if (!meeting) throw new ApiError(404, 'MEETING_NOT_FOUND', 'Sammanträdet finns inte i planen');
  if (meeting.arenden.length === 0) throw new ApiError(404, 'AGENDA_EMPTY', 'Inga ärenden är placerade på sammanträdet');
  const booking = meeting.arenden.find((a) => a.meeting?.date === date)?.meeting;
  // Time and place belong to the meeting (workflows/meeting/) when it exists; else the ärende's booking says them.
  const held = await ctx.client.workflow
    .getHandle(meetingWorkflowId(kommunkod, organ, date))
    .query(meetingStateQuery)
    .catch(() => undefined);
  const items = meeting.arenden.map((a) => ({ title: a.title, ...(a.diarienummer ? { diarienummer: a.diarienummer } : {}) }));
  const hash = createHash('sha256').update(JSON.stringify(items)).digest('hex').slice(0, 16);
  const workflowId = `foredragningslista-${kommunkod}-${organ}-${date}-${hash}`;
  const input = {
    kommunkod,
    organ,
    organName: overview.name,
    meetingDate: date,
    time: held?.time ?? booking?.time ?? '13:00',
    place: held?.place ?? booking?.place ?? 'Sammanträdesrummet',
    items,
    createdBy: p.name,
  };
  let ref: DocumentRef;
  try {
    const handle = await ctx.client.workflow.start(foredragningslistaWorkflow, {
      workflowId,
      taskQueue: ctx.taskQueue,
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      args: [input],
    });
    ref = await handle.result();
  } catch (err) {
    // Rendered before: the same agenda is the same document.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    ref = await ctx.client.workflow.getHandle<typeof foredragningslistaWorkflow>(workflowId).result();
  }
  const bytes = await ctx.store.getBytes(ref.sha256);
  if (!bytes) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Dokumentets fil saknas i dokumentlagret');
  return { ref, bytes };
}
