import { feedDecision } from '../arenden';
import type { MeetingContext, StageWork } from '../context';

/**
 * Pågår: the meeting is held. The secretary records the attendance, the ordförande and the justerare, and each item's
 * minutes (jäv, yrkanden, propositionsordning, a named vote, the decision, reservations); an adoption ärende gets its
 * decision through its own update at once. Closed when every item has its decision (→ protokoll).
 */
export function pagar(ctx: MeetingContext): Promise<void> {
  return ctx.serve('pagar', MINUTES);
}

/** Minutes are recorded while the meeting is held and while the protokoll is written. */
export const MINUTES: StageWork = {
  effects: { feedDecision: (ctx, e, step) => decisionToArende(ctx, e.itemId, step.actor) },
};

async function decisionToArende(ctx: MeetingContext, itemId: string, actor: string): Promise<void> {
  const item = ctx.state.items.find((i) => i.id === itemId);
  if (item) await feedDecision(item, actor);
}
