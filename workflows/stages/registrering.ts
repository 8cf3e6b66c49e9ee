import { patched } from '@temporalio/workflow';
import { normalizeSearchText } from '../../domain/search-text';
import { activities, type ArendeContext } from '../context';
import { upsert } from '../engine';
import { kommunBasis, tjansteutlatandeData } from '../documents';
import { DIARIENUMMER, KIND, KOMMUN, NAMND, PROGRAM, STAGE, TITLE } from '../search-attributes';

/** Registrering i diariet: the diarienummer, the search attributes, the first version of the tjänsteutlåtande. */
export async function registrering(ctx: ArendeContext): Promise<void> {
  const { input, state } = ctx;
  if (!state.diarienummer) {
    state.diarienummer = await activities.allocateDiarienummer({
      arendeId: input.arendeId,
      kommunkod: input.kommunkod,
      serie: input.namnd.kod,
      year: Number(ctx.today().slice(0, 4)),
      pattern: input.diarienummerPattern,
    });
  }
  ctx.log(input.registeredBy, 'register', `Ärendet registrerat som ${state.diarienummer}`);
  // BfTitle is a Text attribute: normalised words of title and diarienummer (domain/search-text.ts; a raw title with
  // ':' is lost from visibility on PostgreSQL). The title people read is in the memo (server/arenden.ts).
  const searchText = patched('search-text-normalized') ? normalizeSearchText(input.title, state.diarienummer) : input.title;
  upsert([
    { key: KIND, value: 'arende' },
    { key: KOMMUN, value: input.kommunkod },
    { key: NAMND, value: input.namnd.kod },
    { key: DIARIENUMMER, value: state.diarienummer },
    { key: STAGE, value: state.stage },
    { key: PROGRAM, value: input.program },
    { key: TITLE, value: searchText },
  ]);

  await ctx.render('tjansteutlatande', tjansteutlatandeData(input, state, ctx.today()), { step: 'utkast', createdBy: input.registeredBy });

  const [kommun, plans] = await Promise.all([
    activities.getMunicipality(input.kommunkod),
    activities.getMeetingPlans({ kommunkod: input.kommunkod, namnd: input.namnd, today: ctx.today() }),
  ]);
  state.kommun = kommunBasis(kommun);
  state.meetingPlans = { namnd: plans.namnd, ks: plans.ks, kf: plans.kf };
  ctx.refresh();
}
