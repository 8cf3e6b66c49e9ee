/**
 * SKR's side of a municipality joining a programme (docs/onboarding.md; the ärende's avtal–aktiv seen from SKR): the stages of the
 * onboarding (anslutning) of one municipality and the human actions each stage allows. The workflow
 * (workflows/onboarding.ts) moves between these; validators, the API, the dashboard and the bulk operations read
 * this table.
 *
 *   inbjuden → intresserad → (beslut_pagar) → avtal_forbereds → avtal_signeras ⇄ avtal_avvisat
 *            → kontotilldelning → vantar_start → aktiv → fornyelse → (new period: avtal_forbereds …) | avslutad
 *   municipality decides against (avslag) → avbojt;  avbojt and avslutad can be invited again.
 *
 * Pure: no I/O, no Temporal.
 */
export const ONBOARDING_STAGES = [
  'inbjuden', // SKR har bjudit in kommunen
  'intresserad', // kommunen har anmält intresse
  'beslut_pagar', // kommunens beslut bereds i Beslutsflöde (kopplat ärende)
  'avbojt', // kommunen har beslutat att inte ansluta (kan bjudas in igen)
  'avtal_forbereds', // anslutningsavtalet skrivs (systemet)
  'avtal_signeras', // avtalet är skickat för underskrift av båda parter
  'avtal_avvisat', // en part avvisade avtalet med en kommentar: åter hos SKR för en ny version
  'kontotilldelning', // konton skapas på lärplattformen (systemet)
  'vantar_start', // avtalet är undertecknat; väntar på startdatum
  'aktiv', // aktiv anslutning: årligt avgiftsunderlag
  'fornyelse', // avtalsperioden har löpt ut: förnyelse eller utträde
  'avslutad', // kommunen har trätt ur (kan bjudas in igen)
] as const;
export type OnboardingStage = (typeof ONBOARDING_STAGES)[number];

/** A municipality without an onboarding workflow has this status on the dashboard. */
export const NOT_INVITED = 'ej_inbjuden' as const;
/**
 * A municipality without an onboarding workflow that SKR's imported connection status (CSV, issue 15 p. 6) names as
 * connected: it joined before Beslutsflöde. An onboarding in Beslutsflöde takes precedence over the import.
 */
export const CONNECTED_BY_IMPORT = 'ansluten_enligt_import' as const;
export type OnboardingStatus = OnboardingStage | typeof NOT_INVITED | typeof CONNECTED_BY_IMPORT;
export const ONBOARDING_STATUSES: readonly OnboardingStatus[] = [NOT_INVITED, ...ONBOARDING_STAGES, CONNECTED_BY_IMPORT];

export const ONBOARDING_STAGE_LABELS: Record<OnboardingStatus, string> = {
  ej_inbjuden: 'Ej inbjuden',
  inbjuden: 'Inbjuden',
  intresserad: 'Intresserad',
  beslut_pagar: 'Beslut pågår i kommunen',
  avbojt: 'Avböjt',
  avtal_forbereds: 'Avtal förbereds',
  avtal_signeras: 'Avtal skickat för underskrift',
  avtal_avvisat: 'Avtal avvisat – åter hos SKR',
  kontotilldelning: 'Konton skapas',
  vantar_start: 'Väntar på start',
  aktiv: 'Aktiv anslutning',
  fornyelse: 'Avtalsperioden slut – förnyelse eller utträde',
  avslutad: 'Utträtt',
  ansluten_enligt_import: 'Ansluten (enligt importerad status)',
};

/**
 * "Ansluten" (connected): the agreement is signed by both parties and the municipality has not left — from the
 * provisioning of accounts through the active years to the renewal decision.
 */
export const CONNECTED_STAGES: readonly OnboardingStage[] = ['kontotilldelning', 'vantar_start', 'aktiv', 'fornyelse'];

export function isConnected(status: OnboardingStatus): boolean {
  return status === CONNECTED_BY_IMPORT || (CONNECTED_STAGES as readonly string[]).includes(status);
}

/** Statuses from which an invitation starts a new onboarding (bulk invitations skip everything else). */
export const INVITABLE_STATUSES: readonly OnboardingStatus[] = [NOT_INVITED, 'avbojt', 'avslutad'];

export function isInvitable(status: OnboardingStatus): boolean {
  return INVITABLE_STATUSES.includes(status);
}

/** Human actions, each a Temporal Update on the onboarding workflow (see domain/onboarding-actions.ts). */
export const ONBOARDING_ACTIONS = [
  'invite',
  'expressInterest',
  'linkAdoption',
  'registerDecision',
  'signAgreement',
  'rejectAgreement',
  'reviseAgreement',
  'decideRenewal',
] as const;
export type OnboardingAction = (typeof ONBOARDING_ACTIONS)[number];

export const ONBOARDING_ACTION_LABELS: Record<OnboardingAction, string> = {
  invite: 'Bjud in',
  expressInterest: 'Registrera intresse',
  linkAdoption: 'Koppla kommunens ärende',
  registerDecision: 'Registrera kommunens beslut',
  signAgreement: 'Underteckna avtalet',
  rejectAgreement: 'Avvisa avtalet',
  reviseAgreement: 'Ny version av avtalet',
  decideRenewal: 'Besluta om förnyelse eller utträde',
};

/** Which actions each stage allows. Anything else is rejected with code ACTION_NOT_ALLOWED_IN_STAGE. */
export const ONBOARDING_ALLOWED_ACTIONS: Record<OnboardingStage, readonly OnboardingAction[]> = {
  inbjuden: ['expressInterest', 'linkAdoption', 'registerDecision'],
  intresserad: ['linkAdoption', 'registerDecision'],
  beslut_pagar: ['registerDecision'],
  avbojt: ['invite'],
  avtal_forbereds: [],
  avtal_signeras: ['signAgreement', 'rejectAgreement'],
  avtal_avvisat: ['reviseAgreement'],
  kontotilldelning: [],
  vantar_start: [],
  aktiv: [],
  fornyelse: ['decideRenewal'],
  avslutad: ['invite'],
};

export function isOnboardingActionAllowed(stage: OnboardingStage, action: OnboardingAction): boolean {
  return ONBOARDING_ALLOWED_ACTIONS[stage].includes(action);
}

/** The Swedish message for an action that the stage does not allow. */
export function actionNotAllowedMessage(stage: OnboardingStage, action: OnboardingAction): string {
  const allowed = ONBOARDING_ALLOWED_ACTIONS[stage].map((a) => `"${ONBOARDING_ACTION_LABELS[a]}"`);
  const tail = allowed.length > 0 ? `Tillåtet nu: ${allowed.join(', ')}.` : 'Inget kan göras för hand i det skedet.';
  return `"${ONBOARDING_ACTION_LABELS[action]}" går inte i skedet "${ONBOARDING_STAGE_LABELS[stage]}". ${tail}`;
}

export function isOnboardingStage(value: string): value is OnboardingStage {
  return (ONBOARDING_STAGES as readonly string[]).includes(value);
}

export function isOnboardingStatus(value: string): value is OnboardingStatus {
  return (ONBOARDING_STATUSES as readonly string[]).includes(value);
}

/** Which municipalities a bulk operation or a list covers. */
export interface OnboardingFilter {
  /** Only municipalities in this county. */
  lanskod?: string;
  /** Only municipalities with one of these statuses ('ej_inbjuden' = no onboarding yet). */
  statuses?: OnboardingStatus[];
  /** Only municipalities that are not connected (see CONNECTED_STAGES). */
  notConnected?: boolean;
  /** Only these municipalities. */
  kommunkoder?: string[];
}

/** The municipalities (in the given order) that a filter selects, given each one's onboarding stage. */
export function selectMunicipalities<M extends { kommunkod: string; lanskod: string }>(
  municipalities: readonly M[],
  stages: ReadonlyMap<string, OnboardingStatus>,
  filter: OnboardingFilter,
): M[] {
  return municipalities.filter((m) => {
    const status: OnboardingStatus = stages.get(m.kommunkod) ?? NOT_INVITED;
    if (filter.lanskod && m.lanskod !== filter.lanskod) return false;
    if (filter.kommunkoder && !filter.kommunkoder.includes(m.kommunkod)) return false;
    if (filter.notConnected && isConnected(status)) return false;
    if (filter.statuses && !filter.statuses.includes(status)) return false;
    return true;
  });
}
