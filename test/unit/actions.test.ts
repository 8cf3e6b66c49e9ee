import { ACTION_SCHEMAS, actorFromName, actorName, recordDecisionSchema, sendReferralsSchema } from '../../domain/actions';
import { periodFor, renewalPeriod, YRKESRESAN } from '../../domain/programmes';
import { ACTIONS, allowedActions } from '../../domain/stages';

const base = { requestId: 'req-12345678', actor: { name: 'Sara Sekreterare', role: 'nämndsekreterare' } };

test('every action has a payload schema with requestId and actor', () => {
  expect(Object.keys(ACTION_SCHEMAS).sort()).toEqual([...ACTIONS].sort());
  for (const schema of Object.values(ACTION_SCHEMAS)) {
    const r = schema.safeParse({});
    expect(r.success).toBe(false);
    const fields = r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['requestId', 'actor']));
  }
});

test('requestId: 8–64 of A–Z a–z 0–9 _ -, with a Swedish message', () => {
  const r = recordDecisionSchema.safeParse({ ...base, requestId: 'kort', outcome: 'bifall', paragraph: 1 });
  expect(r.success).toBe(false);
  expect(r.success ? '' : r.error.issues[0].message).toContain('8–64 tecken');
});

test('återremiss needs a reason; minority only with återremiss or bordläggning', () => {
  const noReason = recordDecisionSchema.safeParse({ ...base, outcome: 'aterremiss', paragraph: 1 });
  expect(noReason.success ? [] : noReason.error.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
  const minority = recordDecisionSchema.safeParse({ ...base, outcome: 'bifall', paragraph: 1, minority: true });
  expect(minority.success ? [] : minority.error.issues.map((i) => i.path.join('.'))).toEqual(['minority']);
});

test('referrals: one per recipient, dates that exist', () => {
  const r = sendReferralsSchema.safeParse({
    ...base,
    referrals: [
      { recipient: 'Äldrenämnden', dueDate: '2027-02-30' },
      { recipient: 'äldrenämnden', dueDate: '2027-03-01' },
    ],
  });
  expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['referrals.0.dueDate', 'referrals.1.recipient']);
});

test('appeal actions are allowed beside the stage only while the policy lets the appeal run', () => {
  expect(allowedActions('avtal')).toEqual(['signAgreement', 'rejectAgreement']);
  expect(allowedActions('avtal', { appealWindowOpen: true })).toEqual(['signAgreement', 'rejectAgreement', 'registerOverklagande']);
  expect(allowedActions('aktiv', { appealPending: true })).toContain('recordCourtJudgment');
  expect(allowedActions('avslutad', { appealPending: true })).toEqual([]);
});

test('Yrkesresan: the seed period covers a start on 1 July 2027; later starts get a preliminary one-year period', () => {
  expect(periodFor(YRKESRESAN, '2027-07-01')).toMatchObject({ start: '2027-07-01', end: '2028-06-30', nationalRate: 24_300, preliminary: false });
  // After the last known period: the last known year's rate (2,47 kr for 2028, issue 10 point 9), marked preliminary.
  expect(periodFor(YRKESRESAN, '2029-07-01')).toMatchObject({ end: '2030-06-30', nationalRate: 24_700, preliminary: true });
  expect(renewalPeriod(YRKESRESAN, '2028-06-30')).toMatchObject({ start: '2028-07-01', end: '2029-06-30', preliminary: true });
  expect(YRKESRESAN.parts.map((p) => p.name)).toEqual(['Barn och unga', 'Funktionshinder', 'Skadligt bruk och beroende', 'Äldre']);
});

test('an actor as the history writes it, and back', () => {
  const sara = { name: 'Sara Sekreterare', role: 'nämndsekreterare' };
  expect(actorName(sara)).toBe('Sara Sekreterare (nämndsekreterare)');
  expect(actorFromName(actorName(sara))).toEqual(sara);
  expect(actorFromName('system')).toEqual({ name: 'system' });
});
