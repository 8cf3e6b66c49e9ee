import { feeScheduleForYears } from '../../domain/fees';
import { formatKronor } from '../../domain/money';
import { agreementFees, agreementNumber, defaultStartDate, feeComputationText, feeForYear, municipalityPartyName } from '../../domain/onboarding-terms';
import { periodFor, YRKESRESAN } from '../../domain/programmes';

const stockholm = { population: 988_943, populationDate: '2023-12-31' };

describe('agreement terms', () => {
  it('start: the first day of the month after the decision, not before the programme’s default start', () => {
    expect(defaultStartDate('2027-11-14')).toBe('2027-12-01');
    expect(defaultStartDate('2027-12-31')).toBe('2028-01-01');
    expect(defaultStartDate('2026-11-24', YRKESRESAN.defaultStart)).toBe('2027-07-01');
  });

  it('fees: Stockholm through StorSthlm pays the regional fee; organising it itself, none; other counties none known', () => {
    const period = periodFor(YRKESRESAN, '2027-07-01');
    expect(agreementFees(period, '01', 'rss')).toMatchObject({ nationalRate: 24_300, regional: { payee: 'StorSthlm', rate: 18_800 } });
    expect(agreementFees(period, '01', 'egen').regional).toBeNull();
    expect(agreementFees(period, '14', 'rss').regional).toBeNull();
  });

  it('the fee of each fee year: Stockholm from 1 July 2027 at 2,43 kr, pro rata by days, rounded half up once per part', () => {
    const period = periodFor(YRKESRESAN, '2027-07-01');
    const fees = agreementFees(period, '01', 'egen');
    const [y2027, y2028] = feeScheduleForYears(period.start, period.end);
    // 2,43 × 988 943 = 2 403 131,49 kr a year; × 184/365 = 1 211 441,627… kr → 121 144 163 öre
    const first = feeForYear(y2027, fees, stockholm);
    expect(first.national).toBe(121_144_163);
    expect(formatKronor(first.national)).toBe('1\u00a0211\u00a0441,63\u00a0kr');
    // 2028 is a leap year: 1 January – 30 June is 182/366.
    expect(y2028).toMatchObject({ days: 182, daysInYear: 366 });
    expect(feeForYear(y2028, fees, stockholm).national).toBe(Math.floor((2 * 240_313_149 * 182 + 366) / (2 * 366)));
    expect(feeComputationText(y2027, 988_943, 24_300, first.national)).toBe(
      '988\u00a0943 invånare × 2,43 kr × 184/365 (184 dagar av årets 365, 2027-07-01–2027-12-31) = 1\u00a0211\u00a0441,63\u00a0kr, avrundat till hela öre (ett halvt öre avrundas uppåt).',
    );
  });

  it('the municipality as a party: Swedish genitive', () => {
    expect(municipalityPartyName('Stockholm')).toBe('Stockholms kommun');
    expect(municipalityPartyName('Malmö')).toBe('Malmö kommun');
    expect(municipalityPartyName('Borås')).toBe('Borås kommun');
    expect(municipalityPartyName('Kiruna')).toBe('Kiruna kommun');
    expect(municipalityPartyName('Falun')).toBe('Falu kommun');
  });

  it('agreement numbers', () => {
    expect(agreementNumber('0180', '2027-07-01', 1)).toBe('YR-0180-2027');
    expect(agreementNumber('0180', '2027-07-01', 2)).toBe('YR-0180-2027 v2');
  });
});
