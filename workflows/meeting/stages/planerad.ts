import type { MeetingPayload } from '../../../domain/meeting/schemas';
import { ERROR_CODES, Refused } from '../../engine';
import { activities, type MeetingContext, type StageWork, type Step } from '../context';
import { kallelseData, kungorelseNotice } from '../documents';

/**
 * Planerad: the secretary sets time and place and puts the items on the meeting in the order they will be dealt with
 * (the adoption ärenden, other business, the standard items), then sends the kallelse with the föredragningslista
 * (→ kallad). An adoption ärende is booked on this meeting in the ärende itself before it becomes an item.
 */
export function planerad(ctx: MeetingContext): Promise<void> {
  return ctx.serve('planerad', PLANNING);
}

/** Planning goes on after the kallelse is sent (kallad): a change then makes a new version of it. */
export const PLANNING: StageWork = {
  before: { addArende: bookArende },
  effects: { renderKallelse: sendKallelse },
};

/** The ärende's own placeOnMeeting first: an ärende that cannot be placed is refused here and nothing changes. */
async function bookArende(ctx: MeetingContext, a: MeetingPayload['addArende']): Promise<void> {
  const s = ctx.state;
  const r = await activities.placeArendeOnMeeting({
    arendeId: a.arendeId,
    meetingDate: s.date,
    time: s.time,
    place: s.place,
    ...(a.rapporteur ? { rapporteur: a.rapporteur } : {}),
    requestId: `plac-${a.requestId}`.slice(0, 64),
    actor: a.actor,
  });
  if (!r.ok) throw new Refused(ERROR_CODES.precondition, `Ärendet kan inte placeras på sammanträdet ${s.date}: ${r.message}`);
}

/** The kallelse and föredragningslista as one PDF; KF's meeting is also announced on the anslagstavla (kungörelse). */
async function sendKallelse(ctx: MeetingContext, e: { version: number }, step: Step): Promise<void> {
  const s = ctx.state;
  const doc = await ctx.render('kallelse', kallelseData(s, e.version, ctx.input), {
    version: e.version,
    handling: `kallelse|${s.organName}|${s.date}`,
    createdBy: step.actor,
  });
  s.kallelser[s.kallelser.length - 1].documentIds.push(doc.id);
  step.documentIds.push(doc.id);
  if (s.organ === 'KF') await activities.postNotice({ kommunkod: s.kommunkod, notice: kungorelseNotice(s, e.version) });
}
