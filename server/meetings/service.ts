import { createHash } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { stockholmDate } from '../../domain/iso-date';
import { allowedMeetingActions } from '../../domain/meeting/commands';
import { meetingDeadlines } from '../../domain/meeting/deadlines';
import { MEETING_STATUS_LABELS, meetingWorkflowId, type MeetingState } from '../../domain/meeting/model';
import { createMeetingSchema, MEETING_ACTION_SCHEMAS, MEETING_ACTIONS, type MeetingAction } from '../../domain/meeting/schemas';
import { DEFAULT_ORGANS } from '../../domain/organs';
import { toApiError } from '../arende-actions';
import { getArende } from '../arenden';
import { actorFor, ROLE_LABELS, type Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { ApiError, parseOr400, validationError } from '../http-errors';
import {
  MEETING_UPDATES,
  meetingIndexQuery,
  meetingIndexWorkflowId,
  meetingStateQuery,
  registerMeetingUpdate,
  type MeetingActionResult,
  type MeetingIndexEntry,
  type MeetingWorkflowInput,
} from '../../workflows/meeting/messages';

/**
 * The sammanträden of the web app and the API: create, list, read and act on a meeting (workflows/meeting/), for the
 * municipality's own users only. The nämndsekreterare prepares, runs and announces the meeting; the ordförande and
 * the justerare (any signed-in user of the municipality chosen at "val av justerare") justera it.
 */

const MEETING_ID = /^sammantrade-(\d{4})-([A-ZÅÄÖ][A-ZÅÄÖ0-9]{0,9})-(\d{4}-\d{2}-\d{2})$/;
const NOT_FOUND = () => new ApiError(404, 'MEETING_NOT_FOUND', 'Sammanträdet finns inte');
const FIXED: Record<string, string> = { KS: 'Kommunstyrelsen', KF: 'Kommunfullmäktige' };

/** The steps a justerare or the ordförande takes; every other step is the nämndsekreterare's. */
const SIGNER_ACTIONS: ReadonlySet<MeetingAction> = new Set(['justera', 'rejectJustering']);

function kommunOf(p: Principal): string {
  if (!p.kommunkod) throw new ApiError(403, 'FORBIDDEN', 'Sammanträden hör till en kommun; SKR:s administratörer har inga');
  return p.kommunkod;
}

function mayAct(p: Principal, action: MeetingAction): boolean {
  if (SIGNER_ACTIONS.has(action)) return p.role !== 'skr_admin';
  return p.role === 'namndsekreterare';
}

function organName(ctx: ServerContext, kommunkod: string, organ: string): string | undefined {
  return FIXED[organ] ?? (ctx.organs?.(kommunkod) ?? DEFAULT_ORGANS).find((o) => o.kod === organ)?.namn;
}

function visible(p: Principal, id: string): { kommunkod: string; organ: string; date: string } {
  const m = MEETING_ID.exec(id);
  if (!m || p.kommunkod !== m[1]) throw NOT_FOUND();
  if (p.namnder && !(m[2] in FIXED) && !p.namnder.includes(m[2])) throw NOT_FOUND();
  return { kommunkod: m[1], organ: m[2], date: m[3] };
}

function handle(ctx: ServerContext, id: string): WorkflowHandle {
  return ctx.client.workflow.getHandle(id);
}

async function stateOf(ctx: ServerContext, id: string): Promise<MeetingState> {
  try {
    return await handle(ctx, id).query(meetingStateQuery);
  } catch (err) {
    if ((err as Error).name === 'WorkflowNotFoundError') throw NOT_FOUND();
    throw err;
  }
}

export interface MeetingView extends MeetingState {
  statusLabel: string;
  allowedActions: MeetingAction[];
  deadlines: ReturnType<typeof meetingDeadlines>;
}

export function viewOf(s: MeetingState, now = new Date()): MeetingView {
  return {
    ...s,
    statusLabel: MEETING_STATUS_LABELS[s.status],
    allowedActions: allowedMeetingActions(s.status),
    deadlines: meetingDeadlines(
      {
        organ: s.organ,
        date: s.date,
        ...(s.kallelser[0] ? { kallelseSentOn: stockholmDate(new Date(s.kallelser[0].sentAt)) } : {}),
        ...(s.justering.date ? { justeradOn: s.justering.date } : {}),
        ...(s.notice ? { anslagOn: s.notice.upDate } : {}),
      },
      stockholmDate(now),
    ),
  };
}

export async function getMeeting(ctx: ServerContext, p: Principal, id: string): Promise<MeetingView> {
  visible(p, id);
  return viewOf(await stateOf(ctx, id));
}

/** Creates the meeting of an organ on a day (or returns it when it exists) and registers it in the municipality's list. */
export async function createMeeting(ctx: ServerContext, p: Principal, body: unknown): Promise<{ created: boolean; meeting: MeetingView }> {
  const kommunkod = kommunOf(p);
  if (p.role !== 'namndsekreterare') throw new ApiError(403, 'FORBIDDEN', 'Bara nämndsekreteraren skapar sammanträden');
  const input = parseOr400(createMeetingSchema, body);
  const name = organName(ctx, kommunkod, input.organ);
  if (!name) throw validationError([{ field: 'organ', rule: 'unknown_organ', message: `kommunen har inget organ ${input.organ}` }]);
  if (p.namnder && !(input.organ in FIXED) && !p.namnder.includes(input.organ)) throw new ApiError(403, 'FORBIDDEN', `Du arbetar inte för ${name}`);
  const id = meetingWorkflowId(kommunkod, input.organ, input.date);
  const args: MeetingWorkflowInput = {
    kommunkod,
    organ: input.organ,
    organName: name,
    date: input.date,
    time: input.time,
    place: input.place,
    createdBy: p.name,
    kommunName: ctx.kommunName(kommunkod),
  };
  let created = true;
  try {
    await ctx.client.workflow.start('meetingWorkflow', { workflowId: id, taskQueue: ctx.taskQueue, args: [args] });
  } catch (err) {
    if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
    created = false;
  }
  const indexId = meetingIndexWorkflowId(kommunkod);
  try {
    await ctx.client.workflow.start('meetingIndexWorkflow', {
      workflowId: indexId,
      taskQueue: ctx.taskQueue,
      args: [{ kommunkod }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  } catch (err) {
    if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
  }
  await handle(ctx, indexId).executeUpdate(registerMeetingUpdate, { args: [{ id, organ: input.organ, organName: name, date: input.date }] });
  return { created, meeting: viewOf(await stateOf(ctx, id)) };
}

export interface MeetingListEntry extends MeetingIndexEntry {
  status: MeetingState['status'];
  statusLabel: string;
  items: number;
  flagged: string[];
}

/** The municipality's meetings (those of the user's nämnder), each with its status and any limit that has passed. */
export async function listMeetings(ctx: ServerContext, p: Principal): Promise<MeetingListEntry[]> {
  const kommunkod = kommunOf(p);
  let entries: MeetingIndexEntry[] = [];
  try {
    entries = await handle(ctx, meetingIndexWorkflowId(kommunkod)).query(meetingIndexQuery);
  } catch (err) {
    if ((err as Error).name !== 'WorkflowNotFoundError') throw err;
  }
  const mine = entries.filter((e) => !p.namnder || e.organ in FIXED || p.namnder.includes(e.organ));
  const out = await Promise.all(
    mine.map(async (e) => {
      const s = await stateOf(ctx, e.id).catch(() => undefined);
      if (!s) return undefined;
      const v = viewOf(s);
      return {
        ...e,
        status: s.status,
        statusLabel: v.statusLabel,
        items: s.items.length,
        flagged: v.deadlines.filter((d) => d.status === 'passerad').map((d) => d.label),
      };
    }),
  );
  return out.filter((x): x is MeetingListEntry => x !== undefined);
}

/** The update id: request id plus a digest of the payload (as for ärenden: server/arende-actions.ts updateIdFor). */
function updateIdFor(action: MeetingAction, payload: { requestId: string }): string {
  return `${payload.requestId}.${createHash('sha256')
    .update(`${action}:${JSON.stringify(payload)}`)
    .digest('hex')
    .slice(0, 16)}`;
}

export function parseMeetingAction(name: string): MeetingAction {
  if (!(MEETING_ACTIONS as string[]).includes(name)) throw new ApiError(404, 'UNKNOWN_ACTION', `Okänd åtgärd för sammanträdet: ${name}`);
  return name as MeetingAction;
}

/** A step of the meeting; the actor (and the justerare's user id) is the signed-in user, whatever the body says. */
export async function meetingAction(
  ctx: ServerContext,
  p: Principal,
  id: string,
  name: string,
  body: unknown,
): Promise<{ result: MeetingActionResult; state: MeetingView }> {
  const where = visible(p, id);
  const action = parseMeetingAction(name);
  if (!mayAct(p, action)) throw new ApiError(403, 'FORBIDDEN', `Rollen ${ROLE_LABELS[p.role].toLocaleLowerCase('sv')} får inte utföra åtgärden ${action}`);
  const raw = typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : {};
  const actor = actorFor(p);
  raw.actor = { name: actor.name, role: ROLE_LABELS[actor.role].toLocaleLowerCase('sv') };
  if (SIGNER_ACTIONS.has(action)) raw.userId = p.userId;
  if (action === 'addArende') Object.assign(raw, await arendeItem(ctx, p, where.organ, raw.arendeId));
  const payload = parseOr400(MEETING_ACTION_SCHEMAS[action], raw) as { requestId: string };
  await stateOf(ctx, id);
  let result: MeetingActionResult;
  try {
    result = await handle(ctx, id).executeUpdate(MEETING_UPDATES[action] as never, { args: [payload] as never, updateId: updateIdFor(action, payload) });
  } catch (err) {
    const e = toApiError(err);
    // Not a signer of this meeting: a refusal of who, not of when.
    if (e instanceof ApiError && e.code === 'FORBIDDEN') throw new ApiError(403, e.code, e.message, e.fields);
    throw e;
  }
  return { result, state: viewOf(await stateOf(ctx, id)) };
}

/** An adoption ärende on the meeting: visible to the user, of the meeting's organ; its title, number and proposals. */
async function arendeItem(ctx: ServerContext, p: Principal, organ: string, arendeId: unknown) {
  if (typeof arendeId !== 'string' || !/^[A-Za-z0-9_-]{1,120}$/.test(arendeId))
    throw validationError([{ field: 'arendeId', rule: 'required', message: 'ange ärendets id' }]);
  const a = await getArende(ctx, p, arendeId).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 404) throw validationError([{ field: 'arendeId', rule: 'unknown_arende', message: 'ärendet finns inte' }]);
    throw err;
  });
  const sameOrgan = organ === 'KF' ? a.organ === 'kf' : a.organ === 'namnd' && a.namnd.kod === organ;
  if (!sameOrgan)
    throw validationError([
      {
        field: 'arendeId',
        rule: 'other_organ',
        message: `ärendet ska beslutas av ${a.organ === 'kf' ? 'kommunfullmäktige' : a.namnd.namn}, inte av det här organet`,
      },
    ]);
  const proposals = a.organ === 'kf' ? (a.ksBeredning?.proposals ?? a.draft.content.proposals) : a.draft.content.proposals;
  return { title: a.title, ...(a.diarienummer ? { diarienummer: a.diarienummer } : {}), proposals, rapporteur: a.caseOfficer.name };
}

/** A document of the meeting (kallelse, protokoll, protokollsutdrag): only the meeting's own. */
/** The archive copy of a meeting's document; 404 ARCHIVE_COPY_NOT_FOUND until it is made. */
export async function meetingArchiveCopy(ctx: ServerContext, p: Principal, id: string, docId: string) {
  const { record } = await meetingDocument(ctx, p, id, docId);
  const bytes = record.archival ? await ctx.store.getBytes(record.archival.sha256) : undefined;
  if (!record.archival || !bytes) throw new ApiError(404, 'ARCHIVE_COPY_NOT_FOUND', 'Dokumentet har inget arkivexemplar ännu');
  return { record, bytes };
}

export async function meetingDocument(ctx: ServerContext, p: Principal, id: string, docId: string) {
  visible(p, id);
  const record = /^[A-Za-z0-9-]{8,64}$/.test(docId) ? await ctx.store.getRecord(docId) : undefined;
  if (!record || record.arendeId !== id) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Dokumentet finns inte i sammanträdet');
  const bytes = await ctx.store.getBytes(record.sha256);
  if (!bytes) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Dokumentets fil saknas i dokumentlagret');
  return { record, bytes };
}
