/**
 * The stages of an adoption ärende (docs/process.md) and the human actions each stage allows.
 * The workflow (workflows/adoption.ts) moves between these; validators, the web app and the planner read this table.
 */
export const STAGES = [
  'utkast', // förvaltningen skriver tjänsteutlåtandet
  'beredning', // remisser och samråd ute
  'signering', // tjänsteutlåtandet undertecknas av förvaltningschef och avdelningschef
  'placering', // ska placeras på ett sammanträde (nämnd eller KF)
  'sammantrade', // på dagordningen, väntar på beslut
  'justering', // protokollet ska justeras
  'anslag', // justerat; anslag ska sättas upp på anslagstavlan
  'overklagandetid', // anslaget sitter uppe; tre veckor för laglighetsprövning
  'ks_beredning', // hemställan till KF: kommunstyrelsen bereder
  'overklagat', // överklagat; väntar på domstolens dom
  'avtal', // anslutningsavtal med SKR ska undertecknas av båda parter
  'vantar_start', // avtalet är undertecknat; väntar på startdatum
  'aktiv', // aktiv anslutning: årlig avgift, kontoadministration
  'avslutad', // ärendet är avslutat (avslag, upphävt, avtalsperioden slut)
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  utkast: 'Utkast',
  beredning: 'Beredning',
  signering: 'Undertecknande av tjänsteutlåtande',
  placering: 'Ska placeras på sammanträde',
  sammantrade: 'Väntar på beslut',
  justering: 'Justering',
  anslag: 'Anslag',
  overklagandetid: 'Överklagandetid',
  ks_beredning: 'Kommunstyrelsens beredning',
  overklagat: 'Överklagat',
  avtal: 'Avtal med SKR',
  vantar_start: 'Väntar på start',
  aktiv: 'Aktiv anslutning',
  avslutad: 'Avslutat',
};

/** The deciding body of the current phase: the nämnd first, then kommunfullmäktige when the ärende goes there. */
export type Organ = 'namnd' | 'kf';

export const ORGAN_LABELS: Record<Organ, string> = { namnd: 'nämnden', kf: 'kommunfullmäktige' };

/** Human actions, each a Temporal Update on the adoption workflow. */
export const ACTIONS = [
  'reviseDraft',
  'sendReferrals',
  'recordReferralAnswer',
  'finishBeredning',
  'signTjansteutlatande',
  'placeOnMeeting',
  'recordDecision',
  'recordJustering',
  'recordAnslag',
  'registerOverklagande',
  'recordCourtJudgment',
  'recordKsBeredning',
  'signAgreement',
  'rejectAgreement',
  'decideRenewal',
  'joinNamnd',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<Action, string> = {
  reviseDraft: 'Ändra utkastet',
  sendReferrals: 'Skicka remisser',
  recordReferralAnswer: 'Registrera remissvar',
  finishBeredning: 'Avsluta beredningen',
  signTjansteutlatande: 'Underteckna tjänsteutlåtandet',
  placeOnMeeting: 'Placera på sammanträde',
  recordDecision: 'Registrera beslut',
  recordJustering: 'Registrera justering',
  recordAnslag: 'Registrera anslag',
  registerOverklagande: 'Registrera överklagande',
  recordCourtJudgment: 'Registrera dom',
  recordKsBeredning: 'Registrera kommunstyrelsens beredning',
  signAgreement: 'Underteckna avtalet',
  rejectAgreement: 'Avvisa avtalet',
  decideRenewal: 'Besluta om förnyelse',
  joinNamnd: 'Ansluta ytterligare nämnd',
};

/** Which actions each stage allows. Anything else is rejected with code ACTION_NOT_ALLOWED_IN_STAGE. */
export const ALLOWED_ACTIONS: Record<Stage, readonly Action[]> = {
  utkast: ['reviseDraft', 'sendReferrals', 'signTjansteutlatande'],
  beredning: ['recordReferralAnswer', 'finishBeredning'],
  signering: ['signTjansteutlatande', 'reviseDraft'],
  placering: ['placeOnMeeting'],
  sammantrade: ['recordDecision', 'placeOnMeeting'],
  justering: ['recordJustering'],
  anslag: ['recordAnslag'],
  overklagandetid: ['registerOverklagande'],
  ks_beredning: ['recordKsBeredning'],
  overklagat: ['recordCourtJudgment', 'registerOverklagande'], // more members may appeal while the period runs
  avtal: ['signAgreement', 'rejectAgreement'],
  vantar_start: ['joinNamnd'],
  aktiv: ['joinNamnd', 'decideRenewal'],
  avslutad: [],
};

/**
 * What the ärende's appeal allows besides its stage: when the agreement is acted on before laga kraft
 * (policy actBeforeLagaKraft), an appeal can be registered while the appeal window runs, and the court's judgment
 * recorded while an appeal is pending, whatever the stage (avtal, vantar_start, aktiv).
 */
export interface AppealFlags {
  appealWindowOpen?: boolean;
  appealPending?: boolean;
}

/** The actions allowed now: the stage's own, plus the appeal actions the flags open. */
export function allowedActions(stage: Stage, flags: AppealFlags = {}): Action[] {
  const actions = [...ALLOWED_ACTIONS[stage]];
  if (stage === 'avslutad') return actions;
  if (flags.appealWindowOpen && !actions.includes('registerOverklagande')) actions.push('registerOverklagande');
  if (flags.appealPending && !actions.includes('recordCourtJudgment')) actions.push('recordCourtJudgment');
  return actions;
}

export function isActionAllowed(stage: Stage, action: Action, flags: AppealFlags = {}): boolean {
  return allowedActions(stage, flags).includes(action);
}
