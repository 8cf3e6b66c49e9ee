import { proxyActivities, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { DocumentRef } from '../../domain/documents/ref';
import type { DocumentType } from '../../documents/types';
import { MeetingRefusal, numberItems, type Effect } from '../../domain/meeting/commands';
import type { MeetingItem, MeetingState } from '../../domain/meeting/model';
import type { MeetingAction, MeetingPayload } from '../../domain/meeting/schemas';
import { kallelseData, kungorelseNotice, protokollData, protokollNotice, utdragData } from './documents';
import type { MeetingWorkflowInput } from './messages';
import { inBackground } from '../background';

const activities = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** The PDF/A-2b archive copy (a Ghostscript run): a few tries, beside the step, on the background queue, as for an ärende's documents. */
const archiving = proxyActivities<Pick<Activities, 'archiveDocument'>>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/** A final version (kallelse sent, protokoll justerat, protokollsutdrag) gets its archive copy beside the step. */
function archive(ctx: Ctx, doc: DocumentRef): void {
  ctx.outbox.push(
    inBackground(archiving.archiveDocument)(doc.id).then(
      (copy) => {
        // The state of that moment (a later step may have replaced the object this step worked on).
        const now = ctx.state();
        now.archived = { ...now.archived, [doc.id]: copy.sha256 };
      },
      () => undefined, // the copy can be made again from the stored original (activities/archive-document.ts)
    ),
  );
}

/**
 * What the meeting's steps cause outside the meeting: the ärende placed on it, § numbers from the organ's series,
 * the kallelse and protokoll PDFs, and each adoption ärende's decision, justering and anslag sent through the ärende's
 * own updates (workflows/messages.ts ACTION_UPDATES) with request ids made from the item's id, so that a repeat is
 * recorded once there too. An ärende that refuses is named in the item's `fed.problems`; the meeting goes on.
 */

interface Ctx {
  actor: string;
  input: MeetingWorkflowInput;
  /** Archive copies under way; the meeting awaits them before it ends. */
  outbox: Promise<unknown>[];
  /** The meeting's state now. */
  state: () => MeetingState;
}

/** Before a step is applied: an adoption ärende must be booked on this meeting first (its placeOnMeeting). */
export async function preEffects<A extends MeetingAction>(s: MeetingState, action: A, p: MeetingPayload[A]): Promise<void> {
  if (action !== 'addArende') return;
  const a = p as MeetingPayload['addArende'];
  const r = await activities.placeArendeOnMeeting({
    arendeId: a.arendeId,
    meetingDate: s.date,
    time: s.time,
    place: s.place,
    ...(a.rapporteur ? { rapporteur: a.rapporteur } : {}),
    requestId: `plac-${a.requestId}`.slice(0, 64),
    actor: a.actor,
  });
  if (!r.ok) throw new MeetingRefusal('PRECONDITION_FAILED', `Ärendet kan inte placeras på sammanträdet ${s.date}: ${r.message}`);
}

async function render(
  s: MeetingState,
  ctx: Ctx,
  type: DocumentType,
  data: unknown,
  version: number,
  handling: string,
  createdBy: string,
  status: 'utkast' | 'slutlig' = 'slutlig',
): Promise<DocumentRef> {
  const doc = await activities.renderDocument({
    docId: uuid4(),
    arendeId: s.id,
    kommunkod: s.kommunkod,
    type,
    data,
    step: 'sammantrade',
    version,
    handling,
    status,
    createdBy,
    createdAt: new Date().toISOString(),
  });
  if (status === 'slutlig') archive(ctx, doc);
  return doc;
}

function actorOf(actor: string): { name: string; role?: string } {
  const m = /^(.*) \((.*)\)$/.exec(actor);
  return m ? { name: m[1], role: m[2] } : { name: actor };
}

function problem(item: MeetingItem, what: string, message: string): void {
  item.fed = { ...item.fed, problems: [...(item.fed?.problems ?? []), `${what}: ${message}`] };
}

async function feedDecision(s: MeetingState, item: MeetingItem, actor: string): Promise<void> {
  const m = item.minutes;
  if (!item.arendeId || !m?.outcome || item.paragraph === undefined) return;
  const process = [
    ...m.yrkanden.map((y) => `${y.who} yrkar: ${y.text}`),
    ...(m.propositionsordning ? [`Propositionsordning: ${m.propositionsordning}`] : []),
    ...(m.votering ? [`Omröstning: ${m.votering.result.ja} ja, ${m.votering.result.nej} nej, ${m.votering.result.avstar} avstod.`] : []),
  ].join('\n');
  const r = await activities.feedArende({
    arendeId: item.arendeId,
    action: 'recordDecision',
    payload: {
      requestId: `${item.id}-beslut`,
      actor: actorOf(actor),
      outcome: m.outcome,
      paragraph: item.paragraph,
      ...(m.decision.length > 0 ? { decisionText: m.decision } : {}),
      ...(m.reason ? { reason: m.reason } : {}),
      reservations: m.reservations,
      immediateJustering: m.immediateJustering && (m.outcome === 'bifall' || m.outcome === 'avslag'),
      ...(process ? { decisionProcess: process } : {}),
    },
  });
  if (r.ok) item.fed = { ...item.fed, decision: r.message };
  else problem(item, 'Beslutet', r.message);
}

export async function runEffects(get: () => MeetingState, effects: Effect[], ctx: Ctx): Promise<string[]> {
  const docs: string[] = [];
  for (const e of effects) {
    const s = get();
    switch (e.kind) {
      case 'placeArende':
        break;
      case 'allocateParagraphs': {
        const year = Number(s.date.slice(0, 4));
        const numbers = await activities.allocateParagraphs({ kommunkod: s.kommunkod, organ: s.organ, year, keys: e.itemIds.map((id) => `${s.id}/${id}`) });
        numberItems(s, Object.fromEntries(e.itemIds.map((id, i) => [id, numbers[i]])));
        break;
      }
      case 'renderKallelse': {
        const doc = await render(s, ctx, 'kallelse', kallelseData(s, e.version, ctx.input), e.version, `kallelse|${s.organName}|${s.date}`, ctx.actor);
        s.kallelser[s.kallelser.length - 1].documentIds.push(doc.id);
        docs.push(doc.id);
        if (s.organ === 'KF') await activities.postNotice({ kommunkod: s.kommunkod, notice: kungorelseNotice(s, e.version) });
        break;
      }
      case 'feedDecision': {
        const item = s.items.find((i) => i.id === e.itemId);
        if (item) await feedDecision(s, item, ctx.actor);
        break;
      }
      case 'renderProtokoll': {
        // Not justerat yet: an utkast of the protokoll (marked so on every page), for the ordförande and the justerare.
        const doc = await render(s, ctx, 'protokoll', protokollData(s, ctx.input), e.round, `protokoll|${s.organName}|${s.date}`, ctx.actor, 'utkast');
        s.protokoll.push({ round: e.round, documentId: doc.id, unsigned: true, at: new Date().toISOString() });
        docs.push(doc.id);
        break;
      }
      case 'justerat':
        docs.push(...(await justerat(s, ctx)));
        break;
      case 'publish':
        await activities.postNotice({ kommunkod: s.kommunkod, notice: protokollNotice(s) });
        break;
    }
  }
  return docs;
}

/**
 * The protokoll is justerat: the justerat version is written and handed to the signing seam (signProtokoll, today
 * only recorded: the PAdES signer plugs in there), each § gets its protokollsutdrag, and every adoption ärende decided
 * with bifall or avslag receives its justering.
 */
async function justerat(s: MeetingState, ctx: Ctx): Promise<string[]> {
  const docs: string[] = [];
  const doc = await render(s, ctx, 'protokoll', protokollData(s, ctx.input), s.justering.round + 1, `protokoll|${s.organName}|${s.date}`, ctx.actor);
  const signed = await activities.signProtokoll({
    meetingId: s.id,
    documentId: doc.id,
    sha256: doc.sha256,
    signers: s.justering.signatures.map((x) => ({ name: x.name, role: x.role, userId: x.userId, date: x.date })),
  });
  s.protokoll.push({ round: s.justering.round, documentId: signed.documentId, unsigned: !signed.signed, at: new Date().toISOString() });
  docs.push(signed.documentId);
  const chair = s.justering.signers.find((x) => x.role === 'ordforande')?.name ?? '';
  const adjusters = s.justering.signers.filter((x) => x.role === 'justerare').map((x) => x.name);
  for (const item of s.items) {
    if (item.paragraph === undefined || !item.minutes) continue;
    const data = utdragData(s, item, ctx);
    if (data) {
      const u = await render(s, ctx, 'protokollsutdrag', data, 1, `protokollsutdrag|${s.organName}|${s.date}|§ ${item.paragraph}`, ctx.actor);
      s.utdrag[item.id] = u.id;
      docs.push(u.id);
    }
    const outcome = item.minutes.outcome;
    if (!item.arendeId || !item.fed?.decision || (outcome !== 'bifall' && outcome !== 'avslag')) continue;
    const r = await activities.feedArende({
      arendeId: item.arendeId,
      action: 'recordJustering',
      payload: {
        requestId: `${item.id}-justering`,
        actor: actorOf(ctx.actor),
        date: item.minutes.immediateJustering ? s.date : (s.justering.date as string),
        chair,
        adjusters,
        sentTo: [],
      },
    });
    if (r.ok) item.fed = { ...item.fed, justering: r.message };
    else problem(item, 'Justeringen', r.message);
  }
  return docs;
}

/** The adoption ärenden decided with bifall that have not had their anslag yet. */
export function anslagPending(s: MeetingState): boolean {
  return s.items.some((i) => i.arendeId && i.minutes?.outcome === 'bifall' && i.fed?.justering && !i.fed.anslag);
}

/** The notice went up: each adoption ärende with a justerat bifall gets its anslag on the day it went up. */
export async function feedAnslag(s: MeetingState, _input: MeetingWorkflowInput): Promise<void> {
  const n = s.notice;
  if (!n) return;
  for (const item of s.items) {
    if (!item.arendeId || item.minutes?.outcome !== 'bifall' || !item.fed?.justering || item.fed.anslag) continue;
    const r = await activities.feedArende({
      arendeId: item.arendeId,
      action: 'recordAnslag',
      payload: { requestId: `${item.id}-anslag`, actor: actorOf(n.publishedBy), date: n.upDate, protocolKeptAt: n.protocolKeptAt },
    });
    if (r.ok) item.fed = { ...item.fed, anslag: r.message };
    else {
      item.fed = { ...item.fed, anslag: `ej mottaget: ${r.message}` };
      problem(item, 'Anslaget', r.message);
    }
  }
}
