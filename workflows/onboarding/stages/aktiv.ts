import { feeScheduleForYears, rateTable, type FeeYear } from '../../../domain/fees';
import { addDays } from '../../../domain/iso-date';
import { formatKronor } from '../../../domain/money';
import { periodFor } from '../../../domain/programmes';
import { feeStatementData, regionalTerms } from '../../agreement-texts';
import type { Agreement } from '../../onboarding-messages';
import { municipalityBasis, type OnboardingContext } from '../context';

/**
 * Aktiv anslutning: an avgiftsunderlag at the start of each fee year (then a new run: one run per fee year keeps the
 * history short), and at the end of the period the renewal decision (→ fornyelse).
 */
export async function aktiv(ctx: OnboardingContext): Promise<void> {
  if ((await activeYear(ctx)) === 'continueAsNew') await ctx.continueAsNew();
}

async function activeYear(ctx: OnboardingContext): Promise<'continue' | 'continueAsNew'> {
  const { state } = ctx;
  const agreement = state.agreement as Agreement;
  const years = feeScheduleForYears(agreement.period.start, agreement.period.end);
  const next = years.find((y) => !state.feeStatements.some((s) => s.from === y.from));
  if (next) {
    if (ctx.today() < next.from) {
      await ctx.sleepUntil(next.from);
      return 'continue';
    }
    await issueFeeStatement(ctx, agreement, next);
    return 'continueAsNew';
  }
  const after = addDays(agreement.period.end, 1);
  if (ctx.today() < after) {
    await ctx.sleepUntil(after);
    return 'continue';
  }
  ctx.note('system', 'periodEnd', `Avtalsperioden slutade ${agreement.period.end}: förnyelse eller utträde`);
  ctx.moveTo('fornyelse');
  return 'continue';
}

async function issueFeeStatement(ctx: OnboardingContext, agreement: Agreement, year: FeeYear): Promise<void> {
  const { state } = ctx;
  const programme = ctx.programme();
  const basis = await municipalityBasis(state.kommunkod);
  // The texts (rate of this fee year, population and its date, the RSS or "ej fastställd"): workflows/agreement-texts.ts.
  const data = feeStatementData({
    programme,
    diarienummer: agreement.number,
    date: ctx.today(),
    year,
    municipalityName: basis.partyName,
    population: { count: basis.population, asOf: basis.populationDate, source: 'SCB' },
    table: rateTable(programme.nationalRates, basis.nationalRates ?? []),
    regional: regionalTerms(periodFor(programme, agreement.period.start).regionalRates, basis.lanskod, basis.rss, agreement.organisation),
    agreement: { number: agreement.number, start: agreement.period.start, end: agreement.period.end, preliminary: agreement.preliminary },
  });
  const fee = { national: data.national.amountOre, regional: data.regional ? data.regional.amountOre : 0, total: data.totalOre };
  // One statement per fee year, numbered as versions of the avgiftsunderlag.
  const doc = await ctx.renderVersion('avgiftsunderlag', data, { step: 'avgift', createdBy: 'system', diarienummer: agreement.number });
  ctx.archive(doc);
  state.feeStatements.push({
    year: year.year,
    from: year.from,
    to: year.to,
    population: basis.population,
    populationDate: basis.populationDate,
    nationalOre: fee.national,
    regionalOre: fee.regional,
    totalOre: fee.total,
    document: doc,
  });
  ctx.note('system', 'feeStatement', `Avgiftsunderlag ${year.year}: ${formatKronor(fee.total)} (${year.from}–${year.to})`);
}
