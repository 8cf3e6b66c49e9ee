import { feeLinesForPeriod, type RegionalOrganisation } from '../../domain/fees';
import type { IsoDate } from '../../domain/iso-date';
import { formatKronor, formatRate } from '../../domain/money';
import type { Registry } from '../../domain/municipalities';
import { costForMunicipality, MODEL_2019, reproduceTable, SEED_002_TABLES } from '../../domain/cost-sharing-2019';
import { agreementFees, feeComputationText, formatCount } from '../../domain/onboarding-terms';
import { periodFor, programmeById } from '../../domain/programmes';
import { ApiError } from '../http-errors';
import { requireKommun } from './onboarding';

/** The current fee model for a municipality from a start date: one line per calendar fee year (domain/fees.ts). */
export function currentModelFees(registry: Registry, q: { kommunkod: string; start: IsoDate; organisation: RegionalOrganisation; program: string }) {
  const m = requireKommun(registry, q.kommunkod);
  const programme = programmeById(q.program);
  const period = periodFor(programme, q.start);
  const fees = agreementFees(period, m.lanskod, q.organisation);
  const lines = feeLinesForPeriod(period.start, period.end, {
    population: m.population,
    populationDate: m.populationDate,
    nationalRate: fees.nationalRate,
    ...(fees.regional ? { regionalRate: fees.regional.rate } : {}),
  });
  return {
    kommunkod: m.kommunkod,
    name: m.name,
    lan: m.lan,
    population: m.population,
    populationText: formatCount(m.population),
    populationDate: m.populationDate,
    organisation: q.organisation,
    period: { start: period.start, end: period.end, preliminary: period.preliminary, source: period.source },
    nationalRate: fees.nationalRate,
    nationalRateKr: formatRate(fees.nationalRate),
    regional: fees.regional ? { payee: fees.regional.payee, rate: fees.regional.rate, rateKr: formatRate(fees.regional.rate) } : null,
    roundingRule: 'Varje belopp beräknas exakt och avrundas en gång till hela öre; ett halvt öre avrundas uppåt. Totalen är summan av de avrundade delarna.',
    years: lines.map((l) => ({
      year: l.year,
      from: l.from,
      to: l.to,
      days: l.days,
      daysInYear: l.daysInYear,
      proRata: l.proRata,
      nationalOre: l.fee.national,
      regionalOre: l.fee.regional,
      totalOre: l.fee.total,
      national: formatKronor(l.fee.national),
      regionalKr: formatKronor(l.fee.regional),
      total: formatKronor(l.fee.total),
      computation: feeComputationText(l, m.population, fees.nationalRate, l.fee.national),
    })),
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
