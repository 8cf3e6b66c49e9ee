import { appealPeriod, isOverdue, lagaKraftDate, lastAppealDay, latestAnslagDate, latestAnslagForLagaKraft, latestJusteringDate } from '../../domain/deadlines';
import { addDays } from '../../domain/iso-date';

describe('lastAppealDay (KL 13:5, lag (1930:173) 2 §)', () => {
  it('worked example: anslag 2024-06-20 → last appeal day 2024-07-11', () => {
    expect(lastAppealDay('2024-06-20')).toBe('2024-07-11');
  });

  it('three weeks ending on julafton moves past juldagen, annandag jul and Sunday to Monday 2026-12-28', () => {
    expect(addDays('2026-12-03', 21)).toBe('2026-12-24');
    expect(lastAppealDay('2026-12-03')).toBe('2026-12-28');
  });

  it('ending on nyårsafton moves past nyårsdagen and the weekend to 2027-01-04', () => {
    expect(lastAppealDay('2026-12-10')).toBe('2027-01-04');
  });

  it('ending on midsommarafton 2026-06-19 moves past midsommardagen and Sunday to 2026-06-22', () => {
    expect(lastAppealDay('2026-05-29')).toBe('2026-06-22');
  });

  it('ending on Kristi himmelsfärdsdag (Thursday 2026-05-14) moves to Friday 2026-05-15', () => {
    expect(lastAppealDay('2026-04-23')).toBe('2026-05-15');
  });

  it('ending on nationaldagen (Friday 2025-06-06) moves to Monday 2025-06-09', () => {
    expect(lastAppealDay('2025-05-16')).toBe('2025-06-09');
  });

  it('ending on a Saturday moves to Monday', () => {
    expect(lastAppealDay('2026-06-13')).toBe('2026-07-06');
  });

  it('rejects a date that does not exist', () => {
    expect(() => lastAppealDay('2027-04-31')).toThrow(RangeError);
  });

  it('describes the period for an anslagsbevis', () => {
    expect(appealPeriod('2026-12-03')).toEqual({ from: '2026-12-03', to: '2026-12-28', unadjustedEnd: '2026-12-24' });
    expect(appealPeriod('2024-06-20')).toEqual({ from: '2024-06-20', to: '2024-07-11', unadjustedEnd: '2024-07-11' });
  });
});

describe('lagaKraftDate', () => {
  it('is the day after the last appeal day', () => {
    expect(lagaKraftDate('2024-06-20')).toBe('2024-07-12');
    expect(lagaKraftDate('2026-12-03')).toBe('2026-12-29');
  });

  it('latestAnslagForLagaKraft is its inverse', () => {
    for (let l = '2026-01-01'; l <= '2027-12-31'; l = addDays(l, 1)) {
      const a = latestAnslagForLagaKraft(l);
      expect(lagaKraftDate(a) <= l).toBe(true);
      expect(lagaKraftDate(addDays(a, 1)) > l).toBe(true);
    }
  });
});

describe('latestAnslagDate (KL 8:12)', () => {
  it('is the second calendar day after justering, not moved past a weekend', () => {
    expect(latestAnslagDate('2026-06-03')).toBe('2026-06-05');
    expect(latestAnslagDate('2026-06-05')).toBe('2026-06-07'); // Friday → Sunday
    expect(latestAnslagDate('2026-12-22')).toBe('2026-12-24'); // julafton, not moved
  });
});

describe('latestJusteringDate', () => {
  it('is 14 calendar days after the meeting', () => {
    expect(latestJusteringDate('2026-08-18')).toBe('2026-09-01');
    expect(latestJusteringDate('2026-12-17')).toBe('2026-12-31');
  });
});

describe('isOverdue', () => {
  it('is overdue only after the due date', () => {
    expect(isOverdue('2026-06-10', '2026-06-09')).toBe(false);
    expect(isOverdue('2026-06-10', '2026-06-10')).toBe(false);
    expect(isOverdue('2026-06-10', '2026-06-11')).toBe(true);
    expect(isOverdue('2026-12-31', '2027-01-01')).toBe(true);
  });
});

describe('invalid input', () => {
  it('throws on dates that do not exist', () => {
    expect(() => isOverdue('2027-04-31', '2027-05-01')).toThrow(RangeError);
    expect(() => latestAnslagDate('2027-02-29')).toThrow(RangeError);
    expect(() => lagaKraftDate('2026-6-1')).toThrow(RangeError);
  });
});
