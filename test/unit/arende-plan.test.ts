/** The ärende's deadlines and plan (domain/arende-plan.ts), as plain functions of its state. */
import { computeDeadlines, computePlan, knownMilestones, programmeStartOf } from '../../domain/arende-plan';
import { generateMeetingPlan } from '../../domain/meetings';
import { arendeState, decision } from './support/arende-state';

const years = [2026, 2027];
const meetingPlans = {
  namnd: generateMeetingPlan('SN', 'Socialnämnden', years, { weekday: 2, week: 3 }),
  ks: generateMeetingPlan('KS', 'Kommunstyrelsen', years, { weekday: 3, week: 1 }),
  kf: generateMeetingPlan('KF', 'Kommunfullmäktige', years, { weekday: 1, week: 4 }),
};

describe('computeDeadlines', () => {
  it('lists the open referrals in beredning, earliest first', () => {
    const state = arendeState({
      referrals: [
        { recipient: 'B', dueDate: '2026-05-30', questions: [], sentAt: 'x' },
        { recipient: 'A', dueDate: '2026-05-25', questions: [], sentAt: 'x' },
        {
          recipient: 'C',
          dueDate: '2026-05-20',
          questions: [],
          sentAt: 'x',
          answer: { kind: 'avstar', date: '2026-05-10', by: 'x' },
        },
      ],
    });
    expect(computeDeadlines(state).map((d) => [d.kind, d.date])).toEqual([
      ['remissvar', '2026-05-25'],
      ['remissvar', '2026-05-30'],
    ]);
  });

  it('gives the latest justering, or the meeting day for an immediate one, and the anslag after justering', () => {
    expect(computeDeadlines(arendeState({ stage: 'justering', decisions: [decision()] }))).toEqual([
      { kind: 'justering', label: 'Justering senast (Socialnämnden 2026-06-16)', date: '2026-06-30' },
    ]);
    expect(computeDeadlines(arendeState({ stage: 'justering', decisions: [decision({ immediateJustering: true })] }))[0]?.date).toBe('2026-06-16');
    const justerad = decision({ justering: { date: '2026-06-18', chair: 'O', adjusters: ['J'] } });
    expect(computeDeadlines(arendeState({ stage: 'anslag', decisions: [justerad] }))[0]).toMatchObject({
      kind: 'anslag',
      date: '2026-06-20',
    });
  });

  it('shows the appeal period while it runs, and not after it ended for a pending appeal (rules 2)', () => {
    const appeal = {
      decisionIndex: 0,
      from: '2026-06-25',
      lastDay: '2026-07-16',
      status: 'pending' as const,
      rules: 2 as const,
    };
    const state = arendeState({ stage: 'overklagat', appeal });
    expect(computeDeadlines(state, '2026-07-16').map((d) => d.kind)).toEqual(['overklagande']);
    expect(computeDeadlines(state, '2026-07-17')).toEqual([]);
    expect(computeDeadlines({ ...state, stage: 'avslutad', appeal: { ...appeal, status: 'open' } })).toEqual([]);
  });
});

describe('knownMilestones', () => {
  it('takes the dates of the current round and leaves out what the stage still has ahead', () => {
    const justerad = decision({
      justering: { date: '2026-06-18', chair: 'O', adjusters: ['J'] },
      anslag: { date: '2026-06-20', protocolKeptAt: 'x', lastAppealDay: '2026-07-11' },
    });
    const state = arendeState({
      stage: 'overklagandetid',
      decisions: [decision({ outcome: 'aterremiss', meetingDate: '2026-05-19' }), justerad],
    });
    expect(knownMilestones(state)).toEqual({
      namnd_sammantrade: '2026-06-16',
      namnd_justering: '2026-06-18',
      namnd_anslag: '2026-06-20',
      namnd_overklagandetid_slut: '2026-07-11',
    });
    expect(knownMilestones({ ...state, decisionsFrom: 2 })).toEqual({});
    const placed = {
      ...state,
      stage: 'sammantrade' as const,
      meeting: {
        organ: 'namnd' as const,
        organName: 'Socialnämnden',
        date: '2026-08-18',
        documentDeadline: '2026-08-04',
        time: '13:00',
        place: 'R',
      },
    };
    expect(knownMilestones(placed)).toMatchObject({ namnd_sammantrade: '2026-08-18' });
    expect(knownMilestones(placed).namnd_justering).toBeUndefined();
  });
});

describe('computePlan', () => {
  it('is undefined without meeting plans, and a plan towards the target start with them', () => {
    expect(computePlan(arendeState(), '2026-05-04')).toBeUndefined();
    const plan = computePlan(arendeState({ meetingPlans }), '2026-05-04');
    expect(plan?.milestones.length).toBeGreaterThan(0);
    expect(plan?.milestones.find((m) => m.step === 'namnd_sammantrade')?.earliest).toBe('2026-06-16');
  });

  it('knows the programme start, and nothing for an unknown programme', () => {
    expect(programmeStartOf({ program: 'yrkesresan' })).toBe('2027-07-01');
    expect(programmeStartOf({ program: 'okant-program' })).toBeUndefined();
  });
});
