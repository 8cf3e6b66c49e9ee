import type { ArendeState } from '../domain/arende-state';

/**
 * What comes next in an ärende and who takes it, in the words a nämndsekreterare uses (issue 15 p. 4). Derived from
 * the state alone: the stage, the referrals, the meeting, the appeal period, the agreement. `waiting` when nobody has
 * to do anything (the system waits for a date).
 */
export interface NextStep {
  text: string;
  who: string;
  waiting?: boolean;
}

function joinSv(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

export function nextStep(state: ArendeState): NextStep {
  const organ = state.organ === 'kf' ? 'Kommunfullmäktige' : state.namnd.namn;
  const decision = state.decisions?.[state.decisions.length - 1];
  switch (state.stage) {
    case 'utkast':
      return { text: 'Skicka tjänsteutlåtandet på remiss, eller låt förvaltningschef och avdelningschef underteckna det.', who: 'Handläggaren' };
    case 'beredning': {
      const open = (state.referrals ?? []).filter((r) => !r.answer);
      if (open.length === 0) return { text: 'Beredningen avslutas när alla svar är registrerade.', who: 'Systemet', waiting: true };
      const due = open.map((r) => r.dueDate).sort()[0];
      return {
        text: `Vänta in och registrera remissvar från ${joinSv(open.map((r) => r.recipient))} (sista svarsdag ${due}).`,
        who: 'Handläggaren eller nämndsekreteraren',
      };
    }
    case 'signering': {
      const missing = (['forvaltningschef', 'avdelningschef'] as const).filter((r) => !state.signatures?.[r]);
      const names = missing.map((r) => (r === 'forvaltningschef' ? 'förvaltningschefen' : 'avdelningschefen'));
      return {
        text: `Tjänsteutlåtandet ska undertecknas av ${joinSv(names.length ? names : ['förvaltningschefen', 'avdelningschefen'])}.`,
        who: 'Handläggaren registrerar underskrifterna',
      };
    }
    case 'placering':
      return {
        text: `Placera ärendet på ${organ === 'Kommunfullmäktige' ? 'kommunfullmäktiges' : 'nämndens'} nästa öppna sammanträde.`,
        who: 'Nämndsekreteraren',
      };
    case 'sammantrade':
      return state.meeting
        ? { text: `${state.meeting.organName} behandlar ärendet på sammanträdet ${state.meeting.date}; registrera beslutet efteråt.`, who: 'Nämndsekreteraren' }
        : { text: `${organ} behandlar ärendet; registrera beslutet.`, who: 'Nämndsekreteraren' };
    case 'justering':
      return {
        text: `Protokollet från ${decision?.meetingDate ?? 'sammanträdet'} ska justeras av ordföranden och justeraren; registrera justeringen.`,
        who: 'Nämndsekreteraren',
      };
    case 'anslag':
      return { text: 'Anslå det justerade protokollet på anslagstavlan senast andra dagen efter justeringen (KL 8 kap. 12 §).', who: 'Nämndsekreteraren' };
    case 'ks_beredning':
      return { text: 'Kommunstyrelsen bereder ärendet inför kommunfullmäktige; registrera kommunstyrelsens beredning.', who: 'Nämndsekreteraren' };
    case 'overklagandetid':
      return {
        text: `Överklagandetiden löper${state.appeal?.lastDay ? ` till och med ${state.appeal.lastDay}` : ''}. Kommer ett överklagande in, registrera det.`,
        who: 'Ingen just nu: systemet väntar',
        waiting: true,
      };
    case 'overklagat':
      return { text: 'Förvaltningsrätten prövar överklagandet; registrera domen när den kommer.', who: 'Nämndsekreteraren' };
    case 'avtal':
      return { text: 'Anslutningsavtalet ska undertecknas av kommunen och av SKR.', who: 'Firmatecknare hos kommunen och hos SKR' };
    case 'vantar_start':
      return {
        text: `Anslutningen startar${state.start ? ` ${state.start}` : ' på startdagen'}; startbeskedet skapas då.`,
        who: 'Ingen just nu: systemet väntar',
        waiting: true,
      };
    case 'aktiv':
      return {
        text: 'Anslutningen är aktiv. Avgiftsunderlaget skapas varje avgiftsår; besluta om förnyelse före avtalsperiodens slut.',
        who: 'Nämndsekreteraren',
        waiting: true,
      };
    case 'avslutad':
      return { text: 'Ärendet är avslutat.', who: 'Ingen', waiting: true };
  }
}

/** Documents still being made: none yet after registration, or a final version whose archive copy is under way. */
export function documentsInProgress(state: ArendeState, now = Date.now()): boolean {
  const docs = state.documents ?? [];
  if (docs.length === 0 && state.stage !== 'avslutad') return true;
  return docs.some((d) => d.status === 'slutlig' && !d.archived && now - Date.parse(d.createdAt) < 5 * 60_000);
}

/** A short fingerprint of what the ärende page shows: it changes when the page would look different. */
export function pageFingerprint(state: ArendeState, handlingar: number): string {
  const docs = (state.documents ?? []).map((d) => `${d.id}${d.archived ? '+' : ''}`).join(',');
  return [
    state.stage,
    state.history?.length ?? 0,
    docs,
    handlingar,
    (state.allowedActions ?? []).join(','),
    state.referrals?.filter((r) => r.answer).length ?? 0,
  ].join('|');
}
