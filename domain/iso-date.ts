import { z } from 'zod';

/**
 * A calendar date in Europe/Stockholm, written as ISO 8601 `YYYY-MM-DD`.
 * Dates are values, not instants: arithmetic is done on the date itself, never on a Date in local time.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is written YYYY-MM-DD and names a day that exists (2027-04-31 does not). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** zod schema for an IsoDate; the message is Swedish because it reaches the user. */
export const isoDateSchema = z.string().refine(isIsoDate, { message: 'måste vara ett datum som finns, skrivet ÅÅÅÅ-MM-DD (t.ex. 2027-04-30)' });

function toUtc(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`Inte ett datum: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Same day of month `months` later, clamped to the month's last day (31 jan + 1 month = 28/29 feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const d = toUtc(date);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const target = new Date(Date.UTC(y, m, 1));
  const day = Math.min(d.getUTCDate(), daysInMonth(target.getUTCFullYear(), target.getUTCMonth() + 1));
  target.setUTCDate(day);
  return fromUtc(target);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const wd = toUtc(date).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxIsoDate(...dates: IsoDate[]): IsoDate {
  return dates.reduce((m, d) => (d > m ? d : m));
}

export const STOCKHOLM_TZ = 'Europe/Stockholm';

/** The calendar date in Europe/Stockholm at the instant `at` (workflow time or wall clock). */
export function stockholmDate(at: Date | number): IsoDate {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: STOCKHOLM_TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(typeof at === 'number' ? new Date(at) : at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The instant of 00:00 Europe/Stockholm on `date` (for durable timers that wake on a date). */
export function stockholmMidnight(date: IsoDate): Date {
  const utcMidnight = toUtc(date).getTime();
  // Offset of Stockholm at that moment (CET +1 or CEST +2); try both and keep the one that maps back to the date.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(utcMidnight - offsetHours * 3_600_000);
    const hh = new Intl.DateTimeFormat('en-GB', { timeZone: STOCKHOLM_TZ, hour: '2-digit', hourCycle: 'h23' }).format(candidate);
    if (stockholmDate(candidate) === date && hh === '00') return candidate;
  }
  return new Date(utcMidnight - 3_600_000);
}

/** Like `isoDateSchema`, but the Swedish message names the field, e.g. `isoDateFieldSchema('Sammanträdesdag')`. */
export function isoDateFieldSchema(label: string) {
  return z
    .string({ error: `${label} måste vara ett datum skrivet ÅÅÅÅ-MM-DD` })
    .refine(isIsoDate, { message: `${label} måste vara ett datum som finns, skrivet ÅÅÅÅ-MM-DD (t.ex. 2027-04-30)` });
}
