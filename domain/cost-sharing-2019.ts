/**
 * SKR's 2019 cost-sharing model (seed 002, §10 "Ekonomisk modell"): AffärsConcept's very preliminary total of
 * about 39 Mkr for a seven-year agreement — a technical platform procured on a seven-year contract (higher cost
 * the first two years), a national coordinator, and management/development of five Yrkesresor (one new per year
 * in years 1–5, all five in years 6–7) spread over five RSS/counties; NOT included: temporary development
 * resources, the platform's actual running cost (not reliably estimable) and the physical course days — shared
 * among the participating municipalities in proportion to population.
 *
 *   yearly cost = total cost × municipality population ÷ (participants' population × years)
 *
 * computed exactly and rounded half up to whole öre once, at the end (same rule as money.ts).
 *
 * What reproduces the seed's two tables (worked out against SEED_002_TABLES, see the unit test):
 * - 290 participants: total 39 000 000 kr, 7 years, participants' population = Sweden on 2019-06-30,
 *   10 281 189 (SCB, preliminary; the tables are headed "Antal kommuninvånare (30/6-19)") — i.e.
 *   ≈ 0,5419 kr per inhabitant and year. Every row of the seed lies within −4,0 % … +10,7 % of this
 *   (10 000 / 25 000 / 50 000 / 200 000 inh. are written as exactly 0,60 kr/inh., 1 000 000 as 0,52 kr/inh.).
 *   No other model reproduces the rows better (re-examined against seed 002 §10; the search is in
 *   test/unit/onboarding-cost-sharing-2019.test.ts): yearly = round(a + r × population) with a fixed part
 *   a ∈ [−5 000, 5 000] kr (steps of 10 kr), ANY rate r per inhabitant, and rounding to the nearest / up / down
 *   to 500, 1 000, 2 000, 2 500, 5 000, 10 000, 20 000 or 25 000 kr, or to 1, 2, 2½ or 3 significant digits,
 *   matches at most 6 of the 9 rows. Why: the rows' cost per inhabitant is not monotonic in population —
 *   0,600 (10–50 000) → 0,533 (75 000) → 0,550 (100 000) → 0,600 (200 000) → 0,529 (350 000) → 0,544 (570 000) →
 *   0,520 (1 000 000) — while a fixed + variable model has a monotonic cost per inhabitant; and no single rounding
 *   step fits (with 10 000-kr steps, "ca 40 000" for 75 000 needs r < 0,600 and "ca 120 000" for 200 000 needs
 *   r ≥ 0,575, which puts 1 000 000 at ≥ 575 000, not 520 000). Other population bases (Sweden 2019-12-31, the
 *   registry's 2023 figures) or the seed's "higher cost the first two years" only rescale r and cannot remove the
 *   non-monotonic pattern: the rows are hand-rounded estimates. So the model keeps the seed's own assumptions
 *   (39 Mkr, 7 years, 10 281 189 inhabitants) and the tests pin every row's deviation to 0,1 percentage point
 *   (+10,7 % for the rows at 0,60 kr/inh., −1,6 %, +1,5 %, −2,5 %, +0,4 %, −4,0 %) instead of only a band; the
 *   band SEED_002_RELATIVE_TOLERANCE (±11 %) is what the page uses to mark a row as "ca" reproduced.
 * - 145 participants: every row of the seed's second table is exactly twice the first table's row (all nine).
 *   That is what halving the participants' population gives: participants' population = Sweden's population
 *   × 145/290 (145 municipalities of average size). The seed itself warns that the real figure depends on
 *   which municipalities take part (the smaller ones leaving costs less than the larger ones leaving).
 *
 * Pure and deterministic: safe inside Temporal's workflow sandbox.
 */
import type { IsoDate } from './iso-date';
import { assertCount, divideRoundHalfUp, wholeKronorToOre, type Ore } from './money';
import type { Registry } from './municipalities';

export interface SeedTableRow {
  /** "Antal kommuninvånare (30/6-19)" */
  readonly population: number;
  /** "Prel. årskostnad för 5 Yrkesresor", whole kronor per year, written "Ca …" in the seed. */
  readonly yearlyCostKr: number;
}

/**
 * The two tables of seed 002 (SKR's decision of 2019, §10, "fördelat på 290
 * kommuner" and "fördelat på 145 kommuner"), transcribed. Typos in the source: "Ca310 000" (290 table, 570 000
 * inh.) is 310 000, and "Ca 370 00o" (145 table, 350 000 inh.) is read as 370 000.
 */
export const SEED_002_TABLES: { readonly [K in 290 | 145]: readonly SeedTableRow[] } = {
  290: [
    { population: 10_000, yearlyCostKr: 6_000 },
    { population: 25_000, yearlyCostKr: 15_000 },
    { population: 50_000, yearlyCostKr: 30_000 },
    { population: 75_000, yearlyCostKr: 40_000 },
    { population: 100_000, yearlyCostKr: 55_000 },
    { population: 200_000, yearlyCostKr: 120_000 },
    { population: 350_000, yearlyCostKr: 185_000 },
    { population: 570_000, yearlyCostKr: 310_000 },
    { population: 1_000_000, yearlyCostKr: 520_000 },
  ],
  145: [
    { population: 10_000, yearlyCostKr: 12_000 },
    { population: 25_000, yearlyCostKr: 30_000 },
    { population: 50_000, yearlyCostKr: 60_000 },
    { population: 75_000, yearlyCostKr: 80_000 },
    { population: 100_000, yearlyCostKr: 110_000 },
    { population: 200_000, yearlyCostKr: 240_000 },
    { population: 350_000, yearlyCostKr: 370_000 },
    { population: 570_000, yearlyCostKr: 620_000 },
    { population: 1_000_000, yearlyCostKr: 1_040_000 },
  ],
};

/** How far (relative) a seed row may lie from the model and still count as reproduced ("ca"). See the header. */
export const SEED_002_RELATIVE_TOLERANCE = 0.11;

export interface Model2019Assumptions {
  /** Total cost over the agreement, öre. Seed: "ca 39 Mkr". */
  readonly totalCost: Ore;
  /** Agreement years. Seed: seven. */
  readonly years: number;
  /** Population of all 290 municipalities, i.e. Sweden. */
  readonly nationalPopulation: number;
  readonly nationalPopulationDate: IsoDate;
}

/** The assumptions that reproduce seed 002's tables (see the header). */
export const MODEL_2019: Model2019Assumptions = {
  totalCost: wholeKronorToOre(39_000_000),
  years: 7,
  nationalPopulation: 10_281_189,
  nationalPopulationDate: '2019-06-30',
};

/** Number of municipalities in Sweden (the seed's "290 kommuner"). */
export const MUNICIPALITY_COUNT = 290;

/** total × population ÷ (participants × years), where participants = numerator/denominator inhabitants. */
function shareOfCost(total: Ore, population: number, participantsNum: bigint, participantsDen: bigint, years: number): Ore {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`totalkostnaden måste vara ett helt antal öre ≥ 0, fick ${total}`);
  assertCount(population, 'kommunens folkmängd');
  if (!Number.isSafeInteger(years) || years <= 0) throw new RangeError(`antal år måste vara ett heltal > 0, fick ${years}`);
  if (participantsNum <= 0n) throw new RangeError('de deltagande kommunernas folkmängd måste vara större än noll');
  const result = divideRoundHalfUp(BigInt(total) * BigInt(population) * participantsDen, participantsNum * BigInt(years));
  return Number(result);
}

/**
 * A municipality's yearly cost in öre: totalCost × municipalityPopulation ÷ (participantsPopulation × years),
 * rounded half up to whole öre once.
 */
export function yearlyCost(input: { municipalityPopulation: number; participantsPopulation: number; totalCost: Ore; years: number }): Ore {
  assertCount(input.participantsPopulation, 'de deltagande kommunernas folkmängd');
  return shareOfCost(input.totalCost, input.municipalityPopulation, BigInt(input.participantsPopulation), 1n, input.years);
}

export interface ReproducedRow {
  readonly population: number;
  /** The model's yearly cost, öre. */
  readonly computed: Ore;
  /** The seed's figure, öre. */
  readonly seed: Ore;
  /** seed ÷ computed − 1 (e.g. 0.107 = the seed is 10,7 % above the model). */
  readonly deviation: number;
  readonly withinTolerance: boolean;
}

/**
 * Recomputes seed 002's table for 290 or 145 participants. Participants' population = national population ×
 * participantCount ÷ 290 (exact, no rounding: for 145 it is 5 140 594,5).
 */
export function reproduceTable(participantCount: 290 | 145, assumptions: Partial<Model2019Assumptions> = {}): ReproducedRow[] {
  const a = { ...MODEL_2019, ...assumptions };
  return SEED_002_TABLES[participantCount].map((row) => {
    const computed = shareOfCost(a.totalCost, row.population, BigInt(a.nationalPopulation) * BigInt(participantCount), BigInt(MUNICIPALITY_COUNT), a.years);
    const seed = wholeKronorToOre(row.yearlyCostKr);
    const deviation = seed / computed - 1;
    return { population: row.population, computed, seed, deviation, withinTolerance: Math.abs(deviation) <= SEED_002_RELATIVE_TOLERANCE };
  });
}

export interface MunicipalityCost2019 {
  readonly kommunkod: string;
  readonly name: string;
  readonly population: number;
  readonly populationDate: IsoDate;
  readonly participantCount: number;
  readonly participantsPopulation: number;
  readonly years: number;
  /** Yearly cost, öre. */
  readonly yearly: Ore;
  /** Cost over the whole agreement (total × share, rounded once — not yearly × years), öre. */
  readonly overAgreement: Ore;
}

/**
 * The 2019 model applied to real municipalities: `kommunkod`'s share when `participants` (which must include it)
 * take part, using the registry's stated populations (their date is carried along; the registry's figures are
 * not the 2019 ones the seed used).
 */
export function costForMunicipality(
  kommunkod: string,
  participants: readonly string[],
  registry: Registry,
  assumptions: Partial<Pick<Model2019Assumptions, 'totalCost' | 'years'>> = {},
): MunicipalityCost2019 {
  const { totalCost, years } = { ...MODEL_2019, ...assumptions };
  const m = registry.byKode(kommunkod);
  if (!m) throw new RangeError(`okänd kommunkod: ${kommunkod}`);
  if (!participants.includes(kommunkod)) throw new RangeError(`kommunen ${kommunkod} (${m.name}) finns inte bland de deltagande kommunerna`);
  const participantsPopulation = registry.populationOf(participants);
  return {
    kommunkod,
    name: m.name,
    population: m.population,
    populationDate: m.populationDate,
    participantCount: participants.length,
    participantsPopulation,
    years,
    yearly: yearlyCost({ municipalityPopulation: m.population, participantsPopulation, totalCost, years }),
    overAgreement: shareOfCost(totalCost, m.population, BigInt(participantsPopulation), 1n, 1),
  };
}
