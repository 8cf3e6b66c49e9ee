import type { ArendeContext } from '../context';
import { reviseDraft, signTjansteutlatande } from './tjansteutlatande-actions';

/** The tjänsteutlåtande is signed by the förvaltningschef and the avdelningschef (docs/process.md, stage by stage). */
export async function signering(ctx: ArendeContext): Promise<void> {
  await ctx.serve('signering', {
    signTjansteutlatande: (p, actor) => signTjansteutlatande(ctx, p, actor),
    reviseDraft: (p, actor) => reviseDraft(ctx, p, actor),
  });
}
