import {
  annualFee,
  daysInYear,
  feeLinesForPeriod,
  feeLinesForSchedule,
  feeScheduleForYears,
  periodEndAfterYears,
  proRataFee,
  regionalRateFor,
  SEED_000_NATIONAL_RATE_HIGH,
  SEED_000_NATIONAL_RATE_LOW,
  SEED_000_PERIOD_END,
  STORSTHLM_REGIONAL_RATE,
  type FeeSchedule,
} from '../../domain/fees';
import { parseRate } from '../../domain/money';

const stockholm = { population: 988_943, populationDate: '2023-12-31' };

const schedule: FeeSchedule = {
  periodStart: '2024-07-01',
  periodEnd: SEED_000_PERIOD_END,
  nationalRate: SEED_000_NATIONAL_RATE_LOW,
  regionalRates: [{ lanskod: '01', rss: 'Storsthlm', rate: STORSTHLM_REGIONAL_RATE }],
};

describe('seed 000 rates', () => {
  it('are exact rates in hundredths of öre', () => {
    expect(SEED_000_NATIONAL_RATE_LOW).toBe(24_300);
    expect(SEED_000_NATIONAL_RATE_HIGH).toBe(24_700);
    expect(STORSTHLM_REGIONAL_RATE).toBe(18_800);
    expect(SEED_000_PERIOD_END).toBe('2028-06-30');
  });
});

describe('annualFee', () => {
  it('Stockholm, national 2,43 kr × 988 943 = 240 313 149 öre (exact, rounded half up to whole öre at the end), carrying population and date', () => {
    const fee = annualFee({ ...stockholm, nationalRate: SEED_000_NATIONAL_RATE_LOW });
    expect(fee).toEqual({
      population: 988_943,
      populationDate: '2023-12-31',
      nationalRate: 24_300,
      regionalRate: null,
      share: { numerator: 1, denominator: 1 },
      national: 240_313_149,
      regional: 0,
      total: 240_313_149,
    });
  });

  it('adds StorSthlm’s regional fee 1,88 kr when the municipality uses its RSS', () => {
    const fee = annualFee({ ...stockholm, nationalRate: SEED_000_NATIONAL_RATE_LOW, regionalRate: STORSTHLM_REGIONAL_RATE });
    expect(fee.national).toBe(240_313_149);
    expect(fee.regional).toBe(185_921_284); // 1,88 × 988 943 = 1 859 212,84 kr
    expect(fee.total).toBe(426_234_433);
    expect(fee.regionalRate).toBe(18_800);
  });

  it('upper end of the national range: 2,47 kr × 988 943 = 244 268 921 öre', () => {
    expect(annualFee({ ...stockholm, nationalRate: SEED_000_NATIONAL_RATE_HIGH }).national).toBe(244_268_921);
  });

  it('rejects a non-integer population or a date that does not exist', () => {
    expect(() => annualFee({ population: 1.5, populationDate: '2023-12-31', nationalRate: 24_300 })).toThrow(RangeError);
    expect(() => annualFee({ population: 1, populationDate: '2023-02-30', nationalRate: 24_300 })).toThrow(RangeError);
  });
});

describe('regional fee', () => {
  it('is none when the municipality organises the regional part itself (Stockholm’s proposal in seed 000)', () => {
    const rate = regionalRateFor(schedule, '01', 'egen');
    expect(rate).toBeUndefined();
    const [first] = feeLinesForSchedule(schedule, '2027-07-01', { ...stockholm, lanskod: '01', organisation: 'egen' });
    expect(first.fee.regionalRate).toBeNull();
    expect(first.fee.regional).toBe(0);
    expect(first.fee.total).toBe(first.fee.national);
  });

  it('is the RSS’s rate when it uses the RSS, and none in a county whose RSS charges nothing in the schedule', () => {
    expect(regionalRateFor(schedule, '01', 'rss')).toBe(18_800);
    expect(regionalRateFor(schedule, '14', 'rss')).toBeUndefined();
  });
});

describe('pro rata by days, calendar fee years', () => {
  it('start 1 July 2027 → 184/365 of the 2027 fee, rounded half up once per part', () => {
    const fee = proRataFee(
      { ...stockholm, nationalRate: SEED_000_NATIONAL_RATE_LOW, regionalRate: STORSTHLM_REGIONAL_RATE },
      { numerator: 184, denominator: 365 },
    );
    expect(fee.national).toBe(121_144_163); // 121 144 162,78… öre
    expect(fee.regional).toBe(93_724_702);
    expect(fee.total).toBe(121_144_163 + 93_724_702);
  });

  it('agreement 2027-07-01 … 2028-06-30 gives two calendar fee years: 184/365 and 182/366 (leap year)', () => {
    expect(feeScheduleForYears('2027-07-01', '2028-06-30')).toEqual([
      { year: 2027, from: '2027-07-01', to: '2027-12-31', days: 184, daysInYear: 365, proRata: true },
      { year: 2028, from: '2028-01-01', to: '2028-06-30', days: 182, daysInYear: 366, proRata: true },
    ]);
    const lines = feeLinesForPeriod('2027-07-01', '2028-06-30', { ...stockholm, nationalRate: SEED_000_NATIONAL_RATE_LOW });
    expect(lines.map((l) => l.fee.national)).toEqual([121_144_163, 119_499_981]);
    expect(lines.map((l) => l.fee.share)).toEqual([
      { numerator: 184, denominator: 365 },
      { numerator: 182, denominator: 366 },
    ]);
  });

  it('full calendar years in the middle are not pro rata', () => {
    const years = feeScheduleForYears('2024-07-01', '2028-06-30');
    expect(years.map((y) => [y.year, y.days, y.proRata])).toEqual([
      [2024, 184, true],
      [2025, 365, false],
      [2026, 365, false],
      [2027, 365, false],
      [2028, 182, true],
    ]);
    const lines = feeLinesForPeriod('2024-07-01', '2028-06-30', { ...stockholm, nationalRate: SEED_000_NATIONAL_RATE_LOW });
    expect(lines[1].fee.national).toBe(240_313_149);
  });

  it('a single day and a whole year', () => {
    expect(feeScheduleForYears('2027-12-31', '2027-12-31')).toEqual([
      { year: 2027, from: '2027-12-31', to: '2027-12-31', days: 1, daysInYear: 365, proRata: true },
    ]);
    expect(feeScheduleForYears('2028-01-01', '2028-12-31')[0]).toMatchObject({ days: 366, proRata: false });
  });

  it('no retroactive fee: a late joiner pays from its start date only', () => {
    const lines = feeLinesForSchedule(schedule, '2027-07-01', { ...stockholm, lanskod: '01', organisation: 'rss' });
    expect(lines.map((l) => l.year)).toEqual([2027, 2028]);
    expect(lines[0].fee.regional).toBe(93_724_702);
    expect(() => feeLinesForSchedule(schedule, '2028-07-01', { ...stockholm, lanskod: '01', organisation: 'rss' })).toThrow(/utanför avtalsperioden/);
  });

  it('rejects an end before the start and dates that do not exist', () => {
    expect(() => feeScheduleForYears('2028-06-30', '2027-07-01')).toThrow(RangeError);
    expect(() => feeScheduleForYears('2028-06-31', '2028-07-01')).toThrow(RangeError);
    expect(() => proRataFee({ ...stockholm, nationalRate: 1 }, { numerator: 366, denominator: 365 })).toThrow(RangeError);
  });
});

describe('calendar helpers', () => {
  it('daysInYear and periodEndAfterYears', () => {
    expect([daysInYear(2027), daysInYear(2028), daysInYear(1900), daysInYear(2000)]).toEqual([365, 366, 365, 366]);
    expect(periodEndAfterYears('2027-07-01', 1)).toBe('2028-06-30');
    expect(periodEndAfterYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(periodEndAfterYears('2024-01-01', 4)).toBe('2027-12-31');
  });

  it('parseRate is used for other schedules (example 2,28 kr)', () => {
    expect(annualFee({ population: 10_000, populationDate: '2021-12-31', nationalRate: parseRate('2,28') }).national).toBe(2_280_000);
  });
});
