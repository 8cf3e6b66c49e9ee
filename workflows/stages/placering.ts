import type { ActionPayload } from '../../domain/actions';
import { compareIsoDates, type IsoDate } from '../../domain/iso-date';
import { meetingsAfter, nextOpenMeeting, type Meeting, type MeetingPlan } from '../../domain/meetings';
import { activities, type ArendeContext, type Outcome } from '../context';
import { foredragningslistaData } from '../documents';
import { Rejection } from '../../domain/arende-rules';

/**
 * 3/7. Placering (docs/process.md, stage by stage): the ärende goes on the deciding body's next meeting whose document deadline is
 * still open (the nämnd's, or KF's in the KF phase), read from the body's sammanträdesplan. It waits here only when
 * the plan has no open meeting; placeOnMeeting then names one once the plan has it.
 */
export async function placering(ctx: ArendeContext): Promise<void> {
  const { plan, keep } = await deciderPlan(ctx);
  keep();
  const meeting = nextOpenMeeting(plan, ctx.today());
  if (meeting) await book(ctx, plan, meeting, { time: '13:00', place: 'Sammanträdesrummet' }, 'system');
  else ctx.log('system', 'placering', `${plan.name} har inget sammanträde med öppen sista dag för handlingar; ärendet väntar på placering`);
  await ctx.serve('placering', { placeOnMeeting: (p, actor) => placeOnMeeting(ctx, p, actor) });
}

/**
 * The deciding body's plan, fresh from its entity workflow. `keep()` stores the three plans in the state for the
 * planner; an action that is then refused does not call it, so that a refusal changes nothing.
 */
export async function deciderPlan(ctx: ArendeContext): Promise<{ plan: MeetingPlan; keep: () => void }> {
  const { state, input } = ctx;
  const plans = await activities.getMeetingPlans({ kommunkod: input.kommunkod, namnd: input.namnd, today: ctx.today() });
  return {
    plan: state.organ === 'kf' ? plans.kf : plans.namnd,
    keep: () => {
      state.meetingPlans = { namnd: plans.namnd, ks: plans.ks, kf: plans.kf };
    },
  };
}

/** placeOnMeeting: the named meeting of the plan (its document deadline still open), or the next open one. */
export async function placeOnMeeting(ctx: ArendeContext, p: ActionPayload['placeOnMeeting'], actor: string): Promise<Outcome> {
  const { plan, keep } = await deciderPlan(ctx);
  const today = ctx.today();
  let meeting: Meeting | undefined;
  if (p.meetingDate) {
    meeting = plan.meetings.find((m) => m.date === p.meetingDate);
    const dates = plan.meetings
      .filter((m) => compareIsoDates(m.documentDeadline, today) >= 0)
      .slice(0, 6)
      .map((m) => m.date)
      .join(', ');
    if (!meeting) throw field('not_in_plan', `${plan.name} har inget sammanträde ${p.meetingDate}; öppna sammanträden: ${dates || 'inga'}`);
    if (compareIsoDates(meeting.documentDeadline, today) < 0)
      throw field('deadline_passed', `sista dag för handlingar till sammanträdet ${meeting.date} var ${meeting.documentDeadline}`);
  } else {
    meeting = nextOpenMeeting(plan, today);
    if (!meeting) throw new Rejection('PRECONDITION_FAILED', `${plan.name} har inget sammanträde med öppen sista dag för handlingar i sammanträdesplanen.`);
  }
  keep();
  const doc = await book(ctx, plan, meeting, { time: p.time, place: p.place, rapporteur: p.rapporteur }, actor);
  return { message: `Placerat på ${plan.name}s sammanträde ${meeting.date}`, documentIds: [doc.id] };
}

function field(rule: string, message: string): Rejection {
  return new Rejection('VALIDATION_FAILED', `Fel i meetingDate: ${message}`, [{ field: 'meetingDate', rule, message }]);
}

/** Books the meeting, writes the item of the föredragningslista and moves to sammanträde. */
export async function book(
  ctx: ArendeContext,
  plan: MeetingPlan,
  meeting: Meeting,
  where: { time: string; place: string; rapporteur?: string },
  actor: string,
) {
  const { state } = ctx;
  state.meeting = {
    organ: state.organ,
    organName: plan.name,
    date: meeting.date,
    documentDeadline: meeting.documentDeadline,
    time: where.time,
    place: where.place,
  };
  const doc = await ctx.render('foredragningslista', foredragningslistaData(state, state.meeting, where.rapporteur), { step: 'placering', createdBy: actor });
  state.meeting.documentId = doc.id;
  ctx.transition('sammantrade', `på ${plan.name}s sammanträde ${meeting.date}`);
  return doc;
}

/** Bordläggning: the next meeting after `after` (the documents are already in). */
export function meetingAfter(plan: MeetingPlan, after: IsoDate): Meeting | undefined {
  return meetingsAfter(plan, after)[0];
}
