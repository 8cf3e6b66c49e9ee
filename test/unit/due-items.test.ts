import { arendeDueItems, dueWhen, remindersDue, sortDue } from '../../domain/due-items';

const arende = {
  id: 'a1',
  title: 'Hemställan om Yrkesresan',
  diarienummer: 'SN 2026/0001',
  stage: 'beredning',
  deadlines: [
    { kind: 'remissvar', label: 'Remissvar från Äldrenämnden', date: '2026-12-05' },
    { kind: 'overklagande', label: 'Sista dag för överklagande', date: '2026-12-20' },
    { kind: 'justering', label: 'Justering senast', date: '2026-12-01' },
  ],
};

test('a secretary gets the deadlines she acts on; a handläggare not the meeting’s; a läsare nothing', () => {
  expect(arendeDueItems(arende, { role: 'namndsekreterare' }).map((i) => i.kind)).toEqual(['remissvar', 'justering']);
  expect(arendeDueItems(arende, { role: 'handlaggare' }).map((i) => i.kind)).toEqual(['remissvar']);
  expect(arendeDueItems(arende, { role: 'lasare' })).toEqual([]);
});

test('signatures waiting: the tjänsteutlåtande for the förvaltning, the agreement for the one with a signing right', () => {
  const sign = arendeDueItems({ ...arende, deadlines: [], stage: 'signering', signatures: { forvaltningschef: {} } }, { role: 'handlaggare' });
  expect(sign).toEqual([expect.objectContaining({ kind: 'underskrift', label: 'Tjänsteutlåtandet väntar på underskrift av avdelningschefen' })]);
  const avtal = { ...arende, deadlines: [], stage: 'avtal', agreement: { signatures: {} } };
  expect(arendeDueItems(avtal, { role: 'lasare', signingRight: true })).toEqual([expect.objectContaining({ kind: 'avtal' })]);
  expect(arendeDueItems({ ...avtal, agreement: { signatures: { kommun: {} } } }, { role: 'lasare', signingRight: true })).toEqual([]);
  // handed over to SKR's onboarding: its progress says both have signed
  expect(arendeDueItems({ ...avtal, agreement: undefined, agreementOwner: { progress: { signed: true } } }, { role: 'lasare', signingRight: true })).toEqual(
    [],
  );
});

test('overdue first, then by date, undated last; reminders two days before and on the day', () => {
  const items = sortDue(
    [...arendeDueItems(arende, { role: 'namndsekreterare' }), { key: 'x', kind: 'avtal', arendeId: 'b', title: 'B', label: 'Avtal' }],
    '2026-12-03',
  );
  expect(items.map((i) => [i.kind, i.overdue, i.daysLeft])).toEqual([
    ['justering', true, -2],
    ['remissvar', false, 2],
    ['avtal', false, undefined],
  ]);
  expect(remindersDue(items).map((i) => i.kind)).toEqual(['remissvar']);
  expect([0, 1, 3, -1, -4, undefined].map(dueWhen)).toEqual(['i dag', 'i morgon', 'om 3 dagar', '1 dag sedan', '4 dagar sedan', 'inget datum']);
});
