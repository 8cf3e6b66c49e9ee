import { feeScheduleForYears, nationalRateForYear, proRataFee, type NationalRate, type RegionalOrganisation } from '../../domain/fees';
import type { IsoDate } from '../../domain/iso-date';
import { formatKronor, formatRate, multiplyRate } from '../../domain/money';
import { officialMunicipalityName } from '../../domain/municipality-names';
import type { Registry } from '../../domain/municipalities';
import { costForMunicipality, MODEL_2019, reproduceTable, SEED_002_TABLES } from '../../domain/cost-sharing-2019';
import { formatCount } from '../../domain/onboarding-terms';
import { feeComputation, regionalTerms } from '../../workflows/agreement-texts';
import { periodFor } from '../../domain/programmes';
import { programmeById } from '../programmes';
import { ApiError } from '../http-errors';
import { requireKommun } from './onboarding';

/**
 * The current fee model for a municipality from a start date: one line per calendar fee year, each at that fee
 * year's national rate (`table`: the programme's table with SKR's rates, server/skr/rates.ts), the regional fee of
 * the county's RSS where it is known ("ej fastställd" where it is not: null, never 0), and the population with its date.
 */
export function currentModelFees(
  registry: Registry,
  q: { kommunkod: string; start: IsoDate; organisation: RegionalOrganisation; program: string },
  table: readonly NationalRate[] = programmeById(q.program).nationalRates,
) {
  const m = requireKommun(registry, q.kommunkod);
  const programme = programmeById(q.program);
  const period = periodFor(programme, q.start);
  const regional = regionalTerms(period.regionalRates, m.lanskod, m.rss?.name, q.organisation);
  const regionalRate = regional.kind === 'rss' ? regional.rate : null;
  const years = feeScheduleForYears(period.start, period.end).map((y) => {
    const national = nationalRateForYear(table, y.year);
    const fee = proRataFee(
      { population: m.population, populationDate: m.populationDate, nationalRate: national.rate, ...(regionalRate !== null ? { regionalRate } : {}) },
      { numerator: y.days, denominator: y.daysInYear },
    );
    const fullYearNational = multiplyRate(national.rate, m.population);
    return {
      year: y.year,
      from: y.from,
      to: y.to,
      days: y.days,
      daysInYear: y.daysInYear,
      proRata: y.proRata,
      nationalRate: national.rate,
      nationalRateKr: formatRate(national.rate),
      rateSource: national.source,
      rateSetOn: national.setOn,
      ratePreliminary: national.preliminary,
      fullYearNationalOre: fullYearNational,
      fullYearNational: formatKronor(fullYearNational),
      nationalOre: fee.national,
      /** null: the RSS's fee is not set (ej fastställd); 0 only when there is no regional fee */
      regionalOre: regional.kind === 'rss' && regionalRate === null ? null : fee.regional,
      totalOre: fee.total,
      national: formatKronor(fee.national),
      regionalKr: regional.kind === 'rss' && regionalRate === null ? 'ej fastställd' : formatKronor(fee.regional),
      total: formatKronor(fee.total),
      computation: feeComputation(y, m.population, national.rate, fee.national),
    };
  });
  return {
    kommunkod: m.kommunkod,
    name: m.name,
    officialName: officialMunicipalityName(m),
    lan: m.lan,
    population: m.population,
    populationText: formatCount(m.population),
    populationDate: m.populationDate,
    organisation: q.organisation,
    period: { start: period.start, end: period.end, preliminary: period.preliminary, source: period.source },
    nationalRate: years[0].nationalRate,
    nationalRateKr: years[0].nationalRateKr,
    regional:
      regional.kind === 'rss'
        ? {
            payee: regional.payee,
            rate: regional.rate,
            rateKr: regional.rate === null ? 'ej fastställd' : formatRate(regional.rate),
            set: regional.rate !== null,
          }
        : null,
    roundingRule: 'Varje belopp beräknas exakt och avrundas en gång till hela öre; ett halvt öre avrundas uppåt. Totalen är summan av de avrundade delarna.',
    years,
  };
}

/** Seed 002's two tables next to the 2019 model's values. */
export function model2019Tables() {
  const table = (n: 290 | 145) =>
    reproduceTable(n).map((r) => ({
      population: r.population,
      populationText: formatCount(r.population),
      seedOre: r.seed,
      modelOre: r.computed,
      seed: formatKronor(r.seed),
      model: formatKronor(r.computed),
      deviationPercent: Math.round(r.deviation * 1000) / 10,
      deviationText: `${r.deviation > 0 ? '+' : ''}${(Math.round(r.deviation * 1000) / 10).toFixed(1).replace('.', ',').replace('-', '−')} %`,
    }));
  return {
    assumptions: {
      totalCostOre: MODEL_2019.totalCost,
      years: MODEL_2019.years,
      nationalPopulation: MODEL_2019.nationalPopulation,
      nationalPopulationDate: MODEL_2019.nationalPopulationDate,
    },
    tables: { 290: table(290), 145: table(145) },
    seedRows: SEED_002_TABLES[290].length,
  };
}

export type Participants = { kind: 'alla' } | { kind: 'lan'; lanskod: string } | { kind: 'kommuner'; kommunkoder: string[] } | { kind: 'anslutna' };

/** A municipality's yearly cost under the 2019 model for a set of participants. */
export function model2019Cost(registry: Registry, kommunkod: string, participants: string[], description: string) {
  requireKommun(registry, kommunkod);
  const set = [...new Set(participants)];
  if (!set.includes(kommunkod)) set.push(kommunkod);
  try {
    const cost = costForMunicipality(kommunkod, set, registry);
    return {
      ...cost,
      participants: description,
      populationText: formatCount(cost.population),
      yearlyKr: formatKronor(cost.yearly),
      overAgreementKr: formatKronor(cost.overAgreement),
      note: participants.includes(kommunkod) ? undefined : 'Kommunen räknas in bland de deltagande.',
    };
  } catch (err) {
    throw new ApiError(400, 'VALIDATION_FAILED', (err as Error).message, [{ field: 'participants', rule: 'invalid', message: (err as Error).message }]);
  }
}
