import Holidays from 'date-holidays';
import {
  addWorkingDays,
  easterSunday,
  isNonWorkingDay,
  isSwedishPublicHoliday,
  isWorkingDay,
  midsommarafton,
  nextWorkingDay,
  nonWorkingDayReason,
  previousWorkingDay,
  statutoryAfton,
  swedishPublicHolidays,
} from '../../domain/swedish-calendar';

describe('isSwedishPublicHoliday', () => {
  it('knows the allmänna helgdagar of 2026', () => {
    expect([...swedishPublicHolidays(2026).keys()]).toEqual([
      '2026-01-01', // nyårsdagen
      '2026-01-06', // trettondedag jul
      '2026-04-03', // långfredagen
      '2026-04-05', // påskdagen
      '2026-04-06', // annandag påsk
      '2026-05-01', // första maj
      '2026-05-14', // Kristi himmelsfärdsdag
      '2026-05-24', // pingstdagen
      '2026-06-06', // nationaldagen
      '2026-06-20', // midsommardagen
      '2026-10-31', // alla helgons dag
      '2026-12-25', // juldagen
      '2026-12-26', // annandag jul
    ]);
    expect(swedishPublicHolidays(2026).get('2026-05-14')).toBe('Kristi himmelsfärdsdag');
  });

  it('does not count aftons, annandag pingst or ordinary days as public holidays', () => {
    for (const d of ['2026-06-19', '2026-12-24', '2026-12-31', '2026-04-04', '2026-05-25', '2026-04-30', '2026-06-01']) {
      expect(isSwedishPublicHoliday(d)).toBe(false);
    }
  });

  it('computes the same allmänna helgdagar, with the same names, as date-holidays (type public) for 2005–2200', () => {
    const reference = new Holidays('SE');
    for (let year = 2005; year <= 2200; year++) {
      // One name per date: when two fall on one day (första maj and Kristi himmelsfärdsdag in 2008), the later listed.
      const expected = new Map(
        reference
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => [h.date.slice(0, 10), h.name] as const),
      );
      expect([year, [...swedishPublicHolidays(year)]]).toEqual([year, [...expected]]);
    }
  });

  it('before 2005 annandag pingst was the holiday, not nationaldagen (SFS 2004:1320)', () => {
    expect(swedishPublicHolidays(2004).get('2004-05-31')).toBe('annandag pingst');
    expect(swedishPublicHolidays(2004).has('2004-06-06')).toBe(false);
    expect(easterSunday(2004)).toBe('2004-04-11');
    expect(easterSunday(2038)).toBe('2038-04-25'); // the latest possible
    expect(easterSunday(2285)).toBe('2285-03-22'); // the earliest possible
  });

  it('rejects a date that does not exist', () => {
    expect(() => isSwedishPublicHoliday('2027-04-31')).toThrow(RangeError);
    expect(() => isNonWorkingDay('2026-13-01')).toThrow(RangeError);
  });

  it('agrees with how date-holidays classifies the three aftons (so we do not rely on it)', () => {
    const byDate = new Map(new Holidays('SE').getHolidays(2026).map((h) => [h.date.slice(0, 10), h.type]));
    expect(byDate.get('2026-06-19')).not.toBe('public');
    expect(byDate.get('2026-12-24')).not.toBe('public');
    expect(byDate.get('2026-12-31')).not.toBe('public');
  });
});

describe('statutory aftons (lag (1930:173) 2 §)', () => {
  it('computes midsommarafton as the Friday 19–25 June', () => {
    expect(midsommarafton(2024)).toBe('2024-06-21');
    expect(midsommarafton(2026)).toBe('2026-06-19');
    expect(midsommarafton(2027)).toBe('2027-06-25');
  });

  it('names julafton, nyårsafton and midsommarafton, and nothing else', () => {
    expect(statutoryAfton('2026-12-24')).toBe('julafton');
    expect(statutoryAfton('2026-12-31')).toBe('nyårsafton');
    expect(statutoryAfton('2026-06-19')).toBe('midsommarafton');
    expect(statutoryAfton('2026-06-18')).toBeUndefined();
    expect(statutoryAfton('2026-04-30')).toBeUndefined(); // valborgsmässoafton is a working day
    expect(statutoryAfton('2026-01-05')).toBeUndefined(); // trettondagsafton too
  });
});

describe('isNonWorkingDay', () => {
  it.each([
    ['2026-06-13', 'lördag'],
    ['2026-06-14', 'söndag'],
    ['2026-06-19', 'midsommarafton'],
    ['2026-06-20', 'midsommardagen'],
    ['2026-12-24', 'julafton'],
    ['2026-12-31', 'nyårsafton'],
    ['2026-05-14', 'Kristi himmelsfärdsdag'],
    ['2026-06-06', 'nationaldagen'],
  ])('%s is not a working day (%s)', (date, reason) => {
    expect(isNonWorkingDay(date)).toBe(true);
    expect(nonWorkingDayReason(date)).toBe(reason);
  });

  it.each(['2026-06-18', '2026-06-22', '2026-12-23', '2026-12-28', '2026-05-25', '2026-04-30'])('%s is a working day', (date) => {
    expect(isWorkingDay(date)).toBe(true);
    expect(nonWorkingDayReason(date)).toBeUndefined();
  });
});

describe('nextWorkingDay / previousWorkingDay / addWorkingDays', () => {
  it('keeps a working day', () => {
    expect(nextWorkingDay('2026-06-18')).toBe('2026-06-18');
    expect(previousWorkingDay('2026-06-18')).toBe('2026-06-18');
  });

  it('moves past midsommar, jul and nyår', () => {
    expect(nextWorkingDay('2026-06-19')).toBe('2026-06-22');
    expect(nextWorkingDay('2026-12-24')).toBe('2026-12-28');
    expect(nextWorkingDay('2026-12-31')).toBe('2027-01-04');
    // Sunday 30 Dec 2029, then nyårsafton (Mon) and nyårsdagen (Tue): Wednesday 2 Jan 2030.
    expect(nextWorkingDay('2029-12-30')).toBe('2030-01-02');
    expect(previousWorkingDay('2026-12-27')).toBe('2026-12-23');
  });

  it('counts working days both ways, not counting the start day', () => {
    expect(addWorkingDays('2026-06-18', 1)).toBe('2026-06-22');
    expect(addWorkingDays('2026-06-22', -1)).toBe('2026-06-18');
    expect(addWorkingDays('2026-05-18', -10)).toBe('2026-04-30'); // skips Kristi himmelsfärdsdag 14 May and första maj
    expect(addWorkingDays('2026-05-18', 0)).toBe('2026-05-18');
  });
});
