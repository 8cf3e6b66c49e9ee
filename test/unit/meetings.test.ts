import {
  defaultDocumentDeadline,
  generateMeetingPlan,
  lastMeetingOnOrBefore,
  meetingPlanSchema,
  meetingsAfter,
  nextOpenMeeting,
  type MeetingPlan,
} from '../../domain/meetings';
import { isoWeekday } from '../../domain/iso-date';
import { isWorkingDay } from '../../domain/swedish-calendar';

const plan: MeetingPlan = {
  organ: 'SN',
  name: 'Socialnämnden',
  meetings: [
    { date: '2026-05-19', documentDeadline: '2026-05-05' },
    { date: '2026-06-16', documentDeadline: '2026-06-02' },
    { date: '2026-08-18', documentDeadline: '2026-08-04' },
  ],
};

function messages(input: unknown): string[] {
  const r = meetingPlanSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('meetingPlanSchema', () => {
  it('accepts a valid plan', () => {
    expect(meetingPlanSchema.parse(plan)).toEqual(plan);
  });

  it('accepts the deadline on the meeting day itself', () => {
    expect(messages({ ...plan, meetings: [{ date: '2026-05-19', documentDeadline: '2026-05-19' }] })).toEqual([]);
  });

  it('rejects a date that does not exist, naming the field', () => {
    const m = messages({ ...plan, meetings: [{ date: '2027-04-31', documentDeadline: '2027-04-15' }] });
    expect(m).toEqual(['meetings.0.date: Sammanträdesdag måste vara ett datum som finns, skrivet ÅÅÅÅ-MM-DD (t.ex. 2027-04-30)']);
  });

  it('rejects a deadline after the meeting', () => {
    const m = messages({ ...plan, meetings: [{ date: '2026-05-19', documentDeadline: '2026-05-20' }] });
    expect(m).toHaveLength(1);
    expect(m[0]).toMatch(/^meetings\.0\.documentDeadline: Sista dag för handlingar 2026-05-20 får inte vara efter sammanträdesdagen 2026-05-19/);
  });

  it('rejects meetings out of order and duplicates', () => {
    const [a, b, c] = plan.meetings;
    expect(messages({ ...plan, meetings: [a, c, b] })).toEqual(['meetings.2.date: Sammanträdena måste stå i datumordning: 2026-06-16 kommer efter 2026-08-18']);
    expect(messages({ ...plan, meetings: [a, a] })[0]).toMatch(/^meetings\.1\.date: Sammanträdesdagen 2026-05-19 finns två gånger/);
  });

  it('rejects an empty organ or name and a wrongly written date', () => {
    const m = messages({ organ: ' ', name: '', meetings: [{ date: '2026-5-19', documentDeadline: 20260505 }] });
    expect(m).toEqual([
      'organ: Organet får inte vara tomt, skriv t.ex. SN, KS eller KF',
      'name: Namnet får inte vara tomt, skriv t.ex. Socialnämnden',
      'meetings.0.date: Sammanträdesdag måste vara ett datum som finns, skrivet ÅÅÅÅ-MM-DD (t.ex. 2027-04-30)',
      'meetings.0.documentDeadline: Sista dag för handlingar måste vara ett datum skrivet ÅÅÅÅ-MM-DD',
    ]);
  });
});

describe('nextOpenMeeting / meetingsAfter / lastMeetingOnOrBefore', () => {
  it('picks the first meeting whose document deadline is today or later', () => {
    expect(nextOpenMeeting(plan, '2026-05-05')?.date).toBe('2026-05-19');
    expect(nextOpenMeeting(plan, '2026-05-06')?.date).toBe('2026-06-16');
    expect(nextOpenMeeting(plan, '2026-08-05')).toBeUndefined();
  });

  it('lists the meetings strictly after a date', () => {
    expect(meetingsAfter(plan, '2026-06-16').map((m) => m.date)).toEqual(['2026-08-18']);
    expect(meetingsAfter(plan, '2026-01-01')).toHaveLength(3);
    expect(meetingsAfter(plan, '2026-08-18')).toEqual([]);
  });

  it('finds the last meeting on or before a date', () => {
    expect(lastMeetingOnOrBefore(plan, '2026-06-16')?.date).toBe('2026-06-16');
    expect(lastMeetingOnOrBefore(plan, '2026-08-17')?.date).toBe('2026-06-16');
    expect(lastMeetingOnOrBefore(plan, '2026-05-18')).toBeUndefined();
  });
});

describe('defaultDocumentDeadline', () => {
  it('counts back working days, skipping weekends and holidays', () => {
    expect(defaultDocumentDeadline('2026-06-16')).toBe('2026-06-02'); // two weekends (nationaldagen falls on the Saturday)
    expect(defaultDocumentDeadline('2026-05-19')).toBe('2026-05-04'); // skips Kristi himmelsfärdsdag
    expect(defaultDocumentDeadline('2026-05-19', 0)).toBe('2026-05-19');
    expect(defaultDocumentDeadline('2027-01-12', 5)).toBe('2027-01-04'); // skips trettondedag jul
  });
});

describe('generateMeetingPlan', () => {
  it('makes a valid monthly plan without July, on working days', () => {
    const p = generateMeetingPlan('SN', 'Socialnämnden', 2026, { weekday: 2, week: 3 });
    expect(meetingPlanSchema.safeParse(p).success).toBe(true);
    expect(p.meetings).toHaveLength(11);
    expect(p.meetings.some((m) => m.date.startsWith('2026-07'))).toBe(false);
    expect(p.meetings[0]).toEqual({ date: '2026-01-20', documentDeadline: '2026-01-05' }); // skips trettondedag jul
    for (const m of p.meetings) {
      expect(isoWeekday(m.date)).toBe(2);
      expect(isWorkingDay(m.documentDeadline)).toBe(true);
    }
  });

  it("supports 'last', several years, other skipped months, and moves a meeting off a holiday", () => {
    const p = generateMeetingPlan('KF', 'Kommunfullmäktige', [2027, 2026], { weekday: 1, week: 'last', skipMonths: [1, 7, 8] });
    expect(p.meetings).toHaveLength(18);
    expect(p.meetings[0].date).toBe('2026-02-23');
    expect(p.meetings.find((m) => m.date.startsWith('2026-12'))?.date).toBe('2026-12-28');
    // Last Thursday of May 2027 is 27 May; the first Thursday is Kristi himmelsfärdsdag 6 May → Friday 7 May.
    const thursdays = generateMeetingPlan('KS', 'Kommunstyrelsen', 2027, { weekday: 4, week: 1 });
    expect(thursdays.meetings.find((m) => m.date.startsWith('2027-05'))?.date).toBe('2027-05-07');
  });

  it('rejects a bad pattern', () => {
    expect(() => generateMeetingPlan('SN', 'Socialnämnden', 2026, { weekday: 8, week: 1 })).toThrow(/Veckodag \(weekday\) måste vara 1–7/);
  });
});
