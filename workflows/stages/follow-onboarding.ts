import type { ArendeContext } from '../context';
import { startbeskedData } from '../documents';
import { joinNamnd } from './ansluta-namnd';

/**
 * 9–12 for an ärende that handed its decision over (state.agreementOwner): SKR's onboarding of the municipality and
 * programme owns the agreement, the signatures, the start, the fee statements and the renewal. The ärende writes none
 * of them; its stages follow what the owner reports (signal agreementProgress), and the web app reads the agreement
 * and the fees from the owner's query. Municipality actions on the agreement (signAgreement, rejectAgreement,
 * decideRenewal) are sent by the web app to the owner's updates (server/agreement-forwarding.ts).
 */

/** Onboarding stages in which both parties have signed and the municipality has not left. */
const SIGNED = ['kontotilldelning', 'vantar_start', 'aktiv', 'fornyelse'];
const ENDED = ['avslutad', 'avbojt'];

function progress(ctx: ArendeContext) {
  return ctx.state.agreementOwner?.progress;
}

function endIfOwnerEnded(ctx: ArendeContext): boolean {
  const p = progress(ctx);
  if (!p || !ENDED.includes(p.stage)) return false;
  ctx.end(p.stage === 'avslutad' ? 'anslutningen har upphört (SKR:s anslutning: kommunen har trätt ur)' : 'SKR:s anslutning avslutades');
  return true;
}

export async function followAvtal(ctx: ArendeContext): Promise<void> {
  const { state } = ctx;
  await ctx.serve(
    'avtal',
    {},
    {
      tick: () => {
        const p = progress(ctx);
        if (!p || endIfOwnerEnded(ctx)) return;
        if (p.signed && SIGNED.includes(p.stage)) {
          if (p.start) state.start = p.start;
          ctx.transition('vantar_start', `båda parter har undertecknat anslutningsavtalet version ${p.agreementVersion ?? 1} hos SKR; start ${p.start}`);
        }
      },
    },
  );
}

export async function followStart(ctx: ArendeContext): Promise<void> {
  const { state } = ctx;
  await ctx.serve(
    'vantar_start',
    { joinNamnd: (p, actor) => joinNamnd(ctx, p, actor) },
    {
      tick: async () => {
        const p = progress(ctx);
        if (!p || endIfOwnerEnded(ctx)) return;
        if (p.start) state.start = p.start;
        if (p.stage !== 'aktiv' && p.stage !== 'fornyelse') return;
        const start = state.start ?? ctx.today();
        await ctx.render('startbesked', startbeskedData(ctx.input, ctx.programme, state, state.namnd.namn, start, ctx.today()), { step: 'start' });
        ctx.transition('aktiv', `anslutningen startade ${start}`);
        // The years of membership begin in a fresh run: the decision's long history stays behind.
        ctx.requestContinueAsNew();
      },
    },
  );
}

export async function followAktiv(ctx: ArendeContext): Promise<void> {
  await ctx.serve('aktiv', { joinNamnd: (p, actor) => joinNamnd(ctx, p, actor) }, { tick: () => void endIfOwnerEnded(ctx) });
}
