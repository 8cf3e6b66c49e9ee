import type { MeetingItem, MeetingState } from '../../domain/meeting/model';
import { actorFromName } from '../../domain/actions';
import { activities } from './context';
import { decisionProcess, justeringSigners } from './documents';

/**
 * What the meeting tells the adoption ärenden on it: each item's decision, justering and anslag, sent through the
 * ärende's own updates (workflows/messages.ts ACTION_UPDATES) with request ids made from the item's id, so that a
 * repeat is recorded once there too. What the ärende answered is kept in the item's `fed`; an ärende that refuses is
 * named in `fed.problems` and the meeting goes on.
 */

function problem(item: MeetingItem, what: string, message: string): void {
  item.fed = { ...item.fed, problems: [...(item.fed?.problems ?? []), `${what}: ${message}`] };
}

/** The item's decision, with the yrkanden, the propositionsordning and the vote as the decision process. */
export async function feedDecision(item: MeetingItem, actor: string): Promise<void> {
  const m = item.minutes;
  if (!item.arendeId || !m?.outcome || item.paragraph === undefined) return;
  const process = decisionProcess(m, (v) => `${v.result.ja} ja, ${v.result.nej} nej, ${v.result.avstar} avstod.`).join('\n');
  const r = await activities.feedArende({
    arendeId: item.arendeId,
    action: 'recordDecision',
    payload: {
      requestId: `${item.id}-beslut`,
      actor: actorFromName(actor),
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

/** The justering of an item decided with bifall or avslag (the day of the meeting if it was justerad omedelbart). */
export async function feedJustering(s: MeetingState, item: MeetingItem, actor: string): Promise<void> {
  const outcome = item.minutes?.outcome;
  if (!item.arendeId || !item.fed?.decision || (outcome !== 'bifall' && outcome !== 'avslag')) return;
  const r = await activities.feedArende({
    arendeId: item.arendeId,
    action: 'recordJustering',
    payload: {
      requestId: `${item.id}-justering`,
      actor: actorFromName(actor),
      date: item.minutes?.immediateJustering ? s.date : (s.justering.date as string),
      ...justeringSigners(s),
      sentTo: [],
    },
  });
  if (r.ok) item.fed = { ...item.fed, justering: r.message };
  else problem(item, 'Justeringen', r.message);
}

/** The adoption ärenden decided with bifall that have not had their anslag yet. */
export function anslagPending(s: MeetingState): boolean {
  return s.items.some((i) => i.arendeId && i.minutes?.outcome === 'bifall' && i.fed?.justering && !i.fed.anslag);
}

/** The notice went up: each adoption ärende with a justerat bifall gets its anslag on the day it went up. */
export async function feedAnslag(s: MeetingState): Promise<void> {
  const n = s.notice;
  if (!n) return;
  for (const item of s.items) {
    if (!item.arendeId || item.minutes?.outcome !== 'bifall' || !item.fed?.justering || item.fed.anslag) continue;
    const r = await activities.feedArende({
      arendeId: item.arendeId,
      action: 'recordAnslag',
      payload: { requestId: `${item.id}-anslag`, actor: actorFromName(n.publishedBy), date: n.upDate, protocolKeptAt: n.protocolKeptAt },
    });
    if (r.ok) item.fed = { ...item.fed, anslag: r.message };
    else {
      item.fed = { ...item.fed, anslag: `ej mottaget: ${r.message}` };
      problem(item, 'Anslaget', r.message);
    }
  }
}
