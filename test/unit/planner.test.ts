import { lagaKraftDate, lastAppealDay } from '../../domain/deadlines';
import { addDays } from '../../domain/iso-date';
import { generateMeetingPlan } from '../../domain/meetings';
import { MILESTONE_IDS, firstRemainingStep, milestoneChain, planMilestones, plannerInputSchema, type PlannerInput } from '../../domain/planner';

const years = [2026, 2027];
// Stockholm-like plans: socialnämnden third Tuesday, KS first Wednesday, KF fourth Monday; no meetings in July.
const stockholm = {
  namnd: generateMeetingPlan('SN', 'Socialnämnden', years, { weekday: 2, week: 3 }),
  ks: generateMeetingPlan('KS', 'Kommunstyrelsen', years, { weekday: 3, week: 1 }),
  kf: generateMeetingPlan('KF', 'Kommunfullmäktige', years, { weekday: 1, week: 4 }),
};

/** Seed 000: förvaltningsgruppen 3 June and the council 4 June 2026, KF approval, start 1 July 2027. */
const seed: PlannerInput = {
  today: '2026-06-01',
  stage: 'beredning',
  organ: 'namnd',
  kfRequired: true,
  meetingPlans: stockholm,
  targetStart: '2027-07-01',
};

const dates = (r: ReturnType<typeof planMilestones>) => Object.fromEntries(r.milestones.map((m) => [m.step, m.earliest]));

describe('planMilestones: seed 000 (Stockholm socialnämnd → KS → KF, start 2027-07-01)', () => {
  const r = planMilestones(seed);

  it('is reachable, with every milestone in order', () => {
    expect(r.reachable).toBe(true);
    expect(r.reason).toBeUndefined();
    // With KF the nämnd's decision only prepares KF's (KL 13 kap. 2 §): no appeal period of its own.
    expect(r.milestones.map((m) => m.step)).toEqual(MILESTONE_IDS.filter((id) => id !== 'namnd_overklagandetid_slut'));
    expect(r.milestones.every((m) => m.late === false)).toBe(true);
  });

  it('plans the earliest dates forwards through the meeting plans', () => {
    expect(dates(r)).toEqual({
      beredning_klar: '2026-06-15', // today + 14
      tjansteutlatande_undertecknat: '2026-06-22', // + 7
      namnd_sammantrade: '2026-08-18', // June deadline (2 June) missed, no July meeting
      namnd_justering: '2026-08-25',
      namnd_anslag: '2026-08-26',
      ks_sammantrade: '2026-10-07', // documents ready 16 Sep; September's deadline passed
      kf_sammantrade: '2026-10-26',
      kf_justering: '2026-11-02',
      kf_anslag: '2026-11-03',
      laga_kraft: '2026-11-25',
      avtal_undertecknat: '2026-12-09',
      start: '2026-12-10',
    });
    expect(r.earliestStart).toBe('2026-12-10');
    const meeting = r.milestones.find((m) => m.step === 'namnd_sammantrade');
    expect(meeting).toMatchObject({ organ: 'namnd', organName: 'Socialnämnden', documentDeadline: '2026-08-04', fixed: false });
  });

  it('plans the latest dates backwards from the target', () => {
    const latest = Object.fromEntries(r.milestones.map((m) => [m.step, m.latest]));
    expect(latest.start).toBe('2027-07-01');
    expect(latest.avtal_undertecknat).toBe('2027-06-30');
    expect(latest.laga_kraft).toBe('2027-06-16');
    expect(latest.kf_sammantrade).toBe('2027-04-26'); // May's KF (24 May) is too late for laga kraft by 16 June
    expect(latest.kf_justering).toBe('2027-05-10'); // at most 14 days after the meeting
    expect(latest.kf_anslag).toBe('2027-05-12'); // at most 2 days after justering
    expect(lagaKraftDate(latest.kf_anslag!) <= latest.laga_kraft!).toBe(true);
    expect(latest.ks_sammantrade).toBe('2027-04-07');
    expect(latest.namnd_sammantrade).toBe('2027-02-16');
    expect(latest.tjansteutlatande_undertecknat).toBe(stockholm.namnd.meetings.find((m) => m.date === '2027-02-16')!.documentDeadline);
    for (const m of r.milestones) expect(m.earliest! <= m.latest!).toBe(true);
  });

  it('does not change its input', () => {
    const input: PlannerInput = { ...seed, known: { namnd_sammantrade: '2026-08-18' } };
    const copy = JSON.parse(JSON.stringify(input));
    planMilestones(input);
    expect(input).toEqual(copy);
  });
});

describe('planMilestones: unreachable', () => {
  it('reports a target that is too early, and which steps are late', () => {
    const r = planMilestones({ ...seed, targetStart: '2026-11-01' });
    expect(r.reachable).toBe(false);
    expect(r.earliestStart).toBe('2026-12-10');
    expect(r.reason).toBe('Tidigaste möjliga start är 2026-12-10, efter önskat startdatum 2026-11-01.');
    expect(r.milestones.find((m) => m.step === 'start')?.late).toBe(true);
    expect(r.milestones.find((m) => m.step === 'namnd_sammantrade')?.late).toBe(true);
  });

  it('stops where a meeting plan has no meeting left, with a Swedish reason', () => {
    const only2026 = {
      namnd: generateMeetingPlan('SN', 'Socialnämnden', 2026, { weekday: 2, week: 3 }),
      ks: generateMeetingPlan('KS', 'Kommunstyrelsen', 2026, { weekday: 3, week: 1 }),
      kf: generateMeetingPlan('KF', 'Kommunfullmäktige', 2026, { weekday: 1, week: 4 }),
    };
    const r = planMilestones({ ...seed, today: '2026-11-01', stage: 'placering', meetingPlans: only2026 });
    expect(r.reachable).toBe(false);
    expect(r.earliestStart).toBeUndefined();
    // Nämnden 17 Nov, anslag 25 Nov, KS documents ready 16 Dec: KS's last deadline (18 Nov) has passed.
    expect(r.reason).toBe('Sammanträdesplanen för Kommunstyrelsen har inget sammanträde med sista dag för handlingar 2026-12-16 eller senare.');
    const byStep = Object.fromEntries(r.milestones.map((m) => [m.step, m]));
    expect(byStep.namnd_sammantrade.earliest).toBe('2026-11-17');
    expect(byStep.ks_sammantrade.earliest).toBeUndefined();
    expect(byStep.start.earliest).toBeUndefined();
  });

  it('is not reachable while an appeal is pending and the municipality waits for laga kraft', () => {
    const r = planMilestones({ ...seed, stage: 'overklagat', organ: 'kf' });
    expect(r.reachable).toBe(false);
    expect(r.reason).toMatch(/överklagat/);
    expect(r.milestones.map((m) => [m.step, m.earliest])).toEqual([
      ['laga_kraft', undefined],
      ['avtal_undertecknat', undefined],
      ['start', undefined],
    ]);
  });
});

describe('planMilestones: options and stages', () => {
  it('without KF: the nämnd decision gains laga kraft, no KS/KF steps', () => {
    const r = planMilestones({ ...seed, kfRequired: false });
    expect(r.milestones.map((m) => m.step)).toEqual(milestoneChain(false));
    expect(dates(r).laga_kraft).toBe(lagaKraftDate('2026-08-26'));
    expect(r.earliestStart).toBe(addDays(addDays(lagaKraftDate('2026-08-26'), 14), 1));
    expect(r.reachable).toBe(true);
  });

  it('waitForLagaKraft false: the agreement is signed after the anslag, laga kraft still shown', () => {
    const r = planMilestones({ ...seed, options: { waitForLagaKraft: false } });
    const d = dates(r);
    expect(d.laga_kraft).toBe('2026-11-25');
    expect(d.avtal_undertecknat).toBe('2026-11-17'); // KF anslag 3 Nov + 14
    expect(r.earliestStart).toBe('2026-11-18');
    expect(r.milestones.find((m) => m.step === 'laga_kraft')?.latest).toBeUndefined();
  });

  it('honours planning options', () => {
    const r = planMilestones({ ...seed, options: { justeringDays: 2, anslagDays: 0 } });
    expect(dates(r).namnd_justering).toBe('2026-08-20');
    expect(dates(r).namnd_anslag).toBe('2026-08-20');
  });

  it('skips passed steps and uses known dates (KF phase, anslag posted)', () => {
    const r = planMilestones({
      ...seed,
      today: '2026-12-10',
      stage: 'overklagandetid',
      organ: 'kf',
      known: { kf_sammantrade: '2026-11-23', kf_justering: '2026-12-01', kf_anslag: '2026-12-03' },
    });
    expect(r.milestones.map((m) => m.step)).toEqual(['laga_kraft', 'avtal_undertecknat', 'start']);
    expect(dates(r).laga_kraft).toBe('2026-12-29'); // last appeal day moved from julafton to 28 Dec
    expect(dates(r).avtal_undertecknat).toBe('2027-01-12');
    expect(r.reachable).toBe(true);
  });

  it('keeps a booked meeting as fixed', () => {
    const r = planMilestones({ ...seed, today: '2026-08-10', stage: 'sammantrade', known: { namnd_sammantrade: '2026-09-15' } });
    expect(r.milestones[0]).toMatchObject({ step: 'namnd_sammantrade', earliest: '2026-09-15', fixed: true });
    expect(dates(r).namnd_justering).toBe('2026-09-22');
  });

  it('already on the agenda without a known date: the next meeting, even after its document deadline', () => {
    const r = planMilestones({ ...seed, today: '2026-08-10', stage: 'sammantrade' });
    expect(dates(r).namnd_sammantrade).toBe('2026-08-18');
  });

  it('justering stage: passed steps without a known date count as today', () => {
    const r = planMilestones({ ...seed, today: '2026-08-19', stage: 'justering', known: { namnd_sammantrade: '2026-08-18' } });
    expect(r.milestones[0].step).toBe('namnd_justering');
    expect(dates(r).namnd_justering).toBe('2026-08-25');
    const anslag = planMilestones({ ...seed, today: '2026-08-27', stage: 'anslag' });
    expect(dates(anslag).namnd_anslag).toBe('2026-08-28');
    expect(dates(anslag).namnd_overklagandetid_slut).toBeUndefined(); // KF decides: the nämnd's decision is not appealable
    const namndOnly = planMilestones({ ...seed, kfRequired: false, today: '2026-08-27', stage: 'anslag' });
    expect(dates(namndOnly).namnd_overklagandetid_slut).toBe(lastAppealDay('2026-08-28'));
  });

  it('agreement stages', () => {
    const avtal = planMilestones({ ...seed, today: '2027-01-04', stage: 'avtal', organ: 'kf' });
    expect(avtal.milestones.map((m) => [m.step, m.earliest])).toEqual([
      ['avtal_undertecknat', '2027-01-18'],
      ['start', '2027-01-19'],
    ]);
    const waiting = planMilestones({ ...seed, today: '2027-02-01', stage: 'vantar_start', organ: 'kf', known: { avtal_undertecknat: '2027-01-20' } });
    expect(waiting.milestones).toEqual([expect.objectContaining({ step: 'start', earliest: '2027-02-01', latest: '2027-07-01' })]);
    expect(waiting.reachable).toBe(true);
  });

  it('appealed but executed before laga kraft: the agreement can be signed', () => {
    const r = planMilestones({ ...seed, today: '2027-01-04', stage: 'overklagat', organ: 'kf', options: { waitForLagaKraft: false } });
    expect(r.milestones.map((m) => [m.step, m.earliest])).toEqual([
      ['laga_kraft', undefined],
      ['avtal_undertecknat', '2027-01-18'],
      ['start', '2027-01-19'],
    ]);
    expect(r.reachable).toBe(true);
  });

  it('active and closed ärenden have nothing left to plan', () => {
    expect(planMilestones({ ...seed, stage: 'aktiv', known: { start: '2027-07-01' } })).toEqual({
      milestones: [],
      reachable: true,
      earliestStart: '2027-07-01',
    });
    expect(planMilestones({ ...seed, stage: 'avslutad' })).toEqual({ milestones: [], reachable: false, reason: 'Ärendet är avslutat.' });
  });

  it('KF återremiss: prepared again through KS', () => {
    expect(firstRemainingStep('beredning', 'kf')).toBe('ks_sammantrade');
    expect(firstRemainingStep('ks_beredning', 'namnd')).toBe('ks_sammantrade');
    expect(firstRemainingStep('aktiv', 'kf')).toBeUndefined();
  });
});

describe('stable milestone ids', () => {
  it('never change (web app and workflow state use them)', () => {
    expect(MILESTONE_IDS).toEqual([
      'beredning_klar',
      'tjansteutlatande_undertecknat',
      'namnd_sammantrade',
      'namnd_justering',
      'namnd_anslag',
      'namnd_overklagandetid_slut',
      'ks_sammantrade',
      'kf_sammantrade',
      'kf_justering',
      'kf_anslag',
      'laga_kraft',
      'avtal_undertecknat',
      'start',
    ]);
  });
});

describe('plannerInputSchema', () => {
  it('accepts the seed input', () => {
    expect(plannerInputSchema.safeParse(seed).success).toBe(true);
  });

  it('rejects a date that does not exist and options outside the law, in Swedish', () => {
    const r = plannerInputSchema.safeParse({ ...seed, targetStart: '2027-04-31', options: { anslagDays: 3 } });
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual([
      'targetStart: Önskat startdatum måste vara ett datum som finns, skrivet ÅÅÅÅ-MM-DD (t.ex. 2027-04-30)',
      'options.anslagDays: Dagar från justering till anslag får vara högst 2 enligt kommunallagen',
    ]);
  });
});

describe('planMilestones: edge cases', () => {
  it('without a target start: reachable when a start date can be planned, no latest dates', () => {
    const r = planMilestones({ ...seed, targetStart: undefined });
    expect(r.reachable).toBe(true);
    expect(r.earliestStart).toBe('2026-12-10');
    expect(r.milestones.every((m) => m.latest === undefined && m.late === undefined)).toBe(true);
  });

  it('waiting for the start the day the agreement was signed: start the day after', () => {
    const r = planMilestones({ ...seed, today: '2027-01-20', stage: 'vantar_start', organ: 'kf', known: { avtal_undertecknat: '2027-01-20' } });
    expect(r.earliestStart).toBe('2027-01-21');
  });
});
