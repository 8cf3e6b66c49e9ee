import { appealStatus, judgmentFinality, lastDayToAppealJudgment } from '../../domain/appeals';

test('a förvaltningsrätt judgment can be appealed for three weeks from delgivning (FPL 6 a §), moved past holidays', () => {
  expect(lastDayToAppealJudgment('2027-03-01')).toBe('2027-03-22');
  expect(lastDayToAppealJudgment('2027-12-03')).toBe('2027-12-27'); // 24 Dec julafton → 27 Dec (25–26 holidays)
  expect(judgmentFinality({ date: '2027-02-26', outcome: 'upheld', delgivningDate: '2027-03-01' })).toEqual({ date: '2027-03-23', planned: true });
  expect(judgmentFinality({ date: '2027-02-26', outcome: 'upheld', finalDate: '2027-03-24' })).toEqual({ date: '2027-03-24', planned: false });
  expect(judgmentFinality({ date: '2027-02-26', outcome: 'upheld' })).toBeUndefined();
});

const lastDay = '2027-01-21';

test('no appeal: laga kraft the day after the last appeal day, not before', () => {
  expect(appealStatus({ lastDay, appeals: [], today: '2027-01-21' })).toEqual({
    windowEnded: false,
    quashed: false,
    openAppeals: 0,
    plannedLagaKraft: '2027-01-22',
  });
  expect(appealStatus({ lastDay, appeals: [], today: '2027-01-22' })).toMatchObject({ windowEnded: true, lagaKraft: '2027-01-22' });
});

test('an upheld judgment while the period still runs does not give laga kraft; neither does a planned final day', () => {
  const judged = { judgment: { date: '2027-01-10', outcome: 'upheld' as const, finalDate: '2027-01-12' } };
  expect(appealStatus({ lastDay, appeals: [judged], today: '2027-01-15' })).toMatchObject({ windowEnded: false, plannedLagaKraft: '2027-01-22' });
  expect(appealStatus({ lastDay, appeals: [judged], today: '2027-01-15' }).lagaKraft).toBeUndefined();
  const served = { judgment: { date: '2027-03-01', outcome: 'upheld' as const, delgivningDate: '2027-03-02' } };
  const s = appealStatus({ lastDay, appeals: [served], today: '2027-04-30' });
  expect(s).toMatchObject({ windowEnded: true, openAppeals: 1, plannedLagaKraft: '2027-03-24' });
  expect(s.lagaKraft).toBeUndefined();
});

test('several appeals: laga kraft when every one has a final judgment, on the latest final day', () => {
  const a = { judgment: { date: '2027-03-01', outcome: 'upheld' as const, finalDate: '2027-03-23' } };
  const b = { judgment: { date: '2027-04-01', outcome: 'upheld' as const, delgivningDate: '2027-04-02' } };
  const waiting = appealStatus({ lastDay, appeals: [a, b, {}], today: '2027-05-01' });
  expect(waiting).toMatchObject({ openAppeals: 2 });
  expect(waiting.lagaKraft).toBeUndefined();
  expect(waiting.plannedLagaKraft).toBeUndefined(); // one appeal has no judgment yet
  const bFinal = { judgment: { ...b.judgment, finalDate: '2027-04-24' } };
  expect(appealStatus({ lastDay, appeals: [a, bFinal], today: '2027-05-01' })).toMatchObject({ openAppeals: 0, lagaKraft: '2027-04-24' });
  expect(appealStatus({ lastDay, appeals: [a, { judgment: { date: '2027-04-01', outcome: 'quashed' } }], today: '2027-05-01' })).toMatchObject({
    quashed: true,
  });
});
