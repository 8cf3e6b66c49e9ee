import {
  MINUS,
  NBSP,
  formatAttachments,
  formatDateIso,
  formatDateLong,
  formatDateRange,
  formatDiarienummer,
  formatInteger,
  formatMoneyKronor,
  formatMoneyOre,
  formatNumberedList,
  formatPageLabel,
  formatParagraph,
  formatPopulation,
  formatRatePerInhabitant,
  formatTime,
  numberItems,
  splitOre,
  splitParagraphs,
} from '../../documents/format';

/** Code points of a string, for assertions that must not depend on how the editor shows spaces. */
const cps = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'));

describe('constants', () => {
  it('are the no-break space and the minus sign', () => {
    expect(cps(NBSP)).toEqual(['00A0']);
    expect(cps(MINUS)).toEqual(['2212']);
  });
});

describe('formatDateLong', () => {
  it('writes the Swedish long date', () => {
    expect(formatDateLong('2026-06-03')).toBe('3 juni 2026');
    expect(formatDateLong('2027-07-01')).toBe('1 juli 2027');
    expect(formatDateLong('2028-06-30')).toBe('30 juni 2028');
    expect(formatDateLong('2024-02-29')).toBe('29 februari 2024');
    expect(formatDateLong('2025-12-31')).toBe('31 december 2025');
    expect(formatDateLong('2026-01-10')).toBe('10 januari 2026');
  });
  it('uses ordinary spaces, like Intl sv-SE', () => {
    expect(cps(formatDateLong('2026-06-03'))).toEqual(cps('3 juni 2026'));
    const intl = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    for (const d of ['2026-06-03', '2027-07-01', '2025-12-31', '2026-03-15']) {
      expect(formatDateLong(d)).toBe(intl.format(new Date(`${d}T00:00:00Z`)));
    }
  });
  it('rejects dates that do not exist', () => {
    expect(() => formatDateLong('2028-06-31')).toThrow(RangeError);
    expect(() => formatDateLong('3 juni 2026')).toThrow(RangeError);
  });
});

describe('formatDateIso', () => {
  it('returns a valid IsoDate as is', () => {
    expect(formatDateIso('2026-06-03')).toBe('2026-06-03');
  });
  it('converts an instant to the date in Stockholm', () => {
    // 22:30 UTC on 2026-06-03 is 00:30 on 2026-06-04 in Stockholm (CEST)
    expect(formatDateIso(new Date('2026-06-03T22:30:00Z'))).toBe('2026-06-04');
  });
  it('rejects invalid input', () => {
    expect(() => formatDateIso('2026-13-01')).toThrow(RangeError);
    expect(() => formatDateIso(new Date('nope'))).toThrow(RangeError);
  });
});

describe('formatDateRange and formatTime', () => {
  it('joins dates with a spaced en dash', () => {
    expect(formatDateRange('2026-06-20', '2026-07-11')).toBe('20 juni 2026 \u2013 11 juli 2026');
  });
  it('writes times with a period', () => {
    expect(formatTime('13:00')).toBe('13.00');
    expect(formatTime('09.30')).toBe('09.30');
    expect(() => formatTime('24:00')).toThrow(RangeError);
  });
});

describe('formatMoneyOre', () => {
  it('formats öre as kronor with comma decimals and no-break spaces', () => {
    expect(formatMoneyOre(240313149)).toBe('2\u00A0403\u00A0131,49\u00A0kr');
    expect(cps(formatMoneyOre(240313149))).toEqual([
      '0032',
      '00A0',
      '0034',
      '0030',
      '0033',
      '00A0',
      '0031',
      '0033',
      '0031',
      '002C',
      '0034',
      '0039',
      '00A0',
      '006B',
      '0072',
    ]);
  });
  it('handles small and round amounts', () => {
    expect(formatMoneyOre(0)).toBe('0,00\u00A0kr');
    expect(formatMoneyOre(5)).toBe('0,05\u00A0kr');
    expect(formatMoneyOre(243)).toBe('2,43\u00A0kr');
    expect(formatMoneyOre(100000)).toBe('1\u00A0000,00\u00A0kr');
    expect(formatMoneyOre(99999)).toBe('999,99\u00A0kr');
  });
  it('uses U+2212 for negatives', () => {
    expect(formatMoneyOre(-240313149)).toBe('\u22122\u00A0403\u00A0131,49\u00A0kr');
    expect(formatMoneyOre(-5)).toBe('\u22120,05\u00A0kr');
  });
  it('matches Intl sv-SE currency output in Node', () => {
    const intl = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK' });
    // Intl is only used here with values exactly representable as two-decimal numbers
    expect(formatMoneyOre(240313149)).toBe(intl.format(2403131.49));
    expect(formatMoneyOre(-240313149)).toBe(intl.format(-2403131.49));
    expect(formatMoneyOre(123456)).toBe(intl.format(1234.56));
  });
  it('is exact beyond the range where floating point kronor go wrong', () => {
    // 90 071 992 547 409,91 kr: as a float in kronor the öre would be lost
    expect(formatMoneyOre(9007199254740991)).toBe('90\u00A0071\u00A0992\u00A0547\u00A0409,91\u00A0kr');
  });
  it('rejects non-integers', () => {
    expect(() => formatMoneyOre(1.5)).toThrow(RangeError);
    expect(() => formatMoneyOre(Number.NaN)).toThrow(RangeError);
    expect(() => formatMoneyOre(2 ** 53)).toThrow(RangeError);
  });
});

describe('formatMoneyKronor', () => {
  it('formats whole kronor', () => {
    expect(formatMoneyKronor(240313149)).toBe('2\u00A0403\u00A0131\u00A0kr');
    expect(cps(formatMoneyKronor(240313149))).toEqual(['0032', '00A0', '0034', '0030', '0033', '00A0', '0031', '0033', '0031', '00A0', '006B', '0072']);
  });
  it('rounds to the nearest krona, 50 öre away from zero', () => {
    expect(formatMoneyKronor(149)).toBe('1\u00A0kr');
    expect(formatMoneyKronor(150)).toBe('2\u00A0kr');
    expect(formatMoneyKronor(99950)).toBe('1\u00A0000\u00A0kr');
    expect(formatMoneyKronor(-150)).toBe('\u22122\u00A0kr');
    expect(formatMoneyKronor(-49)).toBe('0\u00A0kr');
  });
  it('matches Intl sv-SE for whole kronor', () => {
    const intl = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 });
    expect(formatMoneyKronor(240313100)).toBe(intl.format(2403131));
    expect(formatMoneyKronor(-240313100)).toBe(intl.format(-2403131));
  });
});

describe('splitOre', () => {
  it('splits with integer arithmetic', () => {
    expect(splitOre(240313149)).toEqual({ negative: false, kronor: 2403131, ore: 49 });
    expect(splitOre(-1)).toEqual({ negative: true, kronor: 0, ore: 1 });
  });
});

describe('formatPopulation and formatInteger', () => {
  it('groups with U+00A0', () => {
    expect(formatPopulation(988943)).toBe('988\u00A0943');
    expect(cps(formatPopulation(988943))).toEqual(['0039', '0038', '0038', '00A0', '0039', '0034', '0033']);
    expect(formatPopulation(10281189)).toBe('10\u00A0281\u00A0189');
    expect(formatPopulation(999)).toBe('999');
    expect(formatPopulation(0)).toBe('0');
  });
  it('groups four-digit numbers too, like Intl sv-SE', () => {
    expect(formatPopulation(2456)).toBe('2\u00A0456');
    const intl = new Intl.NumberFormat('sv-SE');
    for (const n of [0, 7, 2456, 988943, 10281189, 1234567890]) expect(formatPopulation(n)).toBe(intl.format(n));
    for (const n of [-1234, -988943]) expect(formatInteger(n)).toBe(intl.format(n));
  });
  it('rejects negative or fractional populations', () => {
    expect(() => formatPopulation(-1)).toThrow(RangeError);
    expect(() => formatPopulation(1.5)).toThrow(RangeError);
  });
  it('formats negative integers with U+2212', () => {
    expect(formatInteger(-1234)).toBe('\u22121\u00A0234');
  });
});

describe('formatRatePerInhabitant', () => {
  it('writes the rate per inhabitant and year', () => {
    expect(formatRatePerInhabitant(188)).toBe('1,88\u00A0kr per invånare och år');
  });
});

describe('numbered lists and bilagor', () => {
  it('numbers förslag till beslut', () => {
    expect(formatNumberedList(['Socialnämnden godkänner förslaget.', 'Socialnämnden överlämnar förslaget.'])).toBe(
      '1. Socialnämnden godkänner förslaget.\n2. Socialnämnden överlämnar förslaget.',
    );
    expect(formatNumberedList([])).toBe('');
    expect(numberItems(['a', 'b'], 3)).toEqual([
      { number: 3, label: '3.', text: 'a' },
      { number: 4, label: '4.', text: 'b' },
    ]);
  });
  it('uses Bilaga for one and Bilagor for several, nothing for none', () => {
    expect(formatAttachments(['PM SKR'])).toEqual({ heading: 'Bilaga', items: [{ number: 1, label: '1.', text: 'PM SKR' }] });
    expect(formatAttachments(['A', 'B'])?.heading).toBe('Bilagor');
    expect(formatAttachments([])).toBeNull();
  });
});

describe('formatPageLabel', () => {
  it('writes Sida 1 (4) and the short form', () => {
    expect(formatPageLabel(1, 4)).toBe('Sida 1 (4)');
    expect(formatPageLabel(4, 4, 'short')).toBe('4 (4)');
    expect(() => formatPageLabel(5, 4)).toThrow(RangeError);
    expect(() => formatPageLabel(0, 4)).toThrow(RangeError);
  });
});

describe('formatDiarienummer and formatParagraph', () => {
  it('prefixes Dnr unless already there', () => {
    expect(formatDiarienummer('SN 18/0098')).toBe('Dnr SN 18/0098');
    expect(formatDiarienummer('Dnr KS 2018/124')).toBe('Dnr KS 2018/124');
    expect(formatDiarienummer('DNR T2012-050-05828')).toBe('DNR T2012-050-05828');
    expect(formatDiarienummer('KS/2014/0073')).toBe('Dnr KS/2014/0073');
  });
  it('writes § with a no-break space', () => {
    expect(formatParagraph(12)).toBe('§\u00A012');
    expect(() => formatParagraph(0)).toThrow(RangeError);
  });
});

describe('splitParagraphs', () => {
  it('splits at blank lines and joins hard-wrapped lines', () => {
    expect(splitParagraphs('Första raden\nfortsätter här.\n\n  Andra stycket. \r\n\r\n\n')).toEqual(['Första raden fortsätter här.', 'Andra stycket.']);
    expect(splitParagraphs('Ett stycke.')).toEqual(['Ett stycke.']);
    expect(splitParagraphs('   ')).toEqual([]);
  });
});
