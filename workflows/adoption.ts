import { condition, proxyActivities, setHandler, upsertSearchAttributes, uuid4, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { stockholmDate } from '../domain/iso-date';
import { registrationUpdate, stateQuery, type AdoptionInput, type ArendeState } from './messages';
import { DIARIENUMMER, KIND, KOMMUN, NAMND, PROGRAM, STAGE, TITLE } from './search-attributes';

const { allocateDiarienummer, renderDocument } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** A municipality's decision to join a programme, from the first draft to the end of the membership. */
export async function adoptionWorkflow(input: AdoptionInput): Promise<void> {
  const now = () => new Date().toISOString();
  const state: ArendeState = {
    id: input.arendeId,
    kommunkod: input.kommunkod,
    namnd: input.namnd,
    program: input.program,
    title: input.title,
    diarienummer: input.diarienummer,
    stage: 'utkast',
    organ: 'namnd',
    kfRequired: input.kfRequired,
    caseOfficer: input.caseOfficer,
    registeredAt: now(),
    history: [],
    documents: [],
    deadlines: [],
  };
  setHandler(stateQuery, () => state);
  setHandler(registrationUpdate, async () => {
    await condition(() => state.diarienummer !== undefined);
    return { diarienummer: state.diarienummer as string };
  });

  // Registrering i diariet
  if (!state.diarienummer) {
    state.diarienummer = await allocateDiarienummer({
      arendeId: input.arendeId,
      kommunkod: input.kommunkod,
      serie: input.namnd.kod,
      year: Number(stockholmDate(new Date()).slice(0, 4)),
      pattern: input.diarienummerPattern,
    });
  }
  state.history.push({ at: now(), actor: input.registeredBy, action: 'register', text: `Ärendet registrerat som ${state.diarienummer}` });
  upsertSearchAttributes([
    { key: KIND, value: 'arende' },
    { key: KOMMUN, value: input.kommunkod },
    { key: NAMND, value: input.namnd.kod },
    { key: DIARIENUMMER, value: state.diarienummer },
    { key: STAGE, value: state.stage },
    { key: PROGRAM, value: input.program },
    { key: TITLE, value: input.title },
  ] as Parameters<typeof upsertSearchAttributes>[0]);

  // Utkast: the first version of the tjänsteutlåtande
  const doc = await renderDocument({
    docId: uuid4(),
    arendeId: workflowInfo().workflowId,
    kommunkod: input.kommunkod,
    type: 'tjansteutlatande',
    data: tjansteutlatandeData(input, state),
    step: 'utkast',
    version: 1,
    createdBy: input.registeredBy,
    createdAt: now(),
    diarienummer: state.diarienummer,
  });
  state.documents.push(doc);
  state.history.push({ at: now(), actor: 'system', action: 'document', text: `Tjänsteutlåtande version 1 skapat` });

  await condition(() => false);
}

function tjansteutlatandeData(input: AdoptionInput, state: ArendeState) {
  const { date, ...content } = input.tjansteutlatande;
  return {
    ...content,
    title: input.title,
    addressee: input.namnd.namn,
    diarienummer: state.diarienummer,
    date: date ?? stockholmDate(new Date()),
    forvaltning: input.forvaltning,
    avdelning: input.avdelning,
    caseOfficer: input.caseOfficer,
  };
}
