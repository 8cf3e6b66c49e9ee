/**
 * Issue 10, point 7 (a document is one allmän handling; versions are edits of it) and point 13 (a generated line
 * never repeats what the author wrote), in the pure functions.
 */
import type { DocumentRef } from '../../domain/documents/ref';
import { SEED_000_SECTIONS } from '../../demo/seed-000';
import { documentStatus, handlingKey } from '../../domain/document-identity';
import { hemstallanRequest, referralsNotInText, tjansteutlatandeData } from '../../workflows/documents';
import { handlingsOf, nextVersion, registerRows } from '../../workflows/document-register';
import type { AdoptionInput, ArendeState, Referral } from '../../domain/arende-state';
import { documentFileName, documentStepLabel } from '../../server/format';

describe('handlingKey: one handling per recipient, §, meeting, year', () => {
  it('tells two remisser, two protokollsutdrag and two agendas apart, and keeps one tjänsteutlåtande', () => {
    expect(handlingKey('remiss', { recipients: ['Äldrenämnden'] })).not.toBe(handlingKey('remiss', { recipients: ['Förvaltningsgruppen'] }));
    const utdrag = (organ: string, meetingDate: string, paragraph: number) => handlingKey('protokollsutdrag', { organ, meetingDate, paragraph });
    expect(utdrag('Socialnämnden', '2026-12-02', 17)).not.toBe(utdrag('Kommunfullmäktige', '2027-01-25', 4));
    expect(utdrag('Socialnämnden', '2026-12-02', 17)).toBe('protokollsutdrag|Socialnämnden|2026-12-02|§ 17');
    const agenda = (meetingDate: string) => handlingKey('foredragningslista', { organ: 'Socialnämnden', meetingDate });
    expect(new Set([agenda('2026-11-17'), agenda('2026-12-15'), agenda('2027-01-19')]).size).toBe(3);
    expect(handlingKey('tjansteutlatande', { title: 'a' })).toBe(handlingKey('tjansteutlatande', { title: 'b' }));
    expect(handlingKey('avgiftsunderlag', { year: 2027 })).not.toBe(handlingKey('avgiftsunderlag', { year: 2028 }));
  });

  it('decides what is final: the tjänsteutlåtande and the agreement once fully signed, everything else when issued', () => {
    expect(documentStatus('tjansteutlatande', { signaturesComplete: false })).toBe('utkast');
    expect(documentStatus('tjansteutlatande', { signaturesComplete: true })).toBe('slutlig');
    expect(documentStatus('anslutningsavtal', {})).toBe('utkast');
    expect(documentStatus('remiss', {})).toBe('slutlig');
    expect(documentStatus('protokollsutdrag', {})).toBe('slutlig');
  });
});

const doc = (id: string, type: string, version: number, extra: Partial<DocumentRef> = {}): DocumentRef =>
  ({
    id,
    arendeId: 'arende-x',
    type,
    title: `${type} ${id}`,
    version,
    sha256: 'x',
    size: 1,
    step: 'utkast',
    createdAt: `2026-01-0${version}T00:00:00Z`,
    createdBy: 's',
    ...extra,
  }) as DocumentRef;

describe('the register of an ärende carried over from before handlings existed', () => {
  // Recorded per type: two remisser as "version 1/2", the nämnd's and KF's utdrag as "version 1/2".
  const state = {
    referrals: [
      { recipient: 'Äldrenämnden', dueDate: '2026-01-10', questions: [], sentAt: '2026-01-01T00:00:00Z', documentId: 'r1' },
      { recipient: 'Förvaltningsgruppen', dueDate: '2026-01-10', questions: [], sentAt: '2026-01-01T00:00:00Z', documentId: 'r2' },
    ],
    decisions: [
      { organName: 'Socialnämnden', meetingDate: '2026-02-03', paragraph: 17, justering: { documentId: 'p1' } },
      { organName: 'Kommunfullmäktige', meetingDate: '2026-03-30', paragraph: 4, justering: { documentId: 'p2' } },
    ],
    fees: [],
    documents: [
      doc('t1', 'tjansteutlatande', 1),
      doc('r1', 'remiss', 1),
      doc('r2', 'remiss', 2),
      doc('t2', 'tjansteutlatande', 2, { step: 'signering' }),
      doc('p1', 'protokollsutdrag', 1),
      doc('p2', 'protokollsutdrag', 2),
    ],
  } as unknown as ArendeState;

  it('derives a handling for old records from the state that links to them', () => {
    const h = handlingsOf(state);
    expect(h.get('r1')).toBe('remiss|Äldrenämnden');
    expect(h.get('r2')).toBe('remiss|Förvaltningsgruppen');
    expect(h.get('p2')).toBe('protokollsutdrag|Kommunfullmäktige|2026-03-30|§ 4');
    expect(h.get('t2')).toBe('tjansteutlatande');
  });

  it('shows each handling with its own versions, the signed tjänsteutlåtande final and the first an utkast', () => {
    const rows = registerRows(state).map((r) => [r.doc.id, r.version, r.status]);
    expect(rows).toEqual([
      ['t2', 2, 'slutlig'],
      ['t1', 1, 'utkast'],
      ['r1', 1, 'slutlig'],
      ['r2', 1, 'slutlig'],
      ['p1', 1, 'slutlig'],
      ['p2', 1, 'slutlig'],
    ]);
  });

  it('numbers the next version within its handling: a third tjänsteutlåtande, a first remiss to a new recipient', () => {
    expect(nextVersion(state, 'tjansteutlatande')).toBe(3);
    expect(nextVersion(state, 'remiss|Rådet för funktionshinderfrågor')).toBe(1);
    expect(nextVersion(state, 'remiss|Äldrenämnden', 1)).toBe(3);
  });
});

describe('generated lines about referrals (seed 000)', () => {
  const [summary, background, matter, preparation, assessment] = SEED_000_SECTIONS.map(([, blocks]) => [...blocks]);
  const content = { proposals: ['Socialnämnden godkänner.'], summary, background, matter, preparation, assessment, attachments: [] };
  const answered = (recipient: string): Referral => ({
    recipient,
    dueDate: '2026-12-09',
    questions: [],
    sentAt: '2026-12-01T08:00:00Z',
    answer: { kind: 'yttrande', date: '2026-12-02', by: 'x' },
  });
  const state = {
    title: 'Hemställan om att ansluta till Yrkesresan',
    namnd: { kod: 'SN', namn: 'Socialnämnden' },
    diarienummer: 'SN 2026/0001',
    draft: { version: 1, content },
    referrals: [answered('Förvaltningsgruppen'), answered('Rådet för funktionshinderfrågor')],
    signatures: {},
    documents: [],
  } as unknown as ArendeState;
  const input = { forvaltning: 'Socialförvaltningen', caseOfficer: { name: 'A' } } as AdoptionInput;

  it('adds nothing for bodies the author already writes about: Ärendets beredning stays the seed’s, word for word', () => {
    expect(referralsNotInText(content, state.referrals)).toEqual([]);
    expect(tjansteutlatandeData(input, state, '2026-12-02').preparation).toEqual(preparation);
  });

  it('lists the register’s facts for a body the text does not name, under a label of their own', () => {
    const more = { ...state, referrals: [...state.referrals, answered('Kommunala pensionärsrådet')] } as ArendeState;
    expect(tjansteutlatandeData(input, more, '2026-12-02').preparation).toEqual([
      ...preparation,
      'Remisser i ärendet enligt diariet:',
      { bullets: ['Kommunala pensionärsrådet har lämnat yttrande den 2026-12-02.'] },
    ]);
  });

  it('asks KF to bifalla the nämnd’s hemställan without repeating the word or bending the nämnd’s name', () => {
    expect(hemstallanRequest({ ...state, namnd: { kod: 'SNC', namn: 'Socialnämnden Centrum' } } as ArendeState)).toEqual([
      'Kommunfullmäktige bifaller hemställan från Socialnämnden Centrum om att ansluta till Yrkesresan.',
    ]);
  });
});

describe('the document table and download names', () => {
  it('names the step in Swedish, never a code', () => {
    expect(documentStepLabel('ks_beredning')).toBe('Kommunstyrelsens beredning');
    expect(documentStepLabel('signering')).toBe('Undertecknande av tjänsteutlåtande');
    expect(documentStepLabel('start')).toBe('Start');
  });

  it('gives each handling and version its own ASCII file name', () => {
    expect(documentFileName({ type: 'remiss', title: 'Remiss till Äldrenämnden: Hemställan om att ansluta till Yrkesresan', version: 1 })).toBe(
      'remiss-till-aldrenamnden-hemstallan-om-att-ansluta-till-yrkesresan-v1.pdf',
    );
    expect(documentFileName({ type: 'tjansteutlatande', title: 'Tjänsteutlåtande: X', version: 2, status: 'utkast' })).toBe('tjansteutlatande-x-v2-utkast.pdf');
  });
});
