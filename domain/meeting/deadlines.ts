import { lastAppealDay, latestAnslagDate, latestJusteringDate } from '../deadlines';
import { addDays, compareIsoDates, type IsoDate } from '../iso-date';
import { isKf } from './model';

/**
 * The time limits of one meeting, each from the law that sets it (docs/meeting.md):
 * - kallelse (kungörelse) before a KF meeting: "minst en vecka före sammanträdesdagen" on the anslagstavla
 *   (kommunallagen (2017:725) 5 kap. 12 §), sent to every ledamot and ersättare within the same time (13 §);
 *   a nämnd's kallelse follows its reglemente (KL 6 kap. 24 §): no limit by law, none computed;
 * - justering within 14 days of the meeting (KL 5 kap. 69 §, for nämnder through 6 kap. 35 §; domain/deadlines.ts);
 * - the notice of the justering on the anslagstavla no later than the second day after it (KL 8 kap. 12 §);
 * - appeal within three weeks from the day the notice went up (KL 13 kap. 5 §), moved past non-working days;
 * - the notice stays up until the appeal period has ended (KL 8 kap. 12 § andra stycket): it comes down the day after.
 */

export const KF_KALLELSE_DAYS_BEFORE = 7;

/** The last day the kallelse of a KF meeting may be put up and sent; undefined for other organs. */
export function kallelseDeadline(organ: string, meetingDate: IsoDate): IsoDate | undefined {
  return isKf(organ) ? addDays(meetingDate, -KF_KALLELSE_DAYS_BEFORE) : undefined;
}

export function justeringDeadline(meetingDate: IsoDate): IsoDate {
  return latestJusteringDate(meetingDate);
}

export function anslagDeadline(justeringDate: IsoDate): IsoDate {
  return latestAnslagDate(justeringDate);
}

/** The dates of a notice that goes up on `upDate`. */
export function noticePeriod(upDate: IsoDate): { upDate: IsoDate; lastAppealDay: IsoDate; downDate: IsoDate } {
  const last = lastAppealDay(upDate);
  return { upDate, lastAppealDay: last, downDate: addDays(last, 1) };
}

export type DeadlineStatus = 'ok' | 'idag' | 'passerad';

/** Whether `deadline` is still ahead, today, or passed (for the flags on the meeting page). */
export function deadlineStatus(deadline: IsoDate, today: IsoDate): DeadlineStatus {
  const c = compareIsoDates(today, deadline);
  return c < 0 ? 'ok' : c === 0 ? 'idag' : 'passerad';
}

export interface MeetingDeadline {
  kind: 'kallelse' | 'justering' | 'anslag' | 'overklagande';
  label: string;
  date: IsoDate;
  status: DeadlineStatus;
  /** Met: the step was done (and when). */
  doneOn?: IsoDate;
  law: string;
}

/** Every limit that applies to the meeting now, with its status, for the meeting page. */
export function meetingDeadlines(
  m: { organ: string; date: IsoDate; kallelseSentOn?: IsoDate; justeradOn?: IsoDate; anslagOn?: IsoDate },
  today: IsoDate,
): MeetingDeadline[] {
  const out: MeetingDeadline[] = [];
  const status = (date: IsoDate, doneOn?: IsoDate): DeadlineStatus =>
    doneOn ? (compareIsoDates(doneOn, date) <= 0 ? 'ok' : 'passerad') : deadlineStatus(date, today);
  const k = kallelseDeadline(m.organ, m.date);
  if (k)
    out.push({
      kind: 'kallelse',
      label: 'Kungörelse och kallelse senast',
      date: k,
      status: status(k, m.kallelseSentOn),
      ...(m.kallelseSentOn ? { doneOn: m.kallelseSentOn } : {}),
      law: 'KL 5 kap. 12 §',
    });
  const j = justeringDeadline(m.date);
  out.push({
    kind: 'justering',
    label: 'Justering senast',
    date: j,
    status: status(j, m.justeradOn),
    ...(m.justeradOn ? { doneOn: m.justeradOn } : {}),
    law: 'KL 5 kap. 69 §',
  });
  if (m.justeradOn) {
    const a = anslagDeadline(m.justeradOn);
    out.push({
      kind: 'anslag',
      label: 'Anslag senast',
      date: a,
      status: status(a, m.anslagOn),
      ...(m.anslagOn ? { doneOn: m.anslagOn } : {}),
      law: 'KL 8 kap. 12 §',
    });
  }
  if (m.anslagOn) {
    const o = lastAppealDay(m.anslagOn);
    out.push({ kind: 'overklagande', label: 'Sista dag för överklagande', date: o, status: deadlineStatus(o, today), law: 'KL 13 kap. 5 §' });
  }
  return out;
}
