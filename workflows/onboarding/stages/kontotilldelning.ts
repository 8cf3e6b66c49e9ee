import { patched } from '@temporalio/workflow';
import { handlingKey } from '../../../domain/document-identity';
import { periodFor } from '../../../domain/programmes';
import type { Agreement } from '../../onboarding-messages';
import { agreementDocument } from '../agreement-document';
import { municipalityBasis, provisionAccounts, type OnboardingContext } from '../context';

/**
 * Kontotilldelning: both parties have signed. The signed agreement is written (a new version of the document, with
 * who signed in what title on which day), then the accounts on the learning platform are made; the anslutning is
 * active from its start (→ aktiv, or vantar_start before it).
 */
export async function kontotilldelning(ctx: OnboardingContext): Promise<void> {
  if (!(ctx.state.agreement as Agreement).signedDocument && patched('signed-agreement-document')) await writeSignedAgreement(ctx);
  await provision(ctx);
}

async function writeSignedAgreement(ctx: OnboardingContext): Promise<void> {
  const { state } = ctx;
  const agreement = state.agreement as Agreement;
  const basis = await municipalityBasis(state.kommunkod);
  const regionalRates = periodFor(ctx.programme(), agreement.period.start).regionalRates;
  const doc = await ctx.renderVersion('anslutningsavtal', agreementDocument(ctx.programme(), agreement, basis, regionalRates, ctx.today()), {
    step: 'avtal_undertecknat',
    status: 'slutlig',
    handling: handlingKey('anslutningsavtal', { period: agreement.period }),
    createdBy: 'system',
    diarienummer: agreement.number,
  });
  agreement.signedDocument = doc;
  ctx.archive(doc);
  ctx.note('system', 'agreement', `Anslutningsavtal version ${agreement.version} undertecknat av båda parter`);
}

async function provision(ctx: OnboardingContext): Promise<void> {
  const { state } = ctx;
  const agreement = state.agreement as Agreement;
  const { accountIds } = await provisionAccounts({
    kommunkod: state.kommunkod,
    program: state.program,
    periodStart: agreement.period.start,
    admins: agreement.admins,
  });
  state.accounts[agreement.period.start] = accountIds;
  ctx.note('system', 'provisionAccounts', `Konton skapade på lärplattformen (${accountIds.length} st)`);
  if (ctx.today() >= agreement.period.start) {
    ctx.note('system', 'start', `Anslutningen är aktiv från ${agreement.period.start}`);
    ctx.moveTo('aktiv');
  } else {
    ctx.moveTo('vantar_start');
  }
}
