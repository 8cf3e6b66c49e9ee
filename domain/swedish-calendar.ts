import { addDays, isIsoDate, isoWeekday, type IsoDate } from './iso-date';

/**
 * The Swedish calendar for legal time limits.
 *
 * - Public holidays (allmänna helgdagar) are computed from their definitions in lag (1989:253) om allmänna
 *   helgdagar: nyårsdagen, trettondedag jul, långfredagen, påskdagen, annandag påsk, första maj, Kristi
 *   himmelsfärdsdag, pingstdagen, nationaldagen (since 2005; annandag pingst before), midsommardagen, alla helgons
 *   dag, juldagen, annandag jul. Påskdagen by the Gregorian computus.
 * - The three aftons that lag (1930:173) om beräkning av lagstadgad tid 2 § names (midsommarafton, julafton,
 *   nyårsafton) are computed here too.
 *
 * Why not `date-holidays` here: this module runs inside every workflow, and each workflow cached by the worker holds
 * its own copy of the bundle's modules. date-holidays brings moment-timezone and astronomia (most of the 10.5 MB
 * bundle); docs/benchmarks.md measured 3–7 MB of heap per cached workflow. date-holidays stays the reference:
 * test/unit/swedish-calendar.test.ts checks these rules against it for every year 2005–2200.
 */

const publicHolidaysByYear = new Map<number, ReadonlyMap<IsoDate, string>>();

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (year: number, month: number, day: number): IsoDate => `${year}-${pad(month)}-${pad(day)}`;

/** Påskdagen (Easter Sunday) of a Gregorian year: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** The Saturday among the seven days from `first` (midsommardagen: 20–26 June; alla helgons dag: 31 Oct–6 Nov). */
function saturdayFrom(first: IsoDate): IsoDate {
  let d = first;
  while (isoWeekday(d) !== 6) d = addDays(d, 1);
  return d;
}

function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

function assertDate(date: IsoDate): void {
  if (!isIsoDate(date)) throw new RangeError(`Inte ett datum: ${date}`);
}

/** The allmänna helgdagar of a year (Sundays excepted), date → Swedish name, in date order. Memoized per year. */
export function swedishPublicHolidays(year: number): ReadonlyMap<IsoDate, string> {
  let map = publicHolidaysByYear.get(year);
  if (!map) {
    const easter = easterSunday(year);
    const days: Array<[IsoDate, string]> = [
      [ymd(year, 1, 1), 'nyårsdagen'],
      [ymd(year, 1, 6), 'trettondedag jul'],
      [addDays(easter, -2), 'långfredagen'],
      [easter, 'påskdagen'],
      [addDays(easter, 1), 'annandag påsk'],
      [ymd(year, 5, 1), 'första maj'],
      [addDays(easter, 39), 'Kristi himmelsfärdsdag'],
      [addDays(easter, 49), 'pingstdagen'],
      // SFS 2004:1320: nationaldagen became a holiday in 2005 in place of annandag pingst.
      year >= 2005 ? [ymd(year, 6, 6), 'nationaldagen'] : [addDays(easter, 50), 'annandag pingst'],
      [saturdayFrom(ymd(year, 6, 20)), 'midsommardagen'],
      [saturdayFrom(ymd(year, 10, 31)), 'alla helgons dag'],
      [ymd(year, 12, 25), 'juldagen'],
      [ymd(year, 12, 26), 'annandag jul'],
    ];
    map = new Map(days.sort((x, y) => x[0].localeCompare(y[0])));
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
  for (let left = Math.abs(days); left > 0;) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left--;
  }
  return d;
}
