import type { Programme } from '../domain/programmes';
import type { AdoptionInput, ArendeState } from '../domain/arende-state';

/** The ärende as registered: stage utkast, the draft from the registration, the policy with its defaults. */
export function initialArendeState(input: AdoptionInput, programme: Programme, now: string): ArendeState {
  const { date: _date, ...content } = input.tjansteutlatande;
  return {
    id: input.arendeId,
    kommunkod: input.kommunkod,
    namnd: input.namnd,
    program: input.program,
    programmeStart: programme.defaultStart,
    title: input.title,
    diarienummer: input.diarienummer,
    stage: 'utkast',
    organ: 'namnd',
    kfRequired: input.kfRequired,
    caseOfficer: input.caseOfficer,
    registeredAt: now,
    history: [],
    documents: [],
    deadlines: [],
    allowedActions: [],
    policy: {
      actBeforeLagaKraft: input.actBeforeLagaKraft ?? false,
      targetStart: input.targetStart ?? programme.defaultStart,
      regionalOrganisation: input.regionalOrganisation ?? 'rss',
    },
    draft: { version: 1, content: { ...content, ...(_date ? { date: _date } : {}) } },
    referrals: [],
    proceedWhenOverdue: false,
    signatures: {},
    decisions: [],
    decisionsFrom: 0,
    minorityUsed: false,
    participants: [],
    fees: [],
    runs: 0,
  };
}
