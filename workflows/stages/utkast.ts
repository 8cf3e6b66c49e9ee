import type { SendReferrals } from '../../domain/actions';
import type { ArendeContext, Outcome } from '../context';
import { remissData } from '../documents';
import { reviseDraft, signTjansteutlatande } from './tjansteutlatande-actions';

/**
 * 1. Utredning / förslag (docs/process.md, stage by stage): the förvaltning writes and revises the tjänsteutlåtande, sends referrals
 * (→ beredning) or goes straight to signing. After an återremiss the ärende comes back here; earlier documents stay.
 */
export async function utkast(ctx: ArendeContext): Promise<void> {
  await ctx.serve('utkast', {
    reviseDraft: (p, actor) => reviseDraft(ctx, p, actor),
    sendReferrals: (p, actor) => sendReferrals(ctx, p, actor),
    signTjansteutlatande: (p, actor) => signTjansteutlatande(ctx, p, actor),
  });
}

/** 2. Beredning: referrals to several bodies in parallel, each with its own due date and remiss document. */
async function sendReferrals(ctx: ArendeContext, p: SendReferrals, actor: string): Promise<Outcome> {
  const { state } = ctx;
  const today = ctx.today();
  const docs = await Promise.all(
    p.referrals.map((r) => ctx.render('remiss', remissData(ctx.input, state, r, p, today), { step: 'beredning', createdBy: actor })),
  );
  state.referrals = p.referrals.map((r, i) => ({
    recipient: r.recipient,
    dueDate: r.dueDate,
    questions: r.questions,
    sentAt: ctx.now(),
    documentId: docs[i].id,
  }));
  state.proceedWhenOverdue = p.proceedWhenOverdue;
  ctx.transition('beredning');
  return {
    message: `Remiss skickad till ${p.referrals.map((r) => `${r.recipient} (svar senast ${r.dueDate})`).join(', ')}`,
    documentIds: docs.map((d) => d.id),
  };
}
