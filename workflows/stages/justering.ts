import type { ActionPayload } from '../../domain/actions';
import { latestJusteringDate } from '../../domain/deadlines';
import type { ArendeContext, Outcome } from '../context';
import { protokollsutdragData } from '../documents';
import { currentDecision } from '../../domain/arende-rules';
import { tellOnboarding } from './hand-over';

/**
 * 4. Justering (docs/process.md; 14 days: domain/deadlines.ts): the ordförande and the justerare approve the protocol; the protokollsutdrag with the
 * §, the decision, reservations and "Justerat" is written. An avslag ends the ärende here.
 */
export async function justering(ctx: ArendeContext): Promise<void> {
  await ctx.serve('justering', { recordJustering: (p, actor) => recordJustering(ctx, p, actor) });
}

async function recordJustering(ctx: ArendeContext, p: ActionPayload['recordJustering'], actor: string): Promise<Outcome> {
  const d = currentDecision(ctx.state);
  if (!d) throw new Error('inget beslut');
  d.justering = { date: p.date, chair: p.chair, adjusters: p.adjusters };
  const doc = await ctx.render('protokollsutdrag', protokollsutdragData(ctx.state, d, p, p.actor), { step: 'justering', createdBy: actor });
  d.justering.documentId = doc.id;
  const late = p.date > latestJusteringDate(d.meetingDate) ? ` (senare än 14 dagar efter sammanträdet)` : '';
  if (d.outcome === 'avslag') {
    // An avslag ends the ärende here; SKR's onboarding of the municipality is told (workflows/stages/hand-over.ts).
    tellOnboarding(ctx, 'avslag');
    ctx.end(`avslag i ${d.organName} ${d.meetingDate} § ${d.paragraph}`);
  } else ctx.transition('anslag');
  return {
    message: `Protokollet justerat ${p.date}${late} av ${[p.chair, ...p.adjusters].join(', ')}; protokollsutdrag § ${d.paragraph} skapat`,
    documentIds: [doc.id],
  };
}
