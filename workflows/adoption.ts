import type { Stage } from '../domain/stages';
import { ArendeContext, type Carried } from './context';
import type { AdoptionInput } from '../domain/arende-state';
import { aktiv } from './stages/aktiv';
import { anslag } from './stages/anslag';
import { avtal } from './stages/avtal';
import { beredning } from './stages/beredning';
import { justering } from './stages/justering';
import { ksBeredning } from './stages/ks-beredning';
import { installAppeal, overklagandetid, overklagat } from './stages/overklagande';
import { placering } from './stages/placering';
import { registrering } from './stages/registrering';
import { sammantrade } from './stages/sammantrade';
import { signering } from './stages/signering';
import { vantarStart } from './stages/start';
import { utkast } from './stages/utkast';

/**
 * The process, stage by stage (DOMAIN.md §2). Each stage runs until the ärende leaves it; human steps arrive as
 * Updates (workflows/messages.ts), timers move the rest. Any stage may be left for an earlier one (återremiss,
 * rättelse) and every stage can be resumed after continue-as-new, so the process is a table rather than a straight line.
 */
const PROCESS: Record<Exclude<Stage, 'avslutad'>, (ctx: ArendeContext) => Promise<void>> = {
  utkast, //                1. utredning / förslag
  beredning, //             2. remisser och samråd
  signering, //             tjänsteutlåtandet undertecknas
  placering, //             3. på nämndens (eller KF:s) nästa öppna sammanträde
  sammantrade, //           3/7. beslut: bifall, avslag, återremiss, bordläggning
  justering, //             4. justering → protokollsutdrag
  anslag, //                5. anslag → anslagsbevis; hemställan eller överklagandetid
  ks_beredning: ksBeredning, // 6. kommunstyrelsen bereder inför KF
  overklagandetid, //       5/8. tre veckor; laga kraft
  overklagat, //            8. domstolens dom
  avtal, //                 9. anslutningsavtal med SKR
  vantar_start: vantarStart, // 11. väntar på startdatum
  aktiv, //                 12. årliga avgifter, förnyelse eller slut
};

/** A municipality's decision to join a programme, from the first draft to the end of the membership. */
export async function adoptionWorkflow(input: AdoptionInput, carried?: Carried): Promise<void> {
  const ctx = new ArendeContext(input, carried);
  ctx.installHandlers();
  installAppeal(ctx);

  if (!carried) await registrering(ctx);

  while (ctx.state.stage !== 'avslutad') {
    await PROCESS[ctx.state.stage](ctx);
  }
  await ctx.close();
}
