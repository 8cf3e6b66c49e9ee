import type { ActionPayload } from '../../domain/actions';
import { maxIsoDate } from '../../domain/iso-date';
import type { ArendeContext, Outcome } from '../context';
import { startbeskedData } from '../documents';

/**
 * A later decision by another nämnd (e.g. äldrenämnden) joins the same anslutning: it is recorded as a participant
 * and gets its own startbesked. The fees do not change (they follow the municipality's population).
 */
export async function joinNamnd(ctx: ArendeContext, p: ActionPayload['joinNamnd'], actor: string): Promise<Outcome> {
  const { state } = ctx;
  state.participants.push({
    kod: p.namnd.kod,
    namn: p.namnd.namn,
    decisionDate: p.decisionDate,
    ...(p.paragraph ? { paragraph: p.paragraph } : {}),
    ...(p.diarienummer ? { diarienummer: p.diarienummer } : {}),
    joinedAt: ctx.now(),
  });
  const startDate = maxIsoDate(state.start ?? ctx.today(), ctx.today());
  const doc = await ctx.render('startbesked', startbeskedData(ctx.input, ctx.programme, state, p.namnd.namn, startDate, ctx.today()), {
    step: 'ansluta_namnd',
    createdBy: actor,
  });
  return {
    message: `${p.namnd.namn} ansluter till samma anslutning (beslut ${p.decisionDate}${p.paragraph ? ` § ${p.paragraph}` : ''}); startbesked från ${startDate}`,
    documentIds: [doc.id],
  };
}
