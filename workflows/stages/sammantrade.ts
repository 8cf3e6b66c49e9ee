import type { ActionPayload } from '../../domain/actions';
import type { ArendeContext, Outcome } from '../context';
import type { Decision } from '../../domain/arende-state';
import { book, deciderPlan, meetingAfter, placeOnMeeting } from './placering';

/**
 * 3. Nämndens beslut / 7. KF:s beslut (docs/process.md, stage by stage): the meeting decides, as a numbered paragraph with any
 * reservations. bifall (possibly amended) → justering; avslag → justering, then the ärende ends; återremiss with a
 * reason → back to the utkast (earlier documents stay); bordläggning → the next meeting. In KF a third of those present
 * can force one återremiss or bordläggning per ärende (minority: true with the counts; KL 5 kap. 50 §).
 */
export async function sammantrade(ctx: ArendeContext): Promise<void> {
  await ctx.serve('sammantrade', {
    recordDecision: (p, actor) => recordDecision(ctx, p, actor),
    placeOnMeeting: (p, actor) => placeOnMeeting(ctx, p, actor),
  });
}

function defaultDecisionText(ctx: ArendeContext, outcome: Decision['outcome'], organName: string): string[] {
  const { state } = ctx;
  if (outcome === 'avslag') return [`${organName} avslår förslaget.`];
  if (outcome === 'aterremiss') return [`Ärendet återremitteras.`];
  if (outcome === 'bordlaggning') return [`Ärendet bordläggs.`];
  if (state.organ === 'kf') return state.ksBeredning?.proposals ?? [`Kommunfullmäktige bifaller förslaget.`];
  return state.draft.content.proposals;
}

async function recordDecision(ctx: ArendeContext, p: ActionPayload['recordDecision'], actor: string): Promise<Outcome> {
  const { state } = ctx;
  const meeting = state.meeting;
  if (!meeting) throw new Error('inget sammanträde'); // checked by the rules
  const decision: Decision = {
    organ: state.organ,
    organName: meeting.organName,
    meetingDate: meeting.date,
    paragraph: p.paragraph,
    outcome: p.outcome,
    decisionText: p.decisionText ?? defaultDecisionText(ctx, p.outcome, meeting.organName),
    ...(p.reason ? { reason: p.reason } : {}),
    reservations: p.reservations,
    minority: p.minority,
    ...(p.minority && p.membersPresent !== undefined && p.membersRequesting !== undefined
      ? { minorityCount: { present: p.membersPresent, requesting: p.membersRequesting } }
      : {}),
    ...(p.immediateJustering ? { immediateJustering: true } : {}),
    ...(p.decisionProcess ? { decisionProcess: p.decisionProcess } : {}),
    recordedAt: ctx.now(),
    recordedBy: actor,
  };
  state.decisions.push(decision);
  if (p.minority) state.minorityUsed = true;
  const immediate = p.immediateJustering ? '; paragrafen justeras omedelbart' : '';
  const where = `${meeting.organName} ${meeting.date} § ${p.paragraph}`;
  const reservations = p.reservations.length ? `; reservation: ${p.reservations.map((r) => r.who).join(', ')}` : '';
  const minority = !p.minority
    ? ''
    : p.membersPresent !== undefined && p.membersRequesting !== undefined
      ? ` på begäran av ${p.membersRequesting} av ${p.membersPresent} närvarande (minst en tredjedel, KL 5 kap. 50 §)`
      : ' på begäran av en tredjedel av de närvarande';

  switch (p.outcome) {
    case 'bifall':
      ctx.transition('justering');
      return { message: `Bifall (${where})${p.decisionText ? ' med ändrad beslutstext' : ''}${reservations}${immediate}` };
    case 'avslag':
      ctx.transition('justering');
      return { message: `Avslag (${where})${reservations}${immediate}` };
    case 'aterremiss':
      state.signatures = {};
      state.meeting = undefined;
      ctx.transition('utkast', `återremiss: ${p.reason}`);
      return { message: `Återremiss${minority} (${where}): ${p.reason}` };
    case 'bordlaggning': {
      const { plan, keep } = await deciderPlan(ctx);
      keep();
      const next = meetingAfter(plan, meeting.date);
      if (!next) {
        state.meeting = undefined;
        ctx.transition('placering', 'bordlagt; inget senare sammanträde i planen');
        return { message: `Bordläggning${minority} (${where}); inget senare sammanträde finns i planen` };
      }
      const doc = await book(ctx, plan, next, { time: meeting.time, place: meeting.place }, actor);
      return { message: `Bordläggning${minority} (${where}); ärendet tas upp ${next.date}`, documentIds: [doc.id] };
    }
  }
}
