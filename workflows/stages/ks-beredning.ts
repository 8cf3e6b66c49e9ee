import type { ActionPayload } from '../../domain/actions';
import type { ArendeContext, Outcome } from '../context';
import { hemstallanRequest } from '../documents';

/**
 * 6. Överlämnande till KF (docs/process.md, stage by stage): kommunstyrelsen prepares the ärende and gives its förslag to KF; then the
 * ärende is placed on KF's next open meeting.
 */
export async function ksBeredning(ctx: ArendeContext): Promise<void> {
  await ctx.serve('ks_beredning', { recordKsBeredning: (p, actor) => recordKsBeredning(ctx, p, actor) });
}

async function recordKsBeredning(ctx: ArendeContext, p: ActionPayload['recordKsBeredning'], actor: string): Promise<Outcome> {
  const { state } = ctx;
  const proposals = p.proposals ?? hemstallanRequest(state);
  state.ksBeredning = { meetingDate: p.meetingDate, ...(p.paragraph ? { paragraph: p.paragraph } : {}), proposals, by: actor };
  state.organ = 'kf';
  state.meeting = undefined;
  ctx.transition('placering', 'kommunstyrelsen har berett ärendet');
  return {
    message: `Kommunstyrelsen har berett ärendet ${p.meetingDate}${p.paragraph ? ` § ${p.paragraph}` : ''}; förslag till kommunfullmäktige: ${proposals.join(' ')}${p.comment ? ` (${p.comment})` : ''}`,
  };
}
