import { activities, type MeetingContext } from '../context';
import { protokollNotice } from '../documents';

/**
 * Justerat: the protokoll is final and never changed again. The secretary puts the notice of it on the municipality's
 * anslagstavla, no later than the second day after justering (KL 8 kap. 12 §) and never backdated (→ anslaget).
 */
export function justerat(ctx: MeetingContext): Promise<void> {
  return ctx.serve('justerat', { effects: { publish: postNotice } });
}

async function postNotice(ctx: MeetingContext): Promise<void> {
  await activities.postNotice({ kommunkod: ctx.state.kommunkod, notice: protokollNotice(ctx.state) });
}
