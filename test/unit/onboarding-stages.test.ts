import {
  actionNotAllowedMessage,
  CONNECTED_STAGES,
  isConnected,
  isInvitable,
  isOnboardingActionAllowed,
  ONBOARDING_ALLOWED_ACTIONS,
  ONBOARDING_STAGE_LABELS,
  ONBOARDING_STAGES,
  ONBOARDING_STATUSES,
  selectMunicipalities,
  type OnboardingStage,
} from '../../domain/onboarding-stages';
import { ONBOARDING_ACTION_SCHEMAS } from '../../domain/onboarding-actions';

describe('onboarding stages', () => {
  it('have Swedish labels, including the status of a municipality never invited', () => {
    for (const s of ONBOARDING_STATUSES) expect(ONBOARDING_STAGE_LABELS[s]).toMatch(/^[A-ZÅÄÖ]/);
    expect(ONBOARDING_STAGE_LABELS.ej_inbjuden).toBe('Ej inbjuden');
    // the stages, "never invited" and "connected by import" (issue 15 p. 6)
    expect(ONBOARDING_STATUSES).toHaveLength(ONBOARDING_STAGES.length + 2);
    expect(isConnected('ansluten_enligt_import')).toBe(true);
    expect(isInvitable('ansluten_enligt_import')).toBe(false);
  });

  it('allow the right actions: the agreement is signed or rejected only while it is out for signature', () => {
    expect(isOnboardingActionAllowed('avtal_signeras', 'signAgreement')).toBe(true);
    expect(isOnboardingActionAllowed('avtal_signeras', 'rejectAgreement')).toBe(true);
    expect(isOnboardingActionAllowed('inbjuden', 'signAgreement')).toBe(false);
    expect(isOnboardingActionAllowed('avtal_avvisat', 'reviseAgreement')).toBe(true);
    expect(isOnboardingActionAllowed('fornyelse', 'decideRenewal')).toBe(true);
    expect(isOnboardingActionAllowed('aktiv', 'decideRenewal')).toBe(false);
    // System stages take no human action.
    for (const s of ['avtal_forbereds', 'kontotilldelning', 'vantar_start', 'aktiv'] as OnboardingStage[]) expect(ONBOARDING_ALLOWED_ACTIONS[s]).toEqual([]);
  });

  it('explain a refused action in Swedish, naming what is allowed', () => {
    expect(actionNotAllowedMessage('inbjuden', 'signAgreement')).toBe(
      '"Underteckna avtalet" går inte i skedet "Inbjuden". Tillåtet nu: "Registrera intresse", "Koppla kommunens ärende", "Registrera kommunens beslut".',
    );
    expect(actionNotAllowedMessage('aktiv', 'invite')).toContain('Inget kan göras för hand');
  });

  it('connected = signed and not left; only the not invited, the declined and the departed can be invited', () => {
    expect(CONNECTED_STAGES).toEqual(['kontotilldelning', 'vantar_start', 'aktiv', 'fornyelse']);
    expect(isConnected('avtal_signeras')).toBe(false);
    expect(isConnected('ej_inbjuden')).toBe(false);
    expect(ONBOARDING_STATUSES.filter(isInvitable)).toEqual(['ej_inbjuden', 'avbojt', 'avslutad']);
  });
});

describe('selectMunicipalities', () => {
  const all = [
    { kommunkod: '1401', lanskod: '14' },
    { kommunkod: '1402', lanskod: '14' },
    { kommunkod: '1403', lanskod: '14' },
    { kommunkod: '0180', lanskod: '01' },
  ];
  const stages = new Map<string, OnboardingStage>([
    ['1401', 'aktiv'],
    ['1402', 'avbojt'],
    ['0180', 'inbjuden'],
  ]);

  it('"every municipality in Västra Götalands län that is not connected"', () => {
    expect(selectMunicipalities(all, stages, { lanskod: '14', notConnected: true }).map((m) => m.kommunkod)).toEqual(['1402', '1403']);
  });

  it('by status (ej_inbjuden = no onboarding) and by code', () => {
    expect(selectMunicipalities(all, stages, { statuses: ['ej_inbjuden'] }).map((m) => m.kommunkod)).toEqual(['1403']);
    expect(selectMunicipalities(all, stages, { kommunkoder: ['0180', '1401'] }).map((m) => m.kommunkod)).toEqual(['1401', '0180']);
    expect(selectMunicipalities(all, stages, {})).toHaveLength(4);
  });
});

describe('action payloads', () => {
  const base = { requestId: 'req-00000001', actor: { name: 'Siv' } };
  it('registerDecision names every bad field in Swedish', () => {
    const r = ONBOARDING_ACTION_SCHEMAS.registerDecision.safeParse({ ...base, organ: '', date: '2026-02-30', paragraph: 0, outcome: 'kanske' });
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => i.path.join('.')).sort();
    expect(fields).toEqual(['date', 'organ', 'outcome', 'paragraph']);
    expect(r.error!.issues.find((i) => i.path[0] === 'outcome')?.message).toBe("måste vara 'bifall' eller 'avslag'");
  });

  it('agreement terms: the end must come after the start', () => {
    const r = ONBOARDING_ACTION_SCHEMAS.reviseAgreement.safeParse({ ...base, terms: { startDate: '2027-07-01', endDate: '2027-06-30' } });
    expect(r.error?.issues[0]).toMatchObject({ path: ['terms', 'endDate'], message: 'avtalet måste sluta efter startdatum' });
  });

  it('a request id is 8–64 safe characters', () => {
    expect(ONBOARDING_ACTION_SCHEMAS.expressInterest.safeParse({ ...base, requestId: 'kort' }).success).toBe(false);
    expect(ONBOARDING_ACTION_SCHEMAS.expressInterest.safeParse(base).success).toBe(true);
  });
});
