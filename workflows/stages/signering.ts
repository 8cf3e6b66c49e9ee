import type { ActionPayload } from '../../domain/actions';
import type { ArendeContext, Outcome } from '../context';
import { tjansteutlatandeData } from '../documents';
import { reviseDraft } from './utkast';

/** The tjänsteutlåtande is signed by the förvaltningschef and the avdelningschef (docs/process.md, stage by stage). */
export async function signering(ctx: ArendeContext): Promise<void> {
  await ctx.serve('signering', {
    signTjansteutlatande: (p, actor) => signTjansteutlatande(ctx, p, actor),
    reviseDraft: (p, actor) => reviseDraft(ctx, p, actor),
  });
}

const ROLE_LABEL = { forvaltningschef: 'förvaltningschefen', avdelningschef: 'avdelningschefen' } as const;

/** One signature; with both, the signed version is written and the ärende goes to the meeting (or to KS in the KF phase). */
export async function signTjansteutlatande(ctx: ArendeContext, p: ActionPayload['signTjansteutlatande'], actor: string): Promise<Outcome> {
  const { state } = ctx;
  state.signatures[p.role] = { ...p.signatory, at: ctx.now(), by: actor };
  const who = `${p.signatory.name}, ${ROLE_LABEL[p.role]}`;
  if (!state.signatures.forvaltningschef || !state.signatures.avdelningschef) {
    ctx.transition('signering');
    return { message: `Tjänsteutlåtandet undertecknat av ${who}` };
  }
  const doc = await ctx.render('tjansteutlatande', tjansteutlatandeData(ctx.input, state, ctx.today()), {
    step: 'signering',
    createdBy: actor,
  });
  state.draft = { ...state.draft, version: doc.version };
  // In the KF phase (after a återremiss from KF) the revised ärende is prepared again by KS.
  ctx.transition(state.organ === 'kf' ? 'ks_beredning' : 'placering', 'tjänsteutlåtandet är undertecknat');
  return { message: `Tjänsteutlåtandet undertecknat av ${who}; undertecknad version ${state.draft.version} skapad`, documentIds: [doc.id] };
}
