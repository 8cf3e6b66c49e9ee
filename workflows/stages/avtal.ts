import { patched } from '@temporalio/workflow';
import type { ActionPayload } from '../../domain/actions';
import { addDays, maxIsoDate, type IsoDate } from '../../domain/iso-date';
import { periodFor } from '../../domain/programmes';
import { activities, type ArendeContext, type Outcome } from '../context';
import { anslutningsavtalData, kommunBasis } from '../documents';
import { followAvtal } from './follow-onboarding';

/**
 * 9. Avtal med SKR (docs/process.md, "Who owns what"): both parties sign the anslutningsavtal; either may reject it with a comment,
 * which sends it back to the other party (the sender) and both sign again. With both signatures the signed agreement
 * is written and the ärende waits for the start date.
 */
export async function avtal(ctx: ArendeContext): Promise<void> {
  // Handed over: SKR's onboarding owns the agreement and the fees; this stage follows it (docs/process.md).
  if (ctx.state.agreementOwner) return followAvtal(ctx);
  const { state } = ctx;
  if (!state.agreement) state.agreement = { round: 1, period: period(ctx, ctx.today()), signatures: {}, rejections: [] };
  await ctx.serve('avtal', {
    signAgreement: (p, actor) => signAgreement(ctx, p, actor),
    rejectAgreement: async (p, actor) => {
      const a = state.agreement!;
      a.rejections.push({ party: p.party, comment: p.comment, at: ctx.now(), by: actor, round: a.round });
      a.round += 1;
      a.signatures = {};
      const back = p.party === 'skr' ? 'kommunen' : 'SKR';
      return {
        message: `Avtalet avvisat av ${p.party === 'skr' ? 'SKR' : 'kommunen'}: ${p.comment}. Tillbaka till ${back}; båda parter undertecknar på nytt (omgång ${a.round})`,
      };
    },
  });
}

/** The start: the wished start, but never before the day after the agreement is signed. */
function period(ctx: ArendeContext, signedOrToday: IsoDate) {
  const start = maxIsoDate(ctx.state.policy.targetStart, addDays(signedOrToday, 1));
  const p = periodFor(ctx.programme, start);
  return { start: p.start, end: p.end, preliminary: p.preliminary };
}

async function signAgreement(ctx: ArendeContext, p: ActionPayload['signAgreement'], actor: string): Promise<Outcome> {
  const { state } = ctx;
  const a = state.agreement!;
  const date = p.date ?? ctx.today();
  a.signatures[p.party] = { ...p.signatory, ...(p.place ? { place: p.place } : {}), date, at: ctx.now(), by: actor };
  const who = `${p.signatory.name} för ${p.party === 'skr' ? 'SKR' : 'kommunen'}`;
  if (!a.signatures.skr || !a.signatures.kommun) return { message: `Avtalet undertecknat av ${who}` };

  a.signedAt = maxIsoDate(a.signatures.skr.date, a.signatures.kommun.date);
  a.period = period(ctx, a.signedAt);
  state.start = a.period.start;
  // The agreement is written from the basis as it is at signing (the municipality's own name, its RSS, the rates
  // SKR has set); older runs used the basis read at registration.
  const kommun = patched('agreement-basis-at-signing')
    ? (state.kommun = kommunBasis(await activities.getMunicipality(state.kommunkod)))
    : (state.kommun ?? (await activities.getMunicipality(state.kommunkod)));
  const doc = await ctx.render('anslutningsavtal', anslutningsavtalData(ctx.programme, state, kommun), { step: 'avtal', createdBy: actor });
  a.documentId = doc.id;
  ctx.transition('vantar_start', `start ${a.period.start}`);
  return {
    message: `Avtalet undertecknat av ${who}; båda parter har undertecknat, start ${a.period.start}, avtalsperiod till och med ${a.period.end}`,
    documentIds: [doc.id],
  };
}
