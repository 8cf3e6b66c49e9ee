import { numberItems } from '../../../domain/meeting/commands';
import { activities, type MeetingContext } from '../context';
import { PLANNING } from './planerad';

/**
 * Kallad: the kallelse is sent. Items may still be added or removed (not reordered), and a change makes a new,
 * marked version of the kallelse. On the day of the meeting it is opened: its items get their § numbers from the
 * organ's running series of the year (→ pagar).
 */
export function kallad(ctx: MeetingContext): Promise<void> {
  return ctx.serve('kallad', { ...PLANNING, effects: { ...PLANNING.effects, allocateParagraphs: numberParagraphs } });
}

/** The organ's series gives each item its number once (workflows/meeting/paragraphs.ts). */
async function numberParagraphs(ctx: MeetingContext, e: { itemIds: string[] }): Promise<void> {
  const s = ctx.state;
  const year = Number(s.date.slice(0, 4));
  const numbers = await activities.allocateParagraphs({ kommunkod: s.kommunkod, organ: s.organ, year, keys: e.itemIds.map((id) => `${s.id}/${id}`) });
  numberItems(s, Object.fromEntries(e.itemIds.map((id, i) => [id, numbers[i]])));
}
