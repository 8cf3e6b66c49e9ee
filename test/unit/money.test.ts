import {
  assertOre,
  divideRoundHalfUp,
  formatKronor,
  formatRate,
  kronorToOre,
  multiplyOre,
  multiplyRate,
  parseRate,
  sumOre,
  wholeKronorToOre,
} from '../../domain/money';

describe('kronorToOre', () => {
  it.each([
    ['2,43', 243],
    ['2.43', 243],
    ['0,1', 10],
    ['1234', 123_400],
    ['2 403 131,49', 240_313_149],
    ['2\u00a0403\u00a0131,49 kr', 240_313_149],
    ['-5,05', -505],
    [' 0,29 ', 29],
    ['1,00', 100],
  ])('parses %j exactly as %i öre', (text, ore) => {
    expect(kronorToOre(text)).toBe(ore);
  });

  it('is exact where float multiplication is not (0,29 × 100 = 28.999999999999996)', () => {
    expect(0.29 * 100).not.toBe(29);
    expect(kronorToOre('0,29')).toBe(29);
    expect(kronorToOre('1,13')).toBe(113);
  });

  it.each(['', 'abc', '2,4,3', '1,234', '12 34', '2,43 €', '1e3'])('rejects %j', (text) => {
    expect(() => kronorToOre(text)).toThrow(RangeError);
  });
});

describe('rates (hundredths of öre per inhabitant)', () => {
  it('parses kronor with up to four decimals', () => {
    expect(parseRate('2,43')).toBe(24_300);
    expect(parseRate('1.88')).toBe(18_800);
    expect(parseRate('2,4567')).toBe(24_567);
    expect(() => parseRate('2,45671')).toThrow(RangeError);
    expect(() => parseRate('-1')).toThrow(RangeError);
  });

  it('formats a rate with a decimal comma', () => {
    expect(formatRate(parseRate('2,43'))).toBe('2,43');
    expect(formatRate(parseRate('2,4567'))).toBe('2,4567');
    expect(formatRate(parseRate('2'))).toBe('2,00');
  });
});

describe('multiplyRate', () => {
  it('Stockholm: 2,43 kr × 988 943 inhabitants = 240 313 149 öre exactly (exact product, rounded half up to whole öre once at the end)', () => {
    expect(multiplyRate(parseRate('2,43'), 988_943)).toBe(240_313_149);
    expect(formatKronor(multiplyRate(parseRate('2,43'), 988_943))).toBe('2\u00a0403\u00a0131,49\u00a0kr');
  });

  it('rounds half up to whole öre only at the end', () => {
    // 0,0050 kr = 0,5 öre → 1 öre (half up); 0,0049 kr → 0 öre
    expect(multiplyRate(parseRate('0,005'), 1)).toBe(1);
    expect(multiplyRate(parseRate('0,0049'), 1)).toBe(0);
    // 2,4567 kr × 3 = 7,3701 kr = 737,01 öre → 737; rounding per inhabitant first would give 3 × 246 = 738
    expect(multiplyRate(parseRate('2,4567'), 3)).toBe(737);
  });

  it('applies a fraction before the single rounding (pro rata 184/365)', () => {
    // 243 öre × 988 943 × 184 / 365 = 121 144 162,78… öre → 121 144 163
    const exact = (243n * 988_943n * 184n * 2n + 365n) / (365n * 2n);
    expect(multiplyRate(parseRate('2,43'), 988_943, { numerator: 184, denominator: 365 })).toBe(Number(exact));
    expect(multiplyRate(parseRate('2,43'), 988_943, { numerator: 184, denominator: 365 })).toBe(121_144_163);
  });

  it('throws on non-integer population or rate', () => {
    expect(() => multiplyRate(24_300, 1.5)).toThrow(RangeError);
    expect(() => multiplyRate(243.5, 1)).toThrow(RangeError);
    expect(() => multiplyRate(24_300, -1)).toThrow(RangeError);
  });
});

describe('öre helpers', () => {
  it('assertOre throws on non-integers and unsafe integers', () => {
    expect(assertOre(5)).toBe(5);
    expect(() => assertOre(0.5)).toThrow(RangeError);
    expect(() => assertOre(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => assertOre(Number.NaN)).toThrow(RangeError);
  });

  it('divideRoundHalfUp rounds x.5 up', () => {
    expect(divideRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divideRoundHalfUp(7n, 3n)).toBe(2n);
    expect(divideRoundHalfUp(8n, 3n)).toBe(3n);
  });

  it('multiplyOre, sumOre, wholeKronorToOre', () => {
    expect(multiplyOre(101, { numerator: 1, denominator: 2 })).toBe(51);
    expect(sumOre([1, 2, 3])).toBe(6);
    expect(() => sumOre([0.1])).toThrow(RangeError);
    expect(wholeKronorToOre(39_000_000)).toBe(3_900_000_000);
  });

  it('formats Swedish kronor', () => {
    expect(formatKronor(0)).toBe('0,00\u00a0kr');
    expect(formatKronor(-12_345)).toBe('-123,45\u00a0kr');
    expect(formatKronor(123_456_789, { unit: false, groupSeparator: ' ' })).toBe('1 234 567,89');
  });
});
