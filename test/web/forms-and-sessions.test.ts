/** The pure parts of the web app: forms from zod schemas, the session cookie, the scope rules and the list query. */
import { ACTION_SCHEMAS } from '../../domain/actions';
import { registerArendeSchema } from '../../domain/arende';
import { describeForm, fieldErrorsToForm, formToPayload, parseBlocks, pathLabel, payloadToForm } from '../../server/forms/zod-form';
import { SessionCodec } from '../../server/auth/session';
import { canAct, canSee, type Principal } from '../../server/auth/principal';
import { listQuery } from '../../server/arendelista';
import { safeNext } from '../../server/routes/safe-next';
import { planErrorText, textToMeetings } from '../../server/routes/sammantraden';

const sekr: Principal = { userId: 'u', name: 'Sara', role: 'namndsekreterare', kommunkod: '0180' };

test('a form built from recordDecision posts back into a payload the same schema accepts', () => {
  const spec = describeForm(ACTION_SCHEMAS.recordDecision);
  expect(spec.map((f) => f.key)).toEqual([
    'outcome',
    'paragraph',
    'decisionText',
    'reason',
    'reservations',
    'minority',
    'membersPresent',
    'membersRequesting',
    'immediateJustering',
    'decisionProcess',
  ]);
  const payload = formToPayload(spec, {
    outcome: 'bifall',
    paragraph: '112',
    decisionText: '',
    'reservations.0.who': 'Kalle Kula (M)',
    'reservations.1.who': '',
  });
  expect(payload).toEqual({ outcome: 'bifall', paragraph: 112, reservations: [{ who: 'Kalle Kula (M)' }], minority: false, immediateJustering: false });
  const parsed = ACTION_SCHEMAS.recordDecision.safeParse({ ...payload, requestId: 'req-000001', actor: { name: 'Sara' } });
  expect(parsed.success).toBe(true);
});

test('registration: nested groups, blocks with bullet lists, and errors on the field they concern', () => {
  const spec = describeForm(registerArendeSchema, { fixed: ['kommunkod'], omit: ['requestId'] });
  const body = {
    'namnd.kod': 'SN',
    'namnd.namn': 'Socialnämnden',
    title: '',
    'caseOfficer.name': 'Anna',
    'tjansteutlatande.proposals': 'Ett\nTvå',
    'tjansteutlatande.assessment': 'Förvaltningen bedömer att:\n\n- punkt ett\n- punkt två',
    'tjansteutlatande.date': '2027-04-31',
  };
  const payload = formToPayload(spec, body) as any;
  expect(payload.tjansteutlatande.assessment).toEqual(['Förvaltningen bedömer att:', { bullets: ['punkt ett', 'punkt två'] }]);
  expect(payload.kfRequired).toBe(false); // an unchecked box is "no"
  const result = registerArendeSchema.safeParse({ ...payload, kommunkod: '0180' });
  expect(result.success).toBe(false);
  const fields = result.success ? [] : result.error.issues.map((i) => ({ field: i.path.join('.'), rule: i.code, message: i.message }));
  const { byField } = fieldErrorsToForm(spec, fields);
  expect(Object.keys(byField).sort()).toEqual(['title', 'tjansteutlatande.date']);
  // and back: the form shows what was entered
  expect(payloadToForm(spec, payload)['tjansteutlatande.proposals']).toBe('Ett\nTvå');
  expect(parseBlocks('1. a\n2. b')).toEqual([{ numbered: ['a', 'b'] }]);
});

test('the session cookie is sealed: tampering, another secret or expiry make it nothing', () => {
  const codec = new SessionCodec({ secret: 'x'.repeat(40), cookieSecure: false });
  const s = codec.create('user-1');
  const sealed = codec.seal(s);
  expect(sealed).not.toContain('user-1');
  expect(codec.open(sealed)).toEqual(s);
  const flipped = sealed.slice(0, 20) + (sealed[20] === 'A' ? 'B' : 'A') + sealed.slice(21);
  expect(codec.open(flipped)).toBeUndefined();
  expect(new SessionCodec({ secret: 'y'.repeat(40), cookieSecure: false }).open(sealed)).toBeUndefined();
  expect(codec.open(sealed, (s.exp + 1) * 1000)).toBeUndefined();
  expect(() => new SessionCodec({ secret: 'kort', cookieSecure: false })).toThrow(/32/);
});

test('scope rules, the list query and safe redirects', () => {
  expect(canSee(sekr, { kommunkod: '0180', namnd: 'SN' })).toBe(true);
  expect(canSee(sekr, { kommunkod: '1480', namnd: 'SN' })).toBe(false);
  const hand: Principal = { userId: 'h', name: 'H', role: 'handlaggare', kommunkod: '0180', namnder: ['SN'] };
  expect(canSee(hand, { kommunkod: '0180', namnd: 'KS' })).toBe(false);
  expect(canAct(hand, 'sendReferrals')).toBe(true);
  expect(canAct(hand, 'recordDecision')).toBe(false);
  expect(canAct({ userId: 's', name: 'S', role: 'skr_admin' }, 'signAgreement')).toBe(false);

  expect(listQuery(hand, { stage: "x' OR BfKommun = '1480" })).toBe(
    "WorkflowType = 'adoptionWorkflow' AND ExecutionStatus != 'ContinuedAsNew' AND BfKommun = '0180' AND BfNamnd IN ('SN') AND BfStage = 'x\\' OR BfKommun = \\'1480'",
  );
  expect(listQuery({ userId: 's', name: 'S', role: 'skr_admin' }, { kommunkod: '0380' })).toBe(
    "WorkflowType = 'adoptionWorkflow' AND ExecutionStatus != 'ContinuedAsNew' AND BfKommun = '0380'",
  );

  expect(safeNext('/arenden/x?y=1')).toBe('/arenden/x?y=1');
  for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', '/logga-ut', undefined]) expect(safeNext(bad)).toBe('/');
  expect(textToMeetings('2026-09-15 2026-09-01\n\n2026-10-20;2026-10-06')).toEqual([
    { date: '2026-09-15', documentDeadline: '2026-09-01' },
    { date: '2026-10-20', documentDeadline: '2026-10-06' },
  ]);
});

test('errors name fields by their Swedish labels with rows counted from 1, never by the API path', () => {
  expect(pathLabel('tjansteutlatande.signatures.0.name')).toBe('Tjänsteutlåtandet: Underskrift 1: Namn');
  expect(pathLabel('referrals.1.dueDate')).toBe('Remissinstans 2: Sista svarsdag');
  expect(pathLabel('requestId')).toBe('Begärans id');
  expect(planErrorText({ field: 'meetings.1.date', rule: 'custom', message: 'Sammanträdesdagen 2027-03-10 finns två gånger' })).toBe(
    'Rad 2: Sammanträdesdagen 2027-03-10 finns två gånger',
  );
  expect(planErrorText({ field: 'name', rule: 'too_small', message: 'Namnet får inte vara tomt' })).toBe('Namnet får inte vara tomt');
});
