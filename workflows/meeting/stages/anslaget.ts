import { stockholmMidnight } from '../../../domain/iso-date';
import { nowIso, nowMs } from '../../engine';
import { anslagPending, feedAnslag } from '../arenden';
import type { MeetingContext } from '../context';

/**
 * Anslaget: the notice is on the anslagstavla for the three weeks of the appeal period. On the day it goes up, each
 * adoption ärende with a justerat bifall gets its anslag (its own appeal period runs from that day); the day after the
 * last day for appeal the notice is down and the meeting has ended (→ nedtaget). No step is allowed any more.
 */
export function anslaget(ctx: MeetingContext): Promise<void> {
  return ctx.serve('anslaget', { effects: {} }, { tick: () => onTheDay(ctx), wakeAt: () => nextDay(ctx) });
}

async function onTheDay(ctx: MeetingContext): Promise<void> {
  const s = ctx.state;
  const n = s.notice;
  if (!n) return;
  if (anslagPending(s) && nowMs() >= stockholmMidnight(n.upDate).getTime()) {
    await feedAnslag(s);
    return;
  }
  if (nowMs() >= stockholmMidnight(n.downDate).getTime()) {
    s.status = 'nedtaget';
    n.takenDownAt = nowIso();
    s.log.push({
      at: n.takenDownAt,
      actor: 'system',
      action: 'nedtaget',
      text: `Överklagandetiden har gått ut (sista dag ${n.lastAppealDay}); anslaget är nedtaget`,
    });
  }
}

/** The next of the notice's first and last day still to come (the last day once both have passed). */
function nextDay(ctx: MeetingContext): Date | undefined {
  const n = ctx.state.notice;
  if (!n) return undefined;
  const days = [n.upDate, n.downDate].map((d) => stockholmMidnight(d).getTime());
  const ahead = days.filter((t) => t > nowMs());
  return new Date(ahead.length > 0 ? Math.min(...ahead) : days[1]);
}
