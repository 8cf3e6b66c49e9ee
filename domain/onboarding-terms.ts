/**
 * The terms of one municipality's anslutningsavtal with SKR as the onboarding workflow writes them: start date,
 * agreement period and fees (from the programme's definition in domain/programmes.ts), the fee of each calendar
 * fee year (the avgiftsunderlag's numbers, from domain/fees.ts), and how the municipality is named as a party.
 *
 * Decisions (the issue is silent; see docs/onboarding.md):
 * - Default start: the first day of the month after the decision, but not before the programme's default start.
 * - The period runs to the end of the programme's period that the start falls in (no retroactive fee before the
 *   municipality's own start); a renewal is the programme's renewal period (domain/programmes.ts).
 * - The regional fee is charged only where the programme knows the RSS's rate (StorSthlm) and the municipality
 *   uses its RSS (organisation 'rss', the default); 'egen' = the municipality organises the regional part itself.
 *
 * Pure and deterministic: safe inside Temporal's workflow sandbox.
 */
import { addMonths, maxIsoDate, type IsoDate } from './iso-date';
import { proRataFee, type Fee, type FeeYear, type RegionalOrganisation } from './fees';
import { formatKronor, formatRate, type Rate } from './money';
import type { AppliedPeriod } from './programmes';
import { kommunNameByRule } from './municipality-names';

/** The programme the product onboards municipalities to by default. */
export const DEFAULT_PROGRAM = 'yrkesresan';

/** The default start date after a decision on `decisionDate`: the first day of the following month, not before `earliest`. */
export function defaultStartDate(decisionDate: IsoDate, earliest?: IsoDate): IsoDate {
  const next = addMonths(`${decisionDate.slice(0, 7)}-01`, 1);
  return earliest ? maxIsoDate(next, earliest) : next;
}

/** What the agreement says about fees, as the workflow stores it. */
export interface AgreementFees {
  readonly nationalRate: Rate;
  /** null: no regional fee (the municipality organises the regional part itself, or its RSS charges none known). */
  readonly regional: { readonly payee: string; readonly rate: Rate } | null;
  /** Where the rates come from; says "preliminärt" when the period is not yet set by SKR. */
  readonly source: string;
}

/**
 * The fees an agreement records (its first fee year's national rate; each fee statement uses its own year's rate).
 * `rssName`: the county's RSS as the reference data names it (reference/rss.csv), printed as the payee.
 */
export function agreementFees(period: AppliedPeriod, lanskod: string, organisation: RegionalOrganisation, rssName?: string): AgreementFees {
  const regional = organisation === 'rss' ? period.regionalRates.find((r) => r.lanskod === lanskod) : undefined;
  return {
    nationalRate: period.nationalRate,
    regional: regional ? { payee: rssName ?? regional.rss, rate: regional.rate } : null,
    source: period.source,
  };
}

/** One fee year's fee from the population figure in force when the statement is written (each part rounded once). */
export function feeForYear(year: FeeYear, fees: AgreementFees, basis: { population: number; populationDate: IsoDate }): Fee {
  return proRataFee(
    {
      population: basis.population,
      populationDate: basis.populationDate,
      nationalRate: fees.nationalRate,
      ...(fees.regional ? { regionalRate: fees.regional.rate } : {}),
    },
    { numerator: year.days, denominator: year.daysInYear },
  );
}

/** "988 943" with no-break spaces (no Intl, the same in every runtime). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}

/** How an amount was computed, in Swedish, for the avgiftsunderlag and the fee pages. */
export function feeComputationText(year: FeeYear, population: number, rate: Rate, amount: number): string {
  const base = `${formatCount(population)} invånare × ${formatRate(rate)} kr`;
  const share = year.proRata ? ` × ${year.days}/${year.daysInYear} (${year.days} dagar av årets ${year.daysInYear}, ${year.from}–${year.to})` : '';
  return `${base}${share} = ${formatKronor(amount)}, avrundat till hela öre (ett halvt öre avrundas uppåt).`;
}

/**
 * The municipality as a party by the rule alone ("Kiruna kommun", "Falu kommun"): domain/municipality-names.ts.
 * The product prints the name the municipality uses itself (reference data, officialMunicipalityName).
 */
export function municipalityPartyName(name: string): string {
  return kommunNameByRule(name);
}

/**
 * An agreement's number, printed as its diarienummer: "YR-0180-2027" (version 1), "YR-0180-2027 v2". The prefix is
 * the programme's (`agreementNumberPrefix`, Yrkesresan's "YR").
 */
export function agreementNumber(kommunkod: string, start: IsoDate, version: number, prefix = 'YR'): string {
  return `${prefix}-${kommunkod}-${start.slice(0, 4)}${version > 1 ? ` v${version}` : ''}`;
}
