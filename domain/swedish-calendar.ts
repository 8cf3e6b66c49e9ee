import Holidays from 'date-holidays';
import { addDays, isIsoDate, isoWeekday, type IsoDate } from './iso-date';

/**
 * The Swedish calendar for legal time limits.
 *
 * - Public holidays (allmänna helgdagar, lag (1989:253)) come from `date-holidays`, country SE, **type 'public' only**.
 *   For SE that is: nyårsdagen, trettondedag jul, långfredagen, påskdagen, annandag påsk, första maj,
 *   Kristi himmelsfärdsdag, pingstdagen, nationaldagen, midsommardagen, alla helgons dag, juldagen, annandag jul.
 * - The library lists midsommarafton, julafton and nyårsafton as type 'bank' and påskafton/pingstafton as
 *   'observance', and other aftons (trettondagsafton, valborgsmässoafton, allhelgonaafton) as 'optional'.
 *   We do not use those types: the three aftons that lag (1930:173) om beräkning av lagstadgad tid 2 § names
 *   are computed here from their definitions, so the rule does not depend on how the library classifies them.
 *
 * `date-holidays` loads without Node built-ins (checked: no built-in module is required by it or its
 * dependencies), so this file can run in the Temporal workflow sandbox. It pulls in moment-timezone
 * (about 2 MB of code and data); moment reads the clock only when asked for "now", which we never do.
 */

let holidaysInstance: Holidays | undefined;
const publicHolidaysByYear = new Map<number, ReadonlyMap<IsoDate, string>>();

function holidays(): Holidays {
  holidaysInstance ??= new Holidays('SE');
  return holidaysInstance;
}

function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

function assertDate(date: IsoDate): void {
  if (!isIsoDate(date)) throw new RangeError(`Inte ett datum: ${date}`);
}

/** The allmänna helgdagar of a year (Sundays excepted), date → Swedish name. Memoized per year. */
export function swedishPublicHolidays(year: number): ReadonlyMap<IsoDate, string> {
  let map = publicHolidaysByYear.get(year);
  if (!map) {
    const m = new Map<IsoDate, string>();
    for (const h of holidays().getHolidays(year)) {
      // `date` is the local (Europe/Stockholm) date and time, 'YYYY-MM-DD hh:mm:ss'.
      if (h.type === 'public') m.set(h.date.slice(0, 10), h.name);
    }
    map = m;
    publicHolidaysByYear.set(year, map);
  }
  return map;
}

/** True on an allmän helgdag other than an ordinary Sunday (nyårsdagen … annandag jul). Aftons are not holidays. */
export function isSwedishPublicHoliday(date: IsoDate): boolean {
  assertDate(date);
  return swedishPublicHolidays(yearOf(date)).has(date);
}

/** Midsommarafton: the Friday before midsommardagen (the Saturday 20–26 June), i.e. the Friday 19–25 June. */
export function midsommarafton(year: number): IsoDate {
  for (let day = 19; day <= 25; day++) {
    const date = `${year}-06-${day}`;
    if (isoWeekday(date) === 5) return date;
  }
  throw new Error('unreachable: every 7-day range has a Friday');
}

export type StatutoryAfton = 'midsommarafton' | 'julafton' | 'nyårsafton';

/** The afton days that lag (1930:173) 2 § treats like holidays for time limits; undefined on other days. */
export function statutoryAfton(date: IsoDate): StatutoryAfton | undefined {
  assertDate(date);
  const monthDay = date.slice(5);
  if (monthDay === '12-24') return 'julafton';
  if (monthDay === '12-31') return 'nyårsafton';
  if (date === midsommarafton(yearOf(date))) return 'midsommarafton';
  return undefined;
}

/**
 * Why a day is not a working day for a legal time limit, in Swedish ('lördag', 'söndag', 'juldagen', 'julafton' …),
 * or undefined when it is a working day. A holiday on a Sunday is named by the holiday.
 */
export function nonWorkingDayReason(date: IsoDate): string | undefined {
  assertDate(date);
  const holiday = swedishPublicHolidays(yearOf(date)).get(date);
  if (holiday) return holiday;
  const afton = statutoryAfton(date);
  if (afton) return afton;
  const wd = isoWeekday(date);
  if (wd === 6) return 'lördag';
  if (wd === 7) return 'söndag';
  return undefined;
}

/**
 * Saturday, Sunday, another allmän helgdag, midsommarafton, julafton or nyårsafton: the days on which a legal
 * time limit may not end (lag (1930:173) om beräkning av lagstadgad tid 2 §).
 */
export function isNonWorkingDay(date: IsoDate): boolean {
  return nonWorkingDayReason(date) !== undefined;
}

export function isWorkingDay(date: IsoDate): boolean {
  return !isNonWorkingDay(date);
}

/**
 * `date` itself when it is a working day, otherwise the next working day.
 * Lag (1930:173) 2 § says "nästa vardag"; we read it, as is common practice, as the next day that is not itself
 * one of the days the law lists (so a deadline on Sunday 30 Dec 2029 moves past nyårsafton and nyårsdagen to 2 Jan).
 */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let d = date;
  while (isNonWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** `date` itself when it is a working day, otherwise the closest working day before it. */
export function previousWorkingDay(date: IsoDate): IsoDate {
  let d = date;
  while (isNonWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/**
 * Moves `days` working days from `date` (negative: backwards). `date` itself is not counted:
 * addWorkingDays(friday, 1) is the next Monday (when that is a working day).
 */
export function addWorkingDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Antal arbetsdagar måste vara ett heltal: ${days}`);
  const step = days < 0 ? -1 : 1;
  let d = date;
  for (let left = Math.abs(days); left > 0; ) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left--;
  }
  return d;
}
