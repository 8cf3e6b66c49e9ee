import { z } from 'zod';
import { printable } from './text';
import { compareIsoDates, daysInMonth, isoDateFieldSchema, isoWeekday, type IsoDate } from './iso-date';
import { addWorkingDays, nextWorkingDay } from './swedish-calendar';

/**
 * A body's sammanträdesplan: its meetings of the year, each with the last day for documents
 * (the tjänsteutlåtande must be signed and registered by then to get on the agenda). The messages name fields in
 * Swedish only (issue 15 p. 5): the API's `fields[].field` carries the machine name, a form shows the message as is.
 */

export const meetingSchema = z
  .object({
    date: isoDateFieldSchema('Sammanträdesdag'),
    documentDeadline: isoDateFieldSchema('Sista dag för handlingar'),
  })
  .superRefine((m, ctx) => {
    if (compareIsoDates(m.documentDeadline, m.date) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['documentDeadline'],
        message: `Sista dag för handlingar ${m.documentDeadline} får inte vara efter sammanträdesdagen ${m.date}`,
      });
    }
  });
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingPlanSchema = z
  .object({
    organ: printable(z.string({ error: 'Organet måste vara en text, t.ex. SN, KS eller KF' }))
      .trim()
      .min(1, { message: 'Organet får inte vara tomt, skriv t.ex. SN, KS eller KF' }),
    name: printable(z.string({ error: 'Namnet måste vara en text, t.ex. Socialnämnden' }))
      .trim()
      .min(1, { message: 'Namnet får inte vara tomt, skriv t.ex. Socialnämnden' }),
    meetings: z.array(meetingSchema, { error: 'Sammanträdena måste vara en lista' }),
  })
  .superRefine((plan, ctx) => {
    for (let i = 1; i < plan.meetings.length; i++) {
      const prev = plan.meetings[i - 1].date;
      const cur = plan.meetings[i].date;
      const cmp = compareIsoDates(prev, cur);
      if (cmp === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['meetings', i, 'date'],
          message: `Sammanträdesdagen ${cur} finns två gånger i sammanträdesplanen; varje dag får bara förekomma en gång`,
        });
      } else if (cmp > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['meetings', i, 'date'],
          message: `Sammanträdena måste stå i datumordning: ${cur} kommer efter ${prev}`,
        });
      }
    }
  });
export type MeetingPlan = z.infer<typeof meetingPlanSchema>;

/** The first meeting that can still take new documents: its documentDeadline is on or after `today`. */
export function nextOpenMeeting(plan: MeetingPlan, today: IsoDate): Meeting | undefined {
  return plan.meetings.find((m) => compareIsoDates(m.documentDeadline, today) >= 0);
}

/** The meetings held strictly after `date`, in order. */
export function meetingsAfter(plan: MeetingPlan, date: IsoDate): Meeting[] {
  return plan.meetings.filter((m) => compareIsoDates(m.date, date) > 0);
}

/** The last meeting held on or before `date`, if any. */
export function lastMeetingOnOrBefore(plan: MeetingPlan, date: IsoDate): Meeting | undefined {
  let found: Meeting | undefined;
  for (const m of plan.meetings) {
    if (compareIsoDates(m.date, date) <= 0) found = m;
    else break;
  }
  return found;
}

/** The default last day for documents: `workingDaysBefore` working days before the meeting (the meeting day not counted). */
export function defaultDocumentDeadline(meetingDate: IsoDate, workingDaysBefore = 10): IsoDate {
  return addWorkingDays(meetingDate, -workingDaysBefore);
}

export const meetingPatternSchema = z.object({
  /** ISO weekday of the meetings: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1, { message: 'Veckodag (weekday) måste vara 1–7' }).max(7, { message: 'Veckodag (weekday) måste vara 1–7' }),
  /** Which such weekday of the month: 1–4, or 'last'. */
  week: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal('last')], {
    error: "Vecka (week) måste vara 1, 2, 3, 4 eller 'last'",
  }),
  /** Months (1–12) without a meeting; default July. */
  skipMonths: z.array(z.number().int().min(1).max(12)).default([7]),
  /** Working days between the document deadline and the meeting; default 10. */
  documentDeadlineWorkingDays: z.number().int().min(0).default(10),
});
export type MeetingPattern = z.input<typeof meetingPatternSchema>;

/**
 * Default patterns when a body has no stored plan (documented in docs/process.md): the nämnd meets the third Tuesday,
 * KS the first Wednesday, KF the last Monday of each month except July; documents ten working days before.
 */
export const DEFAULT_PATTERNS: Record<'namnd' | 'ks' | 'kf', MeetingPattern> = {
  namnd: { weekday: 2, week: 3 },
  ks: { weekday: 3, week: 1 },
  kf: { weekday: 1, week: 'last' },
};

function nthWeekdayOfMonth(year: number, month: number, weekday: number, week: 1 | 2 | 3 | 4 | 'last'): IsoDate {
  const mm = String(month).padStart(2, '0');
  const first = `${year}-${mm}-01`;
  const offset = (weekday - isoWeekday(first) + 7) % 7;
  let day = 1 + offset + (week === 'last' ? 0 : (week - 1) * 7);
  if (week === 'last') while (day + 7 <= daysInMonth(year, month)) day += 7;
  return `${year}-${mm}-${String(day).padStart(2, '0')}`;
}

/**
 * A plausible sammanträdesplan for demo data and tests: one meeting a month on the given weekday of the given week
 * (moved to the next working day when that is a holiday), no meeting in `skipMonths` (July by default),
 * document deadlines `documentDeadlineWorkingDays` working days before. `year` may be several years.
 */
export function generateMeetingPlan(organ: string, name: string, year: number | readonly number[], pattern: MeetingPattern): MeetingPlan {
  const p = meetingPatternSchema.parse(pattern);
  const years = typeof year === 'number' ? [year] : [...year].sort((a, b) => a - b);
  const meetings: Meeting[] = [];
  for (const y of years) {
    for (let month = 1; month <= 12; month++) {
      if (p.skipMonths.includes(month)) continue;
      const date = nextWorkingDay(nthWeekdayOfMonth(y, month, p.weekday, p.week));
      meetings.push({ date, documentDeadline: defaultDocumentDeadline(date, p.documentDeadlineWorkingDays) });
    }
  }
  return meetingPlanSchema.parse({ organ, name, meetings });
}
