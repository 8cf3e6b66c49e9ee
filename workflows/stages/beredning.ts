import { patched } from '@temporalio/workflow';
import type { ActionPayload } from '../../domain/actions';
import { isOverdue } from '../../domain/deadlines';
import { addDays, stockholmMidnight } from '../../domain/iso-date';
import type { ArendeContext, Outcome } from '../context';
import { yttrandeData } from '../documents';
import { unansweredReferrals } from '../../domain/arende-rules';

/**
 * 2. Beredning / samråd (docs/process.md, stage by stage): the referrals are out. Each answer (yttrande or "avstår") is recorded with
 * its document; when a due date passes a reminder is recorded. The beredning ends when all have answered, or, when the
 * policy says overdue is enough (proceedWhenOverdue), when every missing answer is overdue; finishBeredning ends it by
 * hand once every missing answer is overdue.
 */
export async function beredning(ctx: ArendeContext): Promise<void> {
  const { state } = ctx;
  await ctx.serve(
    'beredning',
    {
      recordReferralAnswer: (p, actor) => recordReferralAnswer(ctx, p, actor),
      finishBeredning: async (p) => {
        ctx.transition('signering', 'beredningen avslutad');
        const missing = unansweredReferrals(state).map((r) => r.recipient);
        return { message: `Beredningen avslutad${missing.length ? ` utan svar från ${missing.join(', ')}` : ''}${p.comment ? `: ${p.comment}` : ''}` };
      },
    },
    {
      tick: () => {
        remindOverdue(ctx);
        const missing = unansweredReferrals(state);
        if (missing.length === 0) ctx.transition('signering', 'alla remissinstanser har svarat');
        else if (state.proceedWhenOverdue && missing.every((r) => r.remindedAt))
          ctx.transition('signering', `svarstiden har gått ut för ${missing.map((r) => r.recipient).join(', ')}; enligt beslutad ordning går ärendet vidare`);
      },
      // The morning after the earliest due date that has not been reminded of.
      wakeAt: () => {
        const next = unansweredReferrals(state)
          .filter((r) => !r.remindedAt)
          .sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1))[0];
        return next ? stockholmMidnight(addDays(next.dueDate, 1)) : undefined;
      },
    },
  );
}

function remindOverdue(ctx: ArendeContext): void {
  const today = ctx.today();
  for (const r of unansweredReferrals(ctx.state)) {
    if (r.remindedAt || !isOverdue(r.dueDate, today)) continue;
    r.remindedAt = ctx.now();
    ctx.log('system', 'reminder', `Påminnelse: remissvar från ${r.recipient} saknas (sista svarsdag ${r.dueDate})`);
  }
}

async function recordReferralAnswer(ctx: ArendeContext, p: ActionPayload['recordReferralAnswer'], actor: string): Promise<Outcome> {
  const referral = ctx.state.referrals.find((r) => r.recipient.toLocaleLowerCase('sv') === p.recipient.toLocaleLowerCase('sv'));
  if (!referral) throw new Error('remissen finns inte'); // checked by the rules
  // The yttrande arrived as a file, registered as a handling of the ärende: that file is the answer (issue 15 p. 3).
  if (p.documentId && patched('referral-answer-file')) {
    referral.answer = { kind: p.answer, date: p.date ?? ctx.today(), by: actor, documentId: p.documentId };
    return { message: `Yttrande från ${referral.recipient} registrerat (inkommen handling)`, documentIds: [] };
  }
  const doc = await ctx.render('yttrande', yttrandeData(ctx.state, referral, p, ctx.today()), { step: 'beredning', createdBy: actor });
  referral.answer = { kind: p.answer, date: p.date ?? ctx.today(), by: actor, documentId: doc.id };
  return {
    message: p.answer === 'yttrande' ? `Yttrande från ${referral.recipient} registrerat` : `${referral.recipient} avstår från att yttra sig`,
    documentIds: [doc.id],
  };
}
