import { addDays, compareIsoDates, isIsoDate, type IsoDate } from './iso-date';
import { nextWorkingDay } from './swedish-calendar';

/**
 * Legal time limits of the decision process (docs/process.md: justering, anslag, overklagandetid).
 * All periods are counted in calendar days on IsoDate values.
 */

/** "Tre veckor" (KL 13:5). */
export const APPEAL_PERIOD_DAYS = 21;

/** Anslag "senast andra dagen efter justeringen" (KL 8:12). */
export const ANSLAG_MAX_DAYS_AFTER_JUSTERING = 2;

/** Justering "senast 14 dagar efter sammanträdet" (see latestJusteringDate). */
export const JUSTERING_MAX_DAYS_AFTER_MEETING = 14;

/**
 * The last day to appeal a decision by laglighetsprövning: an appeal must reach förvaltningsrätten "inom tre veckor
 * från den dag då det tillkännagavs på kommunens anslagstavla att protokollet justerats" (kommunallagen (2017:725)
 * 13 kap. 5 §). Three weeks from a Thursday end on the Thursday three weeks later (2024-06-20 → 2024-07-11).
 * When that day is a Saturday, Sunday, another public holiday, midsommarafton, julafton or nyårsafton, the period
 * ends on the next working day (lag (1930:173) om beräkning av lagstadgad tid 2 §).
 */
export function lastAppealDay(anslagDate: IsoDate): IsoDate {
  return nextWorkingDay(addDays(anslagDate, APPEAL_PERIOD_DAYS));
}

export interface AppealPeriod {
  /** The day of the anslag (tillkännagivandet); the period runs from here. */
  from: IsoDate;
  /** The last day to appeal, moved past non-working days. */
  to: IsoDate;
  /** Three weeks after `from` before moving: differs from `to` when the end fell on a non-working day. */
  unadjustedEnd: IsoDate;
}

/** The appeal period of an anslag, for an anslagsbevis (KL 13:5, lag (1930:173) 2 §). */
export function appealPeriod(anslagDate: IsoDate): AppealPeriod {
  const unadjustedEnd = addDays(anslagDate, APPEAL_PERIOD_DAYS);
  return { from: anslagDate, to: nextWorkingDay(unadjustedEnd), unadjustedEnd };
}

/**
 * The latest day to post the notice that the protocol is justerat: "senast andra dagen efter justeringen"
 * (KL 8 kap. 12 §). Counted in calendar days and not moved past weekends or holidays: the anslagstavla is digital
 * and a posting on a Saturday is possible. (Whether lag (1930:173) could extend it is not relied on; this is the
 * safe date.) Justering on a Friday → anslag no later than the Sunday.
 */
export function latestAnslagDate(justeringDate: IsoDate): IsoDate {
  return addDays(justeringDate, ANSLAG_MAX_DAYS_AFTER_JUSTERING);
}

/**
 * The latest day to justera the protocol of a meeting: 14 calendar days after the meeting.
 * What we are sure of: municipalities consistently state the rule "protokollet ska justeras senast 14 dagar efter
 * sammanträdet", which follows KL 5 kap. 69–70 §§ (fullmäktige; applied to nämnder via KL 6 kap.).
 * *(unverified)*: the exact section, and whether lag (1930:173) moves it when it ends on a holiday — we do not move it.
 * A paragraph can instead be omedelbart justerad at the meeting itself.
 */
export function latestJusteringDate(meetingDate: IsoDate): IsoDate {
  return addDays(meetingDate, JUSTERING_MAX_DAYS_AFTER_MEETING);
}

/**
 * True when `today` is after `dueDate` (a remiss answer due on the 10th is overdue on the 11th, not on the 10th).
 * Referral deadlines are set by the sender, not by law.
 */
export function isOverdue(dueDate: IsoDate, today: IsoDate): boolean {
  for (const d of [dueDate, today]) if (!isIsoDate(d)) throw new RangeError(`Inte ett datum: ${d}`);
  return compareIsoDates(today, dueDate) > 0;
}

/**
 * The day a decision gains laga kraft if nobody appeals: the day after the last appeal day (KL 13:5 read with
 * lag (1930:173) 2 §). An appeal lodged in time postpones laga kraft until the court's judgment is final.
 * In practice an appeal sent on the last day may become known a few days later.
 */
export function lagaKraftDate(anslagDate: IsoDate): IsoDate {
  return addDays(lastAppealDay(anslagDate), 1);
}

/**
 * The latest anslag date for which the decision still gains laga kraft on or before `lagaKraftBy`
 * (the inverse of lagaKraftDate; used when planning backwards from a target date).
 */
export function latestAnslagForLagaKraft(lagaKraftBy: IsoDate): IsoDate {
  // lagaKraftDate is non-decreasing in the anslag date and at least 22 days after it.
  let anslag = addDays(lagaKraftBy, -(APPEAL_PERIOD_DAYS + 1));
  while (compareIsoDates(lagaKraftDate(anslag), lagaKraftBy) > 0) anslag = addDays(anslag, -1);
  return anslag;
}
