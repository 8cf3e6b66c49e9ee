import type { ActionPayload } from '../../domain/actions';
import { lastAppealDay, latestAnslagDate } from '../../domain/deadlines';
import type { ArendeContext, Outcome } from '../context';
import { anslagsbevisData, hemstallanData } from '../documents';
import { currentDecision } from '../../domain/arende-rules';
import { openAppealWindow } from './overklagande';

/**
 * 5. Anslag (KL 8 kap. 12 §; docs/process.md): the notice of the justerat protocol goes on the anslagstavla; the anslagsbevis states
 * the last day for appeal. Then:
 * - the nämnd's decision when KF must decide: it only prepares KF's decision (KL 13:2, "rent förberedande"), so it is
 *   not appealable; the hemställan goes to KF via KS (ks_beredning);
 * - the deciding body's decision (KF, or the nämnd without a KF step): the appeal period runs (overklagandetid), or,
 *   with the policy actBeforeLagaKraft, the agreement stage starts at once while it runs.
 */
export async function anslag(ctx: ArendeContext): Promise<void> {
  await ctx.serve('anslag', { recordAnslag: (p, actor) => recordAnslag(ctx, p, actor) });
}

async function recordAnslag(ctx: ArendeContext, p: ActionPayload['recordAnslag'], actor: string): Promise<Outcome> {
  const { state } = ctx;
  const d = currentDecision(state);
  if (!d) throw new Error('inget beslut');
  const lastDay = lastAppealDay(p.date);
  d.anslag = { date: p.date, protocolKeptAt: p.protocolKeptAt, lastAppealDay: lastDay };
  const doc = await ctx.render('anslagsbevis', anslagsbevisData(state, d, p, lastDay), { step: 'anslag', createdBy: actor });
  d.anslag.documentId = doc.id;
  const late = d.justering && p.date > latestAnslagDate(d.justering.date) ? ' (senare än andra dagen efter justeringen)' : '';
  const documentIds = [doc.id];
  if (d.organ === 'namnd' && state.kfRequired) {
    const hemstallan = await ctx.render(
      'hemstallan',
      hemstallanData(ctx.input, state, d, ctx.today(), p.certifiedBy ?? { name: p.actor.name, ...(p.actor.role ? { title: p.actor.role } : {}) }),
      { step: 'ks_beredning', createdBy: actor },
    );
    documentIds.push(hemstallan.id);
    ctx.transition('ks_beredning', 'hemställan till kommunfullmäktige');
    return { message: `Anslag ${p.date}${late}; hemställan till kommunfullmäktige via kommunstyrelsen`, documentIds };
  }
  openAppealWindow(ctx, state.decisions.length - 1, p.date, lastDay);
  return { message: `Anslag ${p.date}${late}; sista dag för överklagande ${lastDay}`, documentIds };
}
