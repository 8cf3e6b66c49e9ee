import { ArendeContext, type ArendeStages, type Carried } from './context';
import type { AdoptionInput } from '../domain/arende-state';
import { aktiv } from './stages/aktiv';
import { anslag } from './stages/anslag';
import { avtal } from './stages/avtal';
import { beredning } from './stages/beredning';
import { enterAgreement, leaveAgreement } from './stages/hand-over';
import { justering } from './stages/justering';
import { ksBeredning } from './stages/ks-beredning';
import { installAppeal, overklagandetid, overklagat } from './stages/overklagande';
import { placering } from './stages/placering';
import { registrering } from './stages/registrering';
import { sammantrade } from './stages/sammantrade';
import { signering } from './stages/signering';
import { vantarStart } from './stages/vantar-start';
import { utkast } from './stages/utkast';
import { runStages } from './engine';

/**
 * The process, stage by stage (docs/process.md). Each stage runs until the ärende leaves it; human steps arrive as
 * Updates (workflows/messages.ts), timers move the rest. Any stage may be left for an earlier one (återremiss,
 * rättelse) and every stage can be resumed after continue-as-new, so the process is a table rather than a straight
 * line. `enter`/`leave` are what reaching or leaving a stage does besides its own work (workflows/engine/stages.ts).
 */
const PROCESS: ArendeStages = {
  utkast: { run: utkast }, //               1. utredning / förslag
  beredning: { run: beredning }, //         2. remisser och samråd
  signering: { run: signering }, //         tjänsteutlåtandet undertecknas
  placering: { run: placering }, //         3. på nämndens (eller KF:s) nästa öppna sammanträde
  sammantrade: { run: sammantrade }, //     3/7. beslut: bifall, avslag, återremiss, bordläggning
  justering: { run: justering }, //         4. justering → protokollsutdrag
  anslag: { run: anslag }, //               5. anslag → anslagsbevis; hemställan eller överklagandetid
  ks_beredning: { run: ksBeredning }, //    6. kommunstyrelsen bereder inför KF
  overklagandetid: { run: overklagandetid }, // 5/8. tre veckor; laga kraft
  overklagat: { run: overklagat }, //       8. domstolens dom
  // 9. anslutningsavtal: the decision is handed over to SKR's onboarding on the way in; withdrawn if it falls.
  avtal: { run: avtal, enter: enterAgreement, leave: leaveAgreement },
  vantar_start: { run: vantarStart, leave: leaveAgreement }, // 11. väntar på startdatum
  aktiv: { run: aktiv, leave: leaveAgreement }, //              12. årliga avgifter, förnyelse eller slut
};

/** A municipality's decision to join a programme, from the first draft to the end of the membership. */
export async function adoptionWorkflow(input: AdoptionInput, carried?: Carried): Promise<void> {
  const ctx = new ArendeContext(input, PROCESS, carried);
  ctx.installHandlers();
  installAppeal(ctx);

  if (!carried) await registrering(ctx);

  await runStages(PROCESS, ctx, ctx.state, { done: (stage) => stage === 'avslutad' });
  await ctx.close();
}
