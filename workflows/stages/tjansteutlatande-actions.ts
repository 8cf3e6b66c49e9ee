/**
 * The two actions on the tjänsteutlåtande that both the utkast and the signering stage take (docs/process.md, stage
 * by stage): a new version, and a signature.
 */
import type { ActionPayload, ReviseDraft } from '../../domain/actions';
import type { ArendeContext, Outcome } from '../context';
import { tjansteutlatandeData } from '../documents';

/** A new version of the tjänsteutlåtande; signatures of the earlier version no longer count. */
export async function reviseDraft(ctx: ArendeContext, p: ReviseDraft, actor: string): Promise<Outcome> {
  const { state } = ctx;
  state.draft = { ...state.draft, content: p.tjansteutlatande };
  state.signatures = {};
  const doc = await ctx.render('tjansteutlatande', tjansteutlatandeData(ctx.input, state, ctx.today()), {
    step: state.stage,
    createdBy: actor,
  });
  state.draft = { ...state.draft, version: doc.version };
  ctx.transition('utkast', 'nytt utkast');
  return { message: `Tjänsteutlåtandet ändrat (version ${state.draft.version})${p.comment ? `: ${p.comment}` : ''}`, documentIds: [doc.id] };
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
