/**
 * Money is exact: amounts are integer öre (1 kr = 100 öre) held in a `number` that must be a safe integer.
 * Nothing here ever multiplies floating-point kronor.
 *
 * Rates (kr per inhabitant and year) may have fractions of an öre, so a {@link Rate} is an integer number of
 * hundredths of an öre (1/10 000 kr): 2,43 kr = 24 300, 1,88 kr = 18 800, 2,4567 kr = 24 567.
 *
 * Rounding rule (one rule everywhere): products and fractions are computed exactly with BigInt and rounded
 * once, at the end, to whole öre, half up (x,5 öre → x+1 öre). Amounts are never negative here, so "half up"
 * and "half away from zero" agree.
 *
 * Pure and deterministic (no Date, no I/O, no Node built-ins): safe inside Temporal's workflow sandbox.
 */

/** An amount in whole öre (safe integer). */
export type Ore = number;

/** A rate in hundredths of an öre (1/10 000 kr) per unit, e.g. per inhabitant and year. Non-negative safe integer. */
export type Rate = number;

/** Hundredths of an öre per öre. */
const RATE_SCALE = 100n;

/** Returns `value` if it is a safe integer number of öre; throws otherwise. */
export function assertOre(value: number, what = 'belopp'): Ore {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} måste vara ett helt antal öre, fick ${value}`);
  return value;
}

/** Returns `value` if it is a non-negative safe integer; throws otherwise. */
export function assertCount(value: number, what = 'antal'): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} måste vara ett heltal ≥ 0, fick ${value}`);
  return value;
}

function assertRate(rate: Rate): Rate {
  if (!Number.isSafeInteger(rate) || rate < 0) throw new RangeError(`en taxa måste vara ett heltal ≥ 0 i hundradels öre, fick ${rate}`);
  return rate;
}

const DECIMAL = /^(-)?(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?$/;

/**
 * Parses a Swedish or English decimal string into an exact integer of 10^-scale units.
 * Accepts "2,43", "2.43", "1 234,5", "2 403 131,49" (space, no-break space or narrow no-break space as
 * thousands separator), an optional leading "-", and an optional trailing "kr".
 */
function parseDecimal(text: string, scale: number, what: string): number {
  const trimmed = text.trim().replace(/\s*kr$/i, '');
  const m = DECIMAL.exec(trimmed);
  if (!m) throw new RangeError(`${what}: "${text}" är inte ett belopp (skriv t.ex. 2,43)`);
  const [, minus, whole, fraction = ''] = m;
  if (fraction.length > scale) {
    throw new RangeError(`${what}: "${text}" har fler än ${scale} decimaler`);
  }
  const digits = whole.replace(/[ \u00a0\u202f]/g, '') + fraction.padEnd(scale, '0');
  const value = BigInt(digits);
  const result = Number(minus ? -value : value);
  if (!Number.isSafeInteger(result)) throw new RangeError(`${what}: "${text}" är för stort`);
  return result === 0 ? 0 : result; // no -0
}

/** "2,43" / "2.43" / "2 403 131,49 kr" → öre, exactly. At most two decimals. */
export function kronorToOre(text: string): Ore {
  return parseDecimal(text, 2, 'belopp');
}

/** Whole kronor (integer) → öre. */
export function wholeKronorToOre(kronor: number): Ore {
  if (!Number.isSafeInteger(kronor)) throw new RangeError(`kronor måste vara ett heltal, fick ${kronor}`);
  return assertOre(kronor * 100);
}

/** "2,43" (kr) → Rate 24 300 (hundredths of öre), exactly. At most four decimals in kronor; not negative. */
export function parseRate(text: string): Rate {
  const rate = parseDecimal(text, 4, 'taxa');
  return assertRate(rate);
}

/** Rate → "2,43" (kronor with at least two decimals, Swedish decimal comma). */
export function formatRate(rate: Rate): string {
  assertRate(rate);
  const whole = Math.floor(rate / 10_000);
  let frac = String(rate % 10_000).padStart(4, '0');
  while (frac.length > 2 && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${whole},${frac}`;
}

/** A non-negative fraction (numerator / denominator), e.g. 184/365 for pro rata. */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

/** numerator / denominator rounded half up to a whole number (both non-negative, denominator > 0). */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('nämnaren måste vara större än noll');
  if (numerator < 0n) throw new RangeError('täljaren får inte vara negativ');
  return (2n * numerator + denominator) / (2n * denominator);
}

function toSafeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError('beloppet är för stort');
  return n;
}

function fractionParts(fraction: Fraction | undefined): [bigint, bigint] {
  if (!fraction) return [1n, 1n];
  const { numerator, denominator } = fraction;
  if (!Number.isSafeInteger(numerator) || numerator < 0) throw new RangeError(`täljaren måste vara ett heltal ≥ 0, fick ${numerator}`);
  if (!Number.isSafeInteger(denominator) || denominator <= 0) throw new RangeError(`nämnaren måste vara ett heltal > 0, fick ${denominator}`);
  return [BigInt(numerator), BigInt(denominator)];
}

/**
 * rate × population (× fraction, when given) in öre: computed exactly, rounded half up to whole öre once at
 * the end. Example: 2,43 kr × 988 943 = 240 313 149 öre (2 403 131,49 kr).
 */
export function multiplyRate(rate: Rate, population: number, fraction?: Fraction): Ore {
  assertRate(rate);
  assertCount(population, 'folkmängden');
  const [num, den] = fractionParts(fraction);
  return toSafeNumber(divideRoundHalfUp(BigInt(rate) * BigInt(population) * num, RATE_SCALE * den));
}

/** amount × fraction, rounded half up to whole öre (amount ≥ 0). */
export function multiplyOre(amount: Ore, fraction: Fraction): Ore {
  assertOre(amount);
  const [num, den] = fractionParts(fraction);
  return toSafeNumber(divideRoundHalfUp(BigInt(amount) * num, den));
}

/** Sum of öre amounts; throws if any is not a safe integer or the sum overflows. */
export function sumOre(amounts: readonly Ore[]): Ore {
  return toSafeNumber(amounts.reduce((s, a) => s + BigInt(assertOre(a)), 0n));
}

/**
 * öre → "2 403 131,49 kr" (Swedish: no-break space U+00A0 between thousands and before "kr", decimal comma,
 * two decimals).
 * Written by hand (no Intl) so that it is the same in every runtime.
 */
export function formatKronor(amount: Ore, options: { unit?: boolean; groupSeparator?: string } = {}): string {
  assertOre(amount);
  const { unit = true, groupSeparator = '\u00a0' } = options;
  const abs = Math.abs(amount);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, groupSeparator);
  const ore = String(abs % 100).padStart(2, '0');
  return `${amount < 0 ? '-' : ''}${whole},${ore}${unit ? '\u00a0kr' : ''}`;
}
