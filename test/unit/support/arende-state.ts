/** A minimal ärende state for the pure rules and plan (domain/arende-*.ts); each test overrides what it needs. */
import type { ArendeState, Decision } from '../../../domain/arende-state';

export function arendeState(over: Partial<ArendeState> = {}): ArendeState {
  return {
    id: 'arende-unit-0001',
    kommunkod: '0180',
    namnd: { kod: 'SN', namn: 'Socialnämnden' },
    program: 'yrkesresan',
    title: 'Hemställan om att ansluta till Yrkesresan',
    diarienummer: 'SN 2026/0001',
    stage: 'beredning',
    organ: 'namnd',
    kfRequired: false,
    caseOfficer: { name: 'Exempel Exempelsson' },
    registeredAt: '2026-05-04T08:00:00.000Z',
    history: [],
    documents: [],
    deadlines: [],
    allowedActions: [],
    policy: { actBeforeLagaKraft: false, targetStart: '2027-07-01', regionalOrganisation: 'rss' },
    draft: { version: 1, content: {} as ArendeState['draft']['content'] },
    referrals: [],
    proceedWhenOverdue: false,
    signatures: {},
    decisions: [],
    decisionsFrom: 0,
    minorityUsed: false,
    participants: [],
    fees: [],
    runs: 0,
    ...over,
  };
}

export function decision(over: Partial<Decision> = {}): Decision {
  return {
    organ: 'namnd',
    organName: 'Socialnämnden',
    meetingDate: '2026-06-16',
    paragraph: 12,
    outcome: 'bifall',
    decisionText: ['Socialnämnden ansluter till Yrkesresan.'],
    reservations: [],
    minority: false,
    recordedAt: '2026-06-16T15:00:00.000Z',
    recordedBy: 'Sara Sekreterare (nämndsekreterare)',
    ...over,
  };
}
