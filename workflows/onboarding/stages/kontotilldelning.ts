import { patched, uuid4, workflowInfo } from '@temporalio/workflow';
import { handlingKey } from '../../../domain/document-identity';
import { periodFor } from '../../../domain/programmes';
import type { Agreement } from '../../onboarding-messages';
import { agreementDocument } from '../agreement-document';
import { municipalityBasis, provisionAccounts, renderDocument, type OnboardingContext } from '../context';

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
  const doc = await renderDocument({
    docId: uuid4(),
    arendeId: workflowInfo().workflowId,
    kommunkod: state.kommunkod,
    type: 'anslutningsavtal',
    data: agreementDocument(ctx.programme(), agreement, basis, periodFor(ctx.programme(), agreement.period.start).regionalRates, ctx.today()),
    step: 'avtal_undertecknat',
    status: 'slutlig',
    handling: handlingKey('anslutningsavtal', { period: agreement.period }),
    version: state.documents.filter((d) => d.type === 'anslutningsavtal').length + 1,
    createdBy: 'system',
    createdAt: ctx.now(),
    diarienummer: agreement.number,
  });
  agreement.signedDocument = doc;
  state.documents.push(doc);
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
