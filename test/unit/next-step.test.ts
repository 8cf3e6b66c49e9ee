import { documentsInProgress, nextStep, pageFingerprint } from '../../server/arende-next-step';
import type { ArendeState } from '../../domain/arende-state';

const base = {
  id: 'a',
  title: 'T',
  namnd: { kod: 'SN', namn: 'Socialnämnden' },
  organ: 'namnd',
  documents: [],
  history: [],
  referrals: [],
  signatures: {},
  decisions: [],
} as unknown as ArendeState;

test('the next step names what comes next and who takes it, stage by stage', () => {
  expect(nextStep({ ...base, stage: 'utkast' })).toMatchObject({ who: 'Handläggaren' });
  expect(
    nextStep({
      ...base,
      stage: 'beredning',
      referrals: [
        { recipient: 'Äldrenämnden', dueDate: '2026-12-05' },
        { recipient: 'KPR', dueDate: '2026-12-03' },
      ],
    } as never).text,
  ).toBe('Vänta in och registrera remissvar från Äldrenämnden och KPR (sista svarsdag 2026-12-03).');
  expect(nextStep({ ...base, stage: 'signering', signatures: { forvaltningschef: {} } } as never).text).toBe(
    'Tjänsteutlåtandet ska undertecknas av avdelningschefen.',
  );
  expect(nextStep({ ...base, stage: 'overklagandetid', appeal: { lastDay: '2027-01-10' } } as never)).toMatchObject({
    waiting: true,
    who: 'Ingen just nu: systemet väntar',
  });
  expect(nextStep({ ...base, stage: 'avtal' }).who).toBe('Firmatecknare hos kommunen och hos SKR');
});

test('documents are in progress until the first exists, and while a fresh final one has no archive copy', () => {
  const now = Date.parse('2026-12-02T10:00:00Z');
  expect(documentsInProgress({ ...base, stage: 'utkast' }, now)).toBe(true);
  const doc = { id: 'd', status: 'slutlig', createdAt: '2026-12-02T09:59:00Z' };
  expect(documentsInProgress({ ...base, stage: 'beredning', documents: [doc] } as never, now)).toBe(true);
  expect(documentsInProgress({ ...base, stage: 'beredning', documents: [{ ...doc, archived: { sha256: 'x', size: 1 } }] } as never, now)).toBe(false);
  expect(pageFingerprint({ ...base, stage: 'utkast' }, 0)).not.toBe(pageFingerprint({ ...base, stage: 'utkast' }, 1));
});
