import { workflowInfo } from '@temporalio/workflow';
import { handlingKey } from '../../../domain/document-identity';
import { nationalRateForYear, rateTable } from '../../../domain/fees';
import { agreementFees as agreementFeeTerms, agreementNumber } from '../../../domain/onboarding-terms';
import type { Agreement } from '../../onboarding-messages';
import { agreementDocument } from '../agreement-document';
import { municipalityBasis, requestSignature, type OnboardingContext } from '../context';

/**
 * Avtal förbereds: the next version of the anslutningsavtal is written (after a decision, a revision or a renewal)
 * and sent to both parties for signature (→ avtal_signeras).
 */
export async function avtalForbereds(ctx: OnboardingContext): Promise<void> {
  const { state } = ctx;
  const next = state.nextAgreement ?? { reason: 'ny_version' as const, terms: {} };
  const previous = state.agreement;
  const p = ctx.programme();
  const basis = await municipalityBasis(state.kommunkod);
  const period = ctx.plannedPeriod(next);
  const organisation = next.terms.organisation ?? previous?.organisation ?? 'rss';
  const admins = next.terms.admins ?? previous?.admins ?? (state.contact ? [state.contact] : []);
  const version = (previous?.version ?? 0) + 1;
  // The agreement records its first fee year's rate as the rate table stands now (with the rates SKR has set).
  const firstYearRate = nationalRateForYear(rateTable(p.nationalRates, basis.nationalRates ?? []), Number(period.start.slice(0, 4))).rate;
  const fees = { ...agreementFeeTerms(period, basis.lanskod, organisation, basis.rss), nationalRate: firstYearRate };
  const number = agreementNumber(state.kommunkod, period.start, version, p.agreementNumberPrefix);
  const agreement: Agreement = {
    version,
    period: { start: period.start, end: period.end },
    preliminary: period.preliminary,
    organisation,
    fees,
    admins,
    number,
    signatures: {},
  };
  const doc = await ctx.renderVersion('anslutningsavtal', agreementDocument(p, agreement, basis, period.regionalRates, ctx.today()), {
    step: 'avtal',
    // Sent for signing: not final until both parties have signed (domain/document-identity.ts documentStatus).
    status: 'utkast',
    handling: handlingKey('anslutningsavtal', { period: agreement.period }),
    createdBy: 'SKR',
    diarienummer: number,
  });
  agreement.document = doc;
  state.agreement = agreement;
  delete state.nextAgreement;
  const what = next.reason === 'fornyelse' ? 'för en ny avtalsperiod' : '';
  ctx.note(
    'system',
    'agreement',
    `Anslutningsavtal version ${version} ${what} (${period.start}–${period.end}) skickat för underskrift till kommunen och SKR`.replace('  ', ' '),
  );
  ctx.moveTo('avtal_signeras');
  for (const party of ['kommun', 'skr'] as const) {
    if (state.stage !== 'avtal_signeras' || state.agreement.version !== version) break;
    await requestSignature({
      workflowId: workflowInfo().workflowId,
      kommunkod: state.kommunkod,
      docId: doc.id,
      documentTitle: doc.title,
      version,
      party,
    });
  }
}
