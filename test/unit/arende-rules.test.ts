/**
 * The rules an action must meet besides its stage (domain/arende-rules.ts), as plain functions: no workflow, no
 * server. The workflow tests (test/workflows/adoption-rules.test.ts) prove the same rules through the API.
 */
import type { ActionPayload } from '../../domain/actions';
import { appealCases, checkAction, checkNewRequest, currentDecision, judgedCase, Rejection, unansweredReferrals } from '../../domain/arende-rules';
import type { Appeal } from '../../domain/arende-state';
import { arendeState, decision } from './support/arende-state';

const p = <T>(x: unknown) => x as T;

describe('checkAction: dates and preconditions', () => {
  it('refuses a referral due today or earlier, naming the field', () => {
    const r = checkAction(
      arendeState(),
      'sendReferrals',
      p<ActionPayload['sendReferrals']>({
        referrals: [{ recipient: 'Äldrenämnden', dueDate: '2026-05-04', questions: [] }],
      }),
      '2026-05-04',
    );
    expect(r).toBeInstanceOf(Rejection);
    expect(r?.code).toBe('VALIDATION_FAILED');
    expect(r?.fields[0]).toMatchObject({ field: 'referrals.0.dueDate', rule: 'not_after_today' });
  });

  it('lets beredning finish only when every open referral is overdue', () => {
    const state = arendeState({
      referrals: [{ recipient: 'Äldrenämnden', dueDate: '2026-05-25', questions: [], sentAt: '2026-05-04T08:00:00Z' }],
    });
    expect(checkAction(state, 'finishBeredning', p({}), '2026-05-25')?.code).toBe('PRECONDITION_FAILED');
    expect(checkAction(state, 'finishBeredning', p({}), '2026-05-26')).toBeUndefined();
  });

  it('refuses an answer from a recipient no referral went to, and a second answer', () => {
    const answered = arendeState({
      referrals: [
        {
          recipient: 'Äldrenämnden',
          dueDate: '2026-05-25',
          questions: [],
          sentAt: 'x',
          answer: { kind: 'avstar', date: '2026-05-10', by: 'x' },
        },
      ],
    });
    expect(checkAction(answered, 'recordReferralAnswer', p({ recipient: 'Kulturnämnden' }), '2026-05-20')?.fields[0]?.rule).toBe('unknown_referral');
    expect(checkAction(answered, 'recordReferralAnswer', p({ recipient: 'äldrenämnden' }), '2026-05-20')?.code).toBe('PRECONDITION_FAILED');
  });

  it('records a decision from the meeting day on, and the KF minority rule only in KF and once (KL 5 kap. 50 §)', () => {
    const meeting = {
      organ: 'namnd' as const,
      organName: 'Socialnämnden',
      date: '2026-06-16',
      documentDeadline: '2026-06-02',
      time: '13:00',
      place: 'Rummet',
    };
    const state = arendeState({ stage: 'sammantrade', meeting });
    expect(checkAction(state, 'recordDecision', p({ outcome: 'bifall' }), '2026-06-15')?.code).toBe('PRECONDITION_FAILED');
    expect(checkAction(state, 'recordDecision', p({ outcome: 'bifall' }), '2026-06-16')).toBeUndefined();
    expect(checkAction(state, 'recordDecision', p({ outcome: 'aterremiss', minority: true }), '2026-06-16')?.fields[0]?.rule).toBe('only_in_kf');
    const kf = arendeState({ stage: 'sammantrade', organ: 'kf', meeting: { ...meeting, organ: 'kf' } });
    expect(checkAction({ ...kf, minorityUsed: true }, 'recordDecision', p({ outcome: 'aterremiss', minority: true }), '2026-06-16')?.code).toBe(
      'MINORITY_RULE_USED',
    );
    const few = checkAction(kf, 'recordDecision', p({ outcome: 'aterremiss', minority: true, membersPresent: 61, membersRequesting: 20 }), '2026-06-16');
    expect(few?.fields[0]?.rule).toBe('below_one_third');
    expect(
      checkAction(kf, 'recordDecision', p({ outcome: 'aterremiss', minority: true, membersPresent: 61, membersRequesting: 21 }), '2026-06-16'),
    ).toBeUndefined();
  });

  it('keeps an immediately justerad paragraph justerad on the meeting day, and no justering in the future', () => {
    const state = arendeState({ stage: 'justering', decisions: [decision({ immediateJustering: true })] });
    expect(checkAction(state, 'recordJustering', p({ date: '2026-06-18' }), '2026-06-20')?.fields[0]?.rule).toBe('immediate_justering');
    const plain = arendeState({ stage: 'justering', decisions: [decision()] });
    expect(checkAction(plain, 'recordJustering', p({ date: '2026-06-21' }), '2026-06-20')?.fields[0]?.rule).toBe('in_future');
    expect(checkAction(plain, 'recordJustering', p({ date: '2026-06-15' }), '2026-06-20')?.fields[0]?.rule).toBe('too_early');
    expect(checkAction(plain, 'recordJustering', p({ date: '2026-06-18' }), '2026-06-20')).toBeUndefined();
  });

  it('refuses an appeal that came in after the last day', () => {
    const appeal: Appeal = { decisionIndex: 0, from: '2026-06-25', lastDay: '2026-07-16', status: 'open' };
    const state = arendeState({ stage: 'overklagandetid', appeal });
    expect(checkAction(state, 'registerOverklagande', p({ receivedDate: '2026-07-17' }), '2026-07-20')?.fields[0]?.rule).toBe('after_appeal_period');
    expect(checkAction(state, 'registerOverklagande', p({ receivedDate: '2026-07-16' }), '2026-07-20')).toBeUndefined();
  });

  it('checks a renewal against the current period', () => {
    const agreement = {
      round: 1,
      period: { start: '2027-07-01', end: '2028-06-30', preliminary: false },
      signatures: {},
      rejections: [],
    };
    const state = arendeState({ stage: 'aktiv', agreement });
    expect(checkAction(state, 'decideRenewal', p({ decision: 'renew', newPeriodEnd: '2028-06-30' }), '2028-01-01')?.fields[0]?.rule).toBe('not_after_period');
    expect(checkAction(state, 'decideRenewal', p({ decision: 'end', newPeriodEnd: '2029-06-30' }), '2028-01-01')?.fields[0]?.rule).toBe('not_with_end');
    expect(checkAction(state, 'decideRenewal', p({ decision: 'renew', newPeriodEnd: '2029-06-30' }), '2028-01-01')).toBeUndefined();
  });

  it('has no extra rules for an action without checks', () => {
    expect(checkAction(arendeState(), 'editDraft' as never, p({}), '2026-05-04')).toBeUndefined();
  });
});

describe('checkNewRequest: rules for new requests only', () => {
  it('asks for both counts when a minority asks for återremiss', () => {
    const r = checkNewRequest('recordDecision', p<ActionPayload['recordDecision']>({ outcome: 'aterremiss', minority: true }));
    expect(r?.fields.map((f) => f.field)).toEqual(['membersPresent', 'membersRequesting']);
    expect(checkNewRequest('recordDecision', p<ActionPayload['recordDecision']>({ outcome: 'bifall' }))).toBeUndefined();
  });
});

describe('appeals: one case or many', () => {
  it('reads an appeal of an older state (one overklagande, one judgment) as one case', () => {
    const old: Appeal = {
      decisionIndex: 0,
      from: '2026-06-25',
      lastDay: '2026-07-16',
      status: 'pending',
      overklagande: { receivedDate: '2026-07-01', appellant: 'Anna A', court: 'Förvaltningsrätten i Stockholm' },
      judgment: { date: '2026-10-01', outcome: 'upheld' },
    };
    expect(appealCases(old)).toEqual([
      {
        receivedDate: '2026-07-01',
        appellant: 'Anna A',
        court: 'Förvaltningsrätten i Stockholm',
        judgment: { date: '2026-10-01', outcome: 'upheld' },
      },
    ]);
    expect(appealCases({ ...old, overklagande: undefined, judgment: undefined })).toEqual([]);
  });

  it('finds the case a judgment decides by appellant, and asks which when two wait', () => {
    const cases = [
      { receivedDate: '2026-07-01', appellant: 'Anna A', court: 'FR' },
      { receivedDate: '2026-07-02', appellant: 'Bo B', court: 'FR', caseNumber: '123-26' },
    ];
    const state = arendeState({
      stage: 'overklagat',
      appeal: {
        decisionIndex: 0,
        from: '2026-06-25',
        lastDay: '2026-07-16',
        status: 'pending',
        appeals: cases,
        rules: 2,
      },
    });
    expect(judgedCase(state, { appellant: 'anna a' })).toBe(cases[0]);
    expect(judgedCase(state, { caseNumber: '123-26' })).toBe(cases[1]);
    expect((judgedCase(state, {}) as Rejection).fields[0]?.rule).toBe('which_appeal');
    expect((judgedCase(state, { appellant: 'Cecilia C' }) as Rejection).code).toBe('VALIDATION_FAILED');
  });
});

describe('what the current stage works on', () => {
  it('is the last decision and the referrals without an answer', () => {
    const state = arendeState({
      decisions: [decision({ paragraph: 1 }), decision({ paragraph: 2 })],
      referrals: [
        { recipient: 'A', dueDate: '2026-05-25', questions: [], sentAt: 'x' },
        {
          recipient: 'B',
          dueDate: '2026-05-25',
          questions: [],
          sentAt: 'x',
          answer: { kind: 'avstar', date: '2026-05-10', by: 'x' },
        },
      ],
    });
    expect(currentDecision(state)?.paragraph).toBe(2);
    expect(unansweredReferrals(state).map((r) => r.recipient)).toEqual(['A']);
  });
});
