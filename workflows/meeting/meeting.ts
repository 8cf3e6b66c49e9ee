import type { MeetingStatus } from '../../domain/meeting/model';
import { runStages, type StageTable } from '../engine';
import { MeetingContext, type Carried } from './context';
import type { MeetingWorkflowInput } from './messages';
import { anslaget } from './stages/anslaget';
import { justerat } from './stages/justerat';
import { justering } from './stages/justering';
import { kallad } from './stages/kallad';
import { pagar } from './stages/pagar';
import { planerad } from './stages/planerad';
import { protokoll } from './stages/protokoll';

/**
 * The sammanträde, stage by stage (DOMAIN.md §7; statuses in domain/meeting/model.ts). Each step is an Update whose
 * pure rule is domain/meeting/commands.ts; the stage that is running applies it and does what it causes outside the
 * meeting (workflows/meeting/context.ts `serve`). A rejected justering goes back to protokoll, so this is a table.
 */
const PROCESS: StageTable<MeetingContext, MeetingStatus> = {
  planerad: { run: planerad }, //   items, time and place; kallelse and föredragningslista
  kallad: { run: kallad }, //       a change makes a new kallelse; on the day the meeting opens: § numbers
  pagar: { run: pagar }, //         attendance, minutes, votes; each ärende gets its decision
  protokoll: { run: protokoll }, // the protokoll is completed and sent for justering
  justering: { run: justering }, // ordförande and justerare; protokollsutdrag; each ärende its justering
  justerat: { run: justerat }, //   the notice goes on the anslagstavla
  anslaget: { run: anslaget }, //   each ärende its anslag; three weeks; then nedtaget
};

/**
 * The sammanträde of one organ on one day (`sammantrade-<kommunkod>-<organ>-<date>`, issue 12), from planning
 * through kallelse, the meeting, the protokoll and its justering to the notice on the anslagstavla and the end of the
 * appeal period. Steps run one at a time; a refused step changes nothing.
 */
export async function meetingWorkflow(input: MeetingWorkflowInput, carried?: Carried): Promise<void> {
  const ctx = new MeetingContext(input, carried);
  ctx.installHandlers();
  await runStages(PROCESS, ctx, ctx, { done: (status) => status === 'nedtaget' });
  await ctx.close();
}
