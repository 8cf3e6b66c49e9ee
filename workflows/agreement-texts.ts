/**
 * The texts of the anslutningsavtal and the avgiftsunderlag, for whichever workflow writes them (the adoption
 * workflow's avtal/aktiv stages and SKR's onboarding workflow both call these): the parties as they name
 * themselves, the national rate of each fee year, the regional part named after the county's RSS from the
 * reference data, and an honest text where the RSS's rate is not known. Pure: safe in the workflow sandbox.
 */
import type { DocumentInput } from '../documents/types';
import {
  feeScheduleForYears,
  nationalRateForYear,
  proRataFee,
  type AppliedNationalRate,
  type FeeYear,
  type NationalRate,
  type RegionalOrganisation,
  type RegionalRate,
} from '../domain/fees';
import type { IsoDate } from '../domain/iso-date';
import { formatKronor, formatRate, multiplyRate, type Rate } from '../domain/money';
import { formatCount } from '../domain/onboarding-terms';
import type { Programme } from '../domain/programmes';

/** How the regional part is run, and what it costs when that is known. */
export type RegionalTerms =
  | { readonly kind: 'egen' }
  /** rate null: the RSS's rate is not known to the product (ej fastställd). */
  | { readonly kind: 'rss'; readonly payee: string; readonly rate: Rate | null };

/**
 * The regional terms of a municipality in `lanskod`: 'egen' when it runs the regional part itself; otherwise the
 * county's RSS by the name in the reference data (`rssName`, reference/rss.csv) with its rate when the programme
 * knows it (StorSthlm), else null.
 */
export function regionalTerms(
  regionalRates: readonly RegionalRate[],
  lanskod: string,
  rssName: string | undefined,
  organisation: RegionalOrganisation,
): RegionalTerms {
  if (organisation === 'egen') return { kind: 'egen' };
  const known = regionalRates.find((r) => r.lanskod === lanskod);
  return { kind: 'rss', payee: rssName ?? known?.rss ?? 'länets regionala samverkans- och stödstruktur (RSS)', rate: known?.rate ?? null };
}

/** Rate (hundredths of öre) → whole öre for the documents (rates are set in whole öre). */
export function rateOre(rate: Rate): number {
  return Math.round(rate / 100);
}

/** The parties: the programme's owner (SKR for Yrkesresan; its organisation number and address from the programme), and the municipality by its own name ("nedan kallad" is the template's). */
export function agreementParties(programme: Programme, municipalityName: string): DocumentInput['anslutningsavtal']['parties'] {
  return {
    skr: { name: programme.owner.name, orgNumber: programme.owner.orgNumber, address: programme.owner.address, shortName: programme.owner.shortName },
    municipality: { name: municipalityName, shortName: 'kommunen' },
  };
}

/** The regional part of an agreement, in Swedish: who runs it and what is known about its fee. */
export function regionalText(regional: RegionalTerms, lan: string | undefined): string[] {
  if (regional.kind === 'egen') {
    return [
      'Kommunen organiserar själv det som motsvarar det regionala genomförandet och använder inte länets regionala samverkans- och stödstruktur (RSS) för det; ingen regional avgift tas ut.',
    ];
  }
  const where = lan ? ` i ${lan}` : '';
  if (regional.rate !== null) {
    return [
      `Det regionala genomförandet sköts av ${regional.payee}, den regionala samverkans- och stödstrukturen (RSS)${where}. Regional avgift till ${regional.payee}: ${formatRate(regional.rate)} kr per invånare och år, beräknad och fakturerad på samma sätt som den nationella avgiften.`,
    ];
  }
  return [
    `Det regionala genomförandet sköts av ${regional.payee}, den regionala samverkans- och stödstrukturen (RSS)${where}.`,
    `${regional.payee} bestämmer själv sin regionala avgift. Den var inte känd när avtalet skrevs och är därför ej fastställd i detta avtal: avgiftsunderlaget visar den som ej fastställd tills ${regional.payee} har fastställt den.`,
  ];
}

/** The national rate of each fee year of the period (with the table's source), in year order. */
export function yearlyRates(table: readonly NationalRate[], start: IsoDate, end: IsoDate): AppliedNationalRate[] {
  return feeScheduleForYears(start, end).map((y) => nationalRateForYear(table, y.year));
}

/** § 3 of the agreement: the rates per fee year, the regional part, and how the fees are computed. */
export function agreementFees(input: {
  programme: Programme;
  table: readonly NationalRate[];
  period: { start: IsoDate; end: IsoDate; preliminary: boolean };
  regional: RegionalTerms;
  lan?: string;
}): DocumentInput['anslutningsavtal']['fees'] {
  const rates = yearlyRates(input.table, input.period.start, input.period.end);
  const owner = input.programme.owner.shortName;
  const rateLines = rates.map(
    (r) =>
      `${r.year}: ${formatRate(r.rate)} kr${r.preliminary ? ` (preliminär: ingen taxa fastställd för året; senast kända taxa, för ${r.rateYear})` : ` (${r.source}, fastställd ${r.setOn})`}`,
  );
  return {
    nationalRateOre: rateOre(rates[0].rate),
    yearlyRates: rates.map((r) => ({ year: r.year, rateOre: rateOre(r.rate), preliminary: r.preliminary })),
    regional:
      input.regional.kind === 'rss' ? { payee: input.regional.payee, rateOre: input.regional.rate === null ? null : rateOre(input.regional.rate) } : null,
    computation: [
      `Den nationella avgiften till ${owner} är en taxa per invånare och år som gäller för avgiftsåret (kalenderåret): ${rateLines.join('; ')}. ${owner} kan fastställa taxan för ett kommande år; varje avgiftsunderlag använder taxan för sitt år.`,
      'Avgiften är taxan gånger kommunens folkmängd enligt SCB den dag som avgiftsunderlaget anger (folkmängden och dess datum står i underlaget). Ett år som avtalet bara delvis omfattar debiteras i proportion till antalet dagar (dagar som omfattas delat med årets dagar). Ingen avgift tas ut för tiden före kommunens startdatum.',
      'Varje belopp beräknas exakt och avrundas en gång till hela öre; ett halvt öre avrundas uppåt.',
      ...regionalText(input.regional, input.lan),
      ...(input.period.preliminary ? [`Avtalsperioden och taxorna är preliminära tills ${owner} har fastställt en ny avtalsperiod.`] : []),
    ],
  };
}

/** How an amount was computed, with the full year's fee ("988 943 invånare × 2,43 kr = 2 403 131,49 kr per år; …"). */
export function feeComputation(year: FeeYear, population: number, rate: Rate, amount: number): string {
  const fullYear = multiplyRate(rate, population);
  const base = `${formatCount(population)} invånare × ${formatRate(rate)} kr = ${formatKronor(fullYear)} för helt år`;
  if (!year.proRata) return `${base}.`;
  return `${base}; ${year.days} av årets ${year.daysInYear} dagar (${year.from}–${year.to}): ${formatKronor(fullYear)} × ${year.days}/${year.daysInYear} = ${formatKronor(amount)}, avrundat till hela öre (ett halvt öre avrundas uppåt).`;
}

/** The avgiftsunderlag of one fee year: that year's rate, the population and its date, the regional fee or "ej fastställd". */
export function feeStatementData(input: {
  programme: Programme;
  diarienummer?: string;
  date: IsoDate;
  year: FeeYear;
  municipalityName: string;
  population: { count: number; asOf: IsoDate; source: string };
  table: readonly NationalRate[];
  regional: RegionalTerms;
  agreement: { number?: string; start: IsoDate; end: IsoDate; preliminary: boolean };
}): DocumentInput['avgiftsunderlag'] {
  const { year, population, regional, programme } = input;
  const national = nationalRateForYear(input.table, year.year);
  const regionalRate = regional.kind === 'rss' && regional.rate !== null ? regional.rate : undefined;
  const fee = proRataFee(
    { population: population.count, populationDate: population.asOf, nationalRate: national.rate, ...(regionalRate !== undefined ? { regionalRate } : {}) },
    { numerator: year.days, denominator: year.daysInYear },
  );
  const owner = programme.owner;
  return {
    ...(input.diarienummer ? { diarienummer: input.diarienummer } : {}),
    date: input.date,
    year: year.year,
    municipality: input.municipalityName,
    programme: programme.name,
    population: { count: population.count, asOf: population.asOf, source: population.source },
    nationalPayee: `${owner.name} (${owner.shortName})`,
    national: { rateOre: rateOre(national.rate), amountOre: fee.national, computation: feeComputation(year, population.count, national.rate, fee.national) },
    regional:
      regional.kind === 'egen'
        ? null
        : regionalRate !== undefined
          ? {
              payee: regional.payee,
              rateOre: rateOre(regionalRate),
              amountOre: fee.regional,
              computation: feeComputation(year, population.count, regionalRate, fee.regional),
            }
          : {
              payee: regional.payee,
              rateOre: null,
              amountOre: null,
              computation: `${regional.payee} har inte fastställt någon regional avgift för ${year.year}; den faktureras inte i detta underlag.`,
            },
    totalOre: fee.total,
    notes: [
      `Taxa för avgiftsår ${year.year}: ${formatRate(national.rate)} kr per invånare och år${national.preliminary ? `, preliminär (ingen taxa fastställd för ${year.year}; senast kända taxa, för ${national.rateYear})` : ''}. Källa: ${national.source}; fastställd ${national.setOn}.`,
      `Avgiftsår ${year.year}: ${year.from}–${year.to}${year.proRata ? ` (${year.days} av ${year.daysInYear} dagar)` : ''}. ${input.agreement.number ? `Avtal ${input.agreement.number}, a` : 'A'}vtalsperiod ${input.agreement.start}–${input.agreement.end}.`,
      ...(regional.kind === 'egen' ? ['Kommunen organiserar själv det regionala genomförandet; ingen regional avgift.'] : []),
      ...(input.agreement.preliminary ? [`Avtalsperioden och taxorna är preliminära tills ${owner.shortName} har fastställt en ny avtalsperiod.`] : []),
    ],
  };
}
