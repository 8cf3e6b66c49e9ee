import { nowIso } from '../../engine';
import { activities, type MeetingContext, type Step } from '../context';
import { feedJustering } from '../arenden';
import { protokollData, utdragData } from '../documents';

/**
 * Justering: the ordförande and the justerare each justera the protokoll (or one rejects it with a comment: back to
 * protokoll). With the last signature it is justerat (→ justerat): the justerat protokoll is written and handed to the
 * signing seam (signProtokoll, where the PAdES signer plugs in), each § gets its protokollsutdrag, and every adoption
 * ärende decided with bifall or avslag receives its justering.
 */
export function justering(ctx: MeetingContext): Promise<void> {
  return ctx.serve('justering', { effects: { justerat } });
}

async function justerat(ctx: MeetingContext, _e: unknown, step: Step): Promise<void> {
  const s = ctx.state;
  const doc = await ctx.render('protokoll', protokollData(s, ctx.input), {
    version: s.justering.round + 1,
    handling: `protokoll|${s.organName}|${s.date}`,
    createdBy: step.actor,
  });
  const signed = await activities.signProtokoll({
    meetingId: s.id,
    documentId: doc.id,
    sha256: doc.sha256,
    signers: s.justering.signatures.map((x) => ({ name: x.name, role: x.role, userId: x.userId, date: x.date })),
  });
  s.protokoll.push({ round: s.justering.round, documentId: signed.documentId, unsigned: !signed.signed, at: nowIso() });
  step.documentIds.push(signed.documentId);
  for (const item of s.items) {
    if (item.paragraph === undefined || !item.minutes) continue;
    const data = utdragData(s, item, { actor: step.actor, input: ctx.input });
    if (data) {
      const u = await ctx.render('protokollsutdrag', data, {
        version: 1,
        handling: `protokollsutdrag|${s.organName}|${s.date}|§ ${item.paragraph}`,
        createdBy: step.actor,
      });
      s.utdrag[item.id] = u.id;
      step.documentIds.push(u.id);
    }
    await feedJustering(s, item, step.actor);
  }
}
