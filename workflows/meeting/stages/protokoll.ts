import { nowIso } from '../../engine';
import type { MeetingContext, Step } from '../context';
import { protokollData } from '../documents';
import { MINUTES } from './pagar';

/**
 * Protokoll: the meeting is closed and the secretary completes the protokoll (the minutes may still be corrected),
 * then sends it for justering to the ordförande and the justerare (→ justering) as an utkast, marked so on every
 * page: it is not an allmän handling until it is justerat. A rejected justering comes back here.
 */
export function protokoll(ctx: MeetingContext): Promise<void> {
  return ctx.serve('protokoll', { effects: { ...MINUTES.effects, renderProtokoll: sendForJustering } });
}

async function sendForJustering(ctx: MeetingContext, e: { round: number }, step: Step): Promise<void> {
  const s = ctx.state;
  const doc = await ctx.render('protokoll', protokollData(s, ctx.input), {
    version: e.round,
    handling: `protokoll|${s.organName}|${s.date}`,
    createdBy: step.actor,
    status: 'utkast',
  });
  s.protokoll.push({ round: e.round, documentId: doc.id, unsigned: true, at: nowIso() });
  step.documentIds.push(doc.id);
}
