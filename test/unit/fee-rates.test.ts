import { nationalRateForYear, newRateProblems, rateTable } from '../../domain/fees';
import { multiplyRate, parseRate } from '../../domain/money';
import { startDateProblems, YRKESRESAN } from '../../domain/programmes';

describe('the national rate per fee year', () => {
  const own = YRKESRESAN.nationalRates;

  test('the programme table: 2,43 for 2027 and 2,47 for 2028, each with a source and the date it was set', () => {
    expect(own.map((r) => [r.year, r.rate])).toEqual([
      [2027, parseRate('2,43')],
      [2028, parseRate('2,47')],
    ]);
    for (const r of own) {
      expect(r.source).toContain('seed 000');
      expect(r.setOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // Stockholm, 988 943 inhabitants: a full year at each rate.
    expect(multiplyRate(nationalRateForYear(own, 2027).rate, 988_943)).toBe(240_313_149);
    expect(multiplyRate(nationalRateForYear(own, 2028).rate, 988_943)).toBe(244_268_921);
  });

  test("a year without a rate gets the last known one, marked preliminary; SKR's later entry for a year wins", () => {
    expect(nationalRateForYear(own, 2029)).toMatchObject({ year: 2029, rateYear: 2028, rate: parseRate('2,47'), preliminary: true });
    expect(nationalRateForYear(own, 2026)).toMatchObject({ year: 2026, rateYear: 2027, preliminary: true });
    const table = rateTable(own, [
      { year: 2028, rate: parseRate('2,50'), source: 'SKR 1', setOn: '2026-11-01' },
      { year: 2028, rate: parseRate('2,52'), source: 'SKR 2', setOn: '2026-11-20' },
      { year: 2029, rate: parseRate('2,55'), source: 'SKR 3', setOn: '2026-11-20' },
    ]);
    expect(table.map((r) => [r.year, r.rate, r.source])).toEqual([
      [2027, parseRate('2,43'), own[0].source],
      [2028, parseRate('2,52'), 'SKR 2'],
      [2029, parseRate('2,55'), 'SKR 3'],
    ]);
    expect(nationalRateForYear(table, 2029)).toMatchObject({ rate: parseRate('2,55'), preliminary: false });
    expect(() => nationalRateForYear([], 2027)).toThrow(RangeError);
  });

  test('a new rate is for a coming year, positive, in whole öre, decided no later than today', () => {
    const today = '2026-12-02';
    expect(newRateProblems({ year: 2027, rate: parseRate('2,50'), setOn: today }, today)).toEqual([]);
    expect(newRateProblems({ year: 2026, rate: parseRate('2,50'), setOn: today }, today).map((p) => p.field)).toEqual(['year']);
    expect(newRateProblems({ year: 2040, rate: parseRate('2,50'), setOn: today }, today).map((p) => p.field)).toEqual(['year']);
    expect(newRateProblems({ year: 2027, rate: 0, setOn: today }, today).map((p) => p.field)).toEqual(['rate']);
    expect(newRateProblems({ year: 2027, rate: parseRate('2,505'), setOn: today }, today).map((p) => p.field)).toEqual(['rate']);
    expect(newRateProblems({ year: 2027, rate: parseRate('2,50'), setOn: '2026-12-03' }, today).map((p) => p.field)).toEqual(['setOn']);
  });
});

describe('start dates', () => {
  test("a start in the past, or before the programme's period allows, is refused", () => {
    expect(startDateProblems(YRKESRESAN, '2027-07-01', '2026-12-02')).toEqual([]);
    expect(startDateProblems(YRKESRESAN, '2026-12-02', '2026-12-02')).toEqual([expect.stringContaining('tidigast 2027-07-01')]);
    expect(startDateProblems(YRKESRESAN, '2027-08-01', '2027-09-01')).toEqual([expect.stringContaining('har redan passerat')]);
    expect(startDateProblems(YRKESRESAN, '2026-01-01', '2026-12-02')).toHaveLength(2);
  });
});
