import { stockholmMidnight } from '../../domain/iso-date';
import type { ArendeContext } from '../context';
import { startbeskedData } from '../documents';
import { joinNamnd } from './ansluta-namnd';
import { followStart } from './follow-onboarding';

/** 11. Start (docs/process.md, stage by stage): a durable timer to 00:00 Europe/Stockholm on the start date; then the startbesked. */
export async function vantarStart(ctx: ArendeContext): Promise<void> {
  // Handed over: SKR's onboarding owns the agreement and the fees; this stage follows it (docs/process.md).
  if (ctx.state.agreementOwner) return followStart(ctx);
  const { state } = ctx;
  await ctx.serve(
    'vantar_start',
    { joinNamnd: (p, actor) => joinNamnd(ctx, p, actor) },
    {
      wakeAt: () => (state.start ? stockholmMidnight(state.start) : undefined),
      tick: async () => {
        if (!state.start || ctx.today() < state.start) return;
        await ctx.render('startbesked', startbeskedData(ctx.input, ctx.programme, state, state.namnd.namn, state.start, ctx.today()), { step: 'start' });
        ctx.transition('aktiv', `anslutningen startade ${state.start}`);
      },
    },
  );
}
