/**
 * The current fee model (docs/glossary.md; seed 000, test/fixtures/seed-000.txt): a yearly national fee to SKR and, where the municipality
 * uses its county's RSS for the regional part, a yearly regional fee to the RSS; both are a rate in kr per
 * inhabitant and year times the municipality's population on a stated date. A fee statement (avgiftsunderlag)
 * always carries that population and date.
 *
 * Fee years and pro rata (decision, see also feeScheduleForYears):
 * - Fee years are CALENDAR years (invoiced yearly per calendar year).
 * - A fee year that the agreement covers only in part (the first year when the start is not 1 January, the
 *   last when the period does not end 31 December) is charged pro rata BY DAYS:
 *     fee × (days covered, first and last day inclusive) ÷ (days in that calendar year: 365 or 366),
 *   computed exactly and rounded half up to whole öre once, at the end, separately for the national and the
 *   regional part; the total is the sum of the two rounded parts (so a statement's lines add up).
 *   Start 2027-07-01 → 184/365 of the 2027 fee; period end 2028-06-30 → 182/366 of the 2028 fee (leap year).
 *   Consequence: the two parts of a twelve-month period straddling a leap day do not add up to exactly one
 *   year's fee (184/365 + 182/366 ≈ 1.0014).
 * - No retroactive fee: a municipality that joins late pays from its start date, not from the period start.
 *
 * Pure and deterministic (no Date.now, no I/O): safe inside Temporal's workflow sandbox.
 */
import { addDays, daysBetween, isIsoDate, type IsoDate } from './iso-date';
import { assertCount, multiplyRate, parseRate, sumOre, type Fraction, type Ore, type Rate } from './money';

/** National fee for Stockholm during the current agreement period, lower end (seed 000: "2,43–2.47 kr"). */
export const SEED_000_NATIONAL_RATE_LOW: Rate = parseRate('2,43');
/** National fee for Stockholm during the current agreement period, upper end (seed 000). */
export const SEED_000_NATIONAL_RATE_HIGH: Rate = parseRate('2,47');
/** StorSthlm's regional fee (Stockholms län), current agreement period (seed 000). */
export const STORSTHLM_REGIONAL_RATE: Rate = parseRate('1,88');
/** End of the current agreement period (seed 000 writes "2028-06-31", which does not exist). */
export const SEED_000_PERIOD_END: IsoDate = '2028-06-30';

/** A regional fee charged by one county's RSS. */
export interface RegionalRate {
  readonly lanskod: string;
  readonly rss: string;
  readonly rate: Rate;
}

/** The fee schedule of one agreement period. */
export interface FeeSchedule {
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  /** kr per inhabitant and year to SKR, as a Rate (hundredths of öre). */
  readonly nationalRate: Rate;
  /** Regional fees of the RSSs that charge one (by county). A county not listed charges none. */
  readonly regionalRates: readonly RegionalRate[];
}

/** How the municipality organises the regional part: through the county's RSS, or itself (then no regional fee). */
export type RegionalOrganisation = 'rss' | 'egen';

/** The regional rate that applies to a municipality in `lanskod`, or undefined when there is none. */
export function regionalRateFor(schedule: FeeSchedule, lanskod: string, organisation: RegionalOrganisation): Rate | undefined {
  if (organisation === 'egen') return undefined;
  return schedule.regionalRates.find((r) => r.lanskod === lanskod)?.rate;
}

export interface FeeInput {
  /** Registered population the fee is based on. */
  readonly population: number;
  /** The date of that population figure (e.g. SCB 2023-12-31). */
  readonly populationDate: IsoDate;
  readonly nationalRate: Rate;
  /** The RSS's rate when the municipality uses its RSS; omit when it organises the regional part itself. */
  readonly regionalRate?: Rate;
}

/** One fee, with the basis it was computed from. Amounts in öre. */
export interface Fee {
  readonly population: number;
  readonly populationDate: IsoDate;
  readonly nationalRate: Rate;
  /** null: no regional fee (the municipality organises the regional part itself, or its RSS charges none). */
  readonly regionalRate: Rate | null;
  /** Share of a full year's fee that is charged (1/1 for a full year). */
  readonly share: Fraction;
  readonly national: Ore;
  readonly regional: Ore;
  readonly total: Ore;
}

function checkInput(input: FeeInput): void {
  assertCount(input.population, 'folkmängden');
  if (!isIsoDate(input.populationDate)) throw new RangeError(`folkmängdens datum är inte ett datum: ${input.populationDate}`);
}

/** The fee for `share` of a year: each part rounded half up to whole öre once; total = sum of the parts. */
export function proRataFee(input: FeeInput, share: Fraction): Fee {
  checkInput(input);
  if (share.numerator > share.denominator) throw new RangeError('andelen av året får inte vara större än ett');
  const national = multiplyRate(input.nationalRate, input.population, share);
  const regional = input.regionalRate === undefined ? 0 : multiplyRate(input.regionalRate, input.population, share);
  return {
    population: input.population,
    populationDate: input.populationDate,
    nationalRate: input.nationalRate,
    regionalRate: input.regionalRate ?? null,
    share: { numerator: share.numerator, denominator: share.denominator },
    national,
    regional,
    total: sumOre([national, regional]),
  };
}

/** A full year's fee. Stockholm, 2,43 kr, 988 943 inhabitants → national 240 313 149 öre. */
export function annualFee(input: FeeInput): Fee {
  return proRataFee(input, { numerator: 1, denominator: 1 });
}

/** One calendar fee year of an agreement period, with the days it covers. */
export interface FeeYear {
  readonly year: number;
  /** First day covered in this year (inclusive). */
  readonly from: IsoDate;
  /** Last day covered in this year (inclusive). */
  readonly to: IsoDate;
  /** Days covered, from and to inclusive. */
  readonly days: number;
  /** 365 or 366. */
  readonly daysInYear: number;
  /** True when the year is covered only in part (then the fee is days/daysInYear of a year's fee). */
  readonly proRata: boolean;
}

function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Days in a calendar year (365 or 366). */
export function daysInYear(year: number): number {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 366 : 365;
}

/**
 * The calendar fee years of an agreement period from `start` to `end` (both inclusive).
 * 2027-07-01 … 2028-06-30 → [2027: 07-01…12-31, 184/365] and [2028: 01-01…06-30, 182/366].
 */
export function feeScheduleForYears(start: IsoDate, end: IsoDate): FeeYear[] {
  if (!isIsoDate(start)) throw new RangeError(`startdatum är inte ett datum: ${start}`);
  if (!isIsoDate(end)) throw new RangeError(`slutdatum är inte ett datum: ${end}`);
  if (end < start) throw new RangeError(`avtalsperioden slutar (${end}) före start (${start})`);
  const years: FeeYear[] = [];
  for (let year = yearOf(start); year <= yearOf(end); year++) {
    const yearStart = `${String(year).padStart(4, '0')}-01-01`;
    const yearEnd = `${String(year).padStart(4, '0')}-12-31`;
    const from = start > yearStart ? start : yearStart;
    const to = end < yearEnd ? end : yearEnd;
    const days = daysBetween(from, to) + 1;
    const total = daysInYear(year);
    years.push({ year, from, to, days, daysInYear: total, proRata: days !== total });
  }
  return years;
}

/** A fee line of an agreement period: the fee year and its (pro rata) fee. */
export type FeeLine = FeeYear & { readonly fee: Fee };

/**
 * The yearly fee lines of an agreement period, all from the same population basis. (To use a newer
 * population for a later year, call proRataFee per FeeYear with that year's figure.)
 */
export function feeLinesForPeriod(start: IsoDate, end: IsoDate, input: FeeInput): FeeLine[] {
  return feeScheduleForYears(start, end).map((y) => ({
    ...y,
    fee: proRataFee(input, { numerator: y.days, denominator: y.daysInYear }),
  }));
}

/** The fee lines of a schedule for a municipality that starts on `start` (no retroactive fee before it). */
export function feeLinesForSchedule(
  schedule: FeeSchedule,
  start: IsoDate,
  basis: { population: number; populationDate: IsoDate; lanskod: string; organisation: RegionalOrganisation },
): FeeLine[] {
  if (start < schedule.periodStart || start > schedule.periodEnd) {
    throw new RangeError(`startdatum ${start} ligger utanför avtalsperioden ${schedule.periodStart}–${schedule.periodEnd}`);
  }
  const regionalRate = regionalRateFor(schedule, basis.lanskod, basis.organisation);
  return feeLinesForPeriod(start, schedule.periodEnd, {
    population: basis.population,
    populationDate: basis.populationDate,
    nationalRate: schedule.nationalRate,
    ...(regionalRate === undefined ? {} : { regionalRate }),
  });
}

/** Last day of a period that starts on `start` and lasts `years` whole years (2027-07-01, 1 → 2028-06-30). */
export function periodEndAfterYears(start: IsoDate, years: number): IsoDate {
  if (!isIsoDate(start)) throw new RangeError(`startdatum är inte ett datum: ${start}`);
  assertCount(years, 'antal år');
  const y = yearOf(start) + years;
  const [mm, dd] = [start.slice(5, 7), start.slice(8, 10)];
  const same = `${String(y).padStart(4, '0')}-${mm}-${dd}`;
  // 29 February in a non-leap target year: the period ends 28 February.
  return isIsoDate(same) ? addDays(same, -1) : `${String(y).padStart(4, '0')}-02-28`;
}

// ---------------------------------------------------------------- the national rate per fee year

/**
 * The national rate of one fee year, as the programme owner set it: kr per inhabitant and year, where the figure
 * comes from and the date it was set. A fee statement uses the rate of its own fee year.
 */
export interface NationalRate {
  readonly year: number;
  readonly rate: Rate;
  /** Where the figure comes from (a decision, an invoice, a document). */
  readonly source: string;
  /** The date the rate was set (or, for a figure taken from a document, that document's date). */
  readonly setOn: IsoDate;
}

/**
 * The rate that applies to one fee year (`year`); `preliminary` when no rate is set for it: then the rate, source
 * and date are those of fee year `rateYear`, the last known one.
 */
export interface AppliedNationalRate extends NationalRate {
  readonly rateYear: number;
  readonly preliminary: boolean;
}

/**
 * The rate table of a programme: its own entries (programme data) overlaid by the ones SKR has set later
 * (`setLater`, oldest first: the last one for a year wins). Ordered by year.
 */
export function rateTable(own: readonly NationalRate[], setLater: readonly NationalRate[] = []): NationalRate[] {
  const byYear = new Map<number, NationalRate>();
  for (const r of [...own, ...setLater]) byYear.set(r.year, r);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/**
 * The national rate of fee year `year`: the table's entry for that year, or (preliminary) the entry of the last
 * year before it, or of the first year after it when the year comes before every entry. Throws on an empty table.
 */
export function nationalRateForYear(table: readonly NationalRate[], year: number): AppliedNationalRate {
  if (table.length === 0) throw new RangeError('taxetabellen är tom');
  const sorted = [...table].sort((a, b) => a.year - b.year);
  const exact = sorted.find((r) => r.year === year);
  if (exact) return { ...exact, rateYear: exact.year, preliminary: false };
  const known = sorted.filter((r) => r.year < year).pop() ?? sorted[0];
  return { ...known, year, rateYear: known.year, preliminary: true };
}

/** Problems with a new rate SKR wants to set (Swedish, per field); empty when it may be set. */
export function newRateProblems(entry: { year: number; rate: Rate; setOn: IsoDate }, today: IsoDate): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const thisYear = yearOf(today);
  if (!Number.isInteger(entry.year) || entry.year <= thisYear) {
    problems.push({
      field: 'year',
      message: `avgiftsåret ${entry.year} har redan börjat; en taxa kan bara sättas för ett kommande år (${thisYear + 1} eller senare)`,
    });
  } else if (entry.year > thisYear + 10) {
    problems.push({ field: 'year', message: `avgiftsåret ${entry.year} ligger mer än tio år fram` });
  }
  if (!Number.isSafeInteger(entry.rate) || entry.rate <= 0) problems.push({ field: 'rate', message: 'taxan ska vara större än 0 kr' });
  else if (entry.rate % 100 !== 0) problems.push({ field: 'rate', message: 'taxan anges i hela öre (t.ex. 2,47)' });
  else if (entry.rate > 100 * 100 * 100) problems.push({ field: 'rate', message: 'taxan får vara högst 100 kr per invånare och år' });
  if (!isIsoDate(entry.setOn)) problems.push({ field: 'setOn', message: 'datumet finns inte' });
  else if (entry.setOn > today) problems.push({ field: 'setOn', message: `beslutsdatumet ${entry.setOn} ligger i framtiden` });
  return problems;
}
