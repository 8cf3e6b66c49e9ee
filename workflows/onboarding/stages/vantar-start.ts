import type { Agreement } from '../../onboarding-messages';
import type { OnboardingContext } from '../context';

/** Väntar på start: the agreement is signed and the accounts exist; at 00:00 on the start date the anslutning is active. */
export async function vantarStart(ctx: OnboardingContext): Promise<void> {
  const start = (ctx.state.agreement as Agreement).period.start;
  await ctx.sleepUntil(start);
  if (ctx.state.stage !== 'vantar_start' || ctx.today() < start) return; // woken early (the ärende's news)
  ctx.note('system', 'start', `Anslutningen är aktiv från ${start}`);
  ctx.moveTo('aktiv');
}
