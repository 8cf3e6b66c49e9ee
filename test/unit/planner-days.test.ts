/** Issue 10 point 11: planned dates fall on days the step can happen; no start before the programme's; no past target. */
import { addDays } from '../../domain/iso-date';
import { generateMeetingPlan } from '../../domain/meetings';
import { planMilestones, plannedAnslag, plannedJustering, targetProblem, type MilestoneId, type PlannerInput } from '../../domain/planner';
import { isWorkingDay } from '../../domain/swedish-calendar';

const years = [2026, 2027, 2028];
const plans = {
  namnd: generateMeetingPlan('SN', 'Socialnämnden', years, { weekday: 2, week: 3 }),
  ks: generateMeetingPlan('KS', 'Kommunstyrelsen', years, { weekday: 3, week: 1 }),
  kf: generateMeetingPlan('KF', 'Kommunfullmäktige', years, { weekday: 1, week: 4 }),
};
const HUMAN_STEPS: MilestoneId[] = [
  'beredning_klar',
  'tjansteutlatande_undertecknat',
  'namnd_justering',
  'namnd_anslag',
  'kf_justering',
  'kf_anslag',
  'avtal_undertecknat',
];
const MEETINGS: Partial<Record<MilestoneId, keyof typeof plans>> = { namnd_sammantrade: 'namnd', ks_sammantrade: 'ks', kf_sammantrade: 'kf' };

function problems(input: PlannerInput): string[] {
  const out: string[] = [];
  for (const m of planMilestones(input).milestones) {
    for (const [kind, date] of [
      ['earliest', m.earliest],
      ['latest', m.latest],
    ] as const) {
      if (!date || m.fixed) continue;
      if (HUMAN_STEPS.includes(m.step) && !isWorkingDay(date)) out.push(`${m.step}.${kind} ${date} är inte en arbetsdag`);
      const body = MEETINGS[m.step];
      if (body && !plans[body].meetings.some((x) => x.date === date)) out.push(`${m.step}.${kind} ${date} är ingen sammanträdesdag`);
    }
  }
  return out;
}

test('every planned date of a step people take is a working day, and every meeting date a meeting day (a year of todays, three targets)', () => {
  const found: string[] = [];
  for (let i = 0; i < 365; i += 3) {
    const today = addDays('2026-01-02', i);
    for (const targetStart of ['2027-07-01', '2027-09-01', '2028-01-03']) {
      for (const kfRequired of [true, false]) {
        found.push(
          ...problems({ today, stage: 'utkast', organ: 'namnd', kfRequired, meetingPlans: plans, targetStart }).map((p) => `${today} → ${targetStart}: ${p}`),
        );
      }
    }
  }
  expect(found.slice(0, 10)).toEqual([]);
});

test('justering and anslag stay within the law when moved to working days', () => {
  expect(plannedJustering('2026-12-15', 7)).toBe('2026-12-22');
  expect(plannedJustering('2026-12-17', 7)).toBe('2026-12-28'); // 24 Dec is julafton, 25–27 holidays and a Sunday
  expect(plannedAnslag('2026-08-25', 1)).toBe('2026-08-26');
  // Friday justering: Saturday is no working day and Monday is past "senast andra dagen efter": the same day.
  expect(plannedAnslag('2026-08-28', 1)).toBe('2026-08-28');
});

test('the earliest start is never before the programme starts (Yrkesresan: 2027-07-01)', () => {
  const input: PlannerInput = { today: '2026-09-01', stage: 'utkast', organ: 'namnd', kfRequired: false, meetingPlans: plans, targetStart: '2027-07-01' };
  const unbounded = planMilestones(input);
  expect(unbounded.earliestStart! < '2027-07-01').toBe(true); // what the planner said before: a start in the spring
  const r = planMilestones({ ...input, programmeStart: '2027-07-01' });
  expect(r.earliestStart).toBe('2027-07-01');
  expect(r.milestones.find((m) => m.step === 'start')?.earliest).toBe('2027-07-01');
  expect(r.reachable).toBe(true);
});

test('a target start in the past, or before the programme, is not reachable, with a Swedish reason', () => {
  const base: PlannerInput = { today: '2026-12-02', stage: 'utkast', organ: 'namnd', kfRequired: true, meetingPlans: plans, programmeStart: '2027-07-01' };
  const past = planMilestones({ ...base, targetStart: '2026-11-30' });
  expect(past.reachable).toBe(false);
  expect(past.reason).toBe('Önskat startdatum 2026-11-30 har redan passerat (i dag är det 2026-12-02).');
  expect(planMilestones({ ...base, targetStart: '2027-05-14' }).reason).toMatch(/före programmets start 2027-07-01/);
  expect(targetProblem({ today: '2026-12-02', targetStart: '2026-12-02' })).toBeUndefined();
});

test('appealed with every judgment known: laga kraft is planned (not fixed), the agreement and start follow it', () => {
  const r = planMilestones({
    today: '2027-03-01',
    stage: 'overklagat',
    organ: 'namnd',
    kfRequired: false,
    meetingPlans: plans,
    known: { namnd_sammantrade: '2026-11-17', namnd_anslag: '2026-11-25', namnd_overklagandetid_slut: '2026-12-16' },
    plannedLagaKraft: '2027-03-24',
    targetStart: '2027-07-01',
    programmeStart: '2027-07-01',
  });
  const byStep = Object.fromEntries(r.milestones.map((m) => [m.step, m]));
  expect(byStep.laga_kraft).toMatchObject({ earliest: '2027-03-24', fixed: false });
  expect(byStep.avtal_undertecknat.earliest).toBe('2027-04-07');
  expect(r).toMatchObject({ reachable: true, earliestStart: '2027-07-01' });
});
