/** Who may sign the agreement for which party (server/auth/principal.ts): the rule behind the 403s of issue 10, point 2. */
import { actionRefusal, canAct, partyOf, signatoryOf, signingRefusal, type Principal } from '../../server/auth/principal';
import { usersFileSchema } from '../../server/auth/users-file';

const sekreterare: Principal = { userId: 'sekr', name: 'Sara Sekreterare', role: 'namndsekreterare', kommunkod: '0180' };
const ordforande: Principal = { userId: 'ordf', name: 'Karin K', role: 'lasare', kommunkod: '0180', signingRight: { title: 'Kommunstyrelsens ordförande' } };
const skr: Principal = { userId: 'skr', name: 'Siv SKR', role: 'skr_admin', signingRight: { title: 'Avdelningschef, SKR' } };
const skrUtanRatt: Principal = { userId: 'skr2', name: 'Sam SKR', role: 'skr_admin' };

test('each user belongs to one party: SKR for skr_admin, the municipality for everyone else', () => {
  expect(partyOf(skr)).toBe('skr');
  expect(partyOf(ordforande)).toBe('kommun');
  expect(partyOf(sekreterare)).toBe('kommun');
});

test('a signature needs a signing right, for the own party only; the party defaults to the own', () => {
  expect(signingRefusal(ordforande, 'kommun')).toBeUndefined();
  expect(signingRefusal(ordforande, undefined)).toBeUndefined();
  expect(signingRefusal(ordforande, 'skr')).toMatchObject({ status: 403, code: 'WRONG_PARTY' });
  expect(signingRefusal(skr, 'skr')).toBeUndefined();
  expect(signingRefusal(skr, 'kommun')).toMatchObject({ status: 403, code: 'WRONG_PARTY' });
  expect(signingRefusal(sekreterare, 'kommun')).toMatchObject({ status: 403, code: 'NO_SIGNING_RIGHT' });
  expect(signingRefusal(skrUtanRatt, 'skr')).toMatchObject({ status: 403, code: 'NO_SIGNING_RIGHT' });
});

test('on an ärende: signing actions by the signing right, every other action by role', () => {
  expect(actionRefusal(ordforande, 'signAgreement', {})).toBeUndefined();
  expect(actionRefusal(ordforande, 'rejectAgreement', { party: 'skr' })).toMatchObject({ code: 'WRONG_PARTY' });
  expect(actionRefusal(ordforande, 'recordDecision', {})).toMatchObject({ code: 'FORBIDDEN' });
  expect(actionRefusal(sekreterare, 'recordDecision', {})).toBeUndefined();
  expect(actionRefusal(sekreterare, 'signAgreement', {})).toMatchObject({ code: 'NO_SIGNING_RIGHT' });
  expect(actionRefusal(skr, 'recordDecision', {})).toMatchObject({ code: 'FORBIDDEN' });
  expect(actionRefusal(skr, 'signAgreement', [])).toBeUndefined(); // a non-object body names no party: its own
  expect(canAct(sekreterare, 'signAgreement')).toBe(false);
  expect(canAct(ordforande, 'signAgreement')).toBe(true);
});

test('the signatory is the signed-in person in the title of their signing right', () => {
  expect(signatoryOf(ordforande)).toEqual({ name: 'Karin K', title: 'Kommunstyrelsens ordförande', userId: 'ordf' });
});

test('config/users.json: signingRight is optional and needs a title', () => {
  const base = { id: 'x1', username: 'x@y', name: 'X', passwordHash: '$argon2id$v=19$x', role: 'lasare', kommunkod: '0180' };
  expect(usersFileSchema.safeParse({ users: [{ ...base, signingRight: { title: 'Firmatecknare' } }] }).success).toBe(true);
  expect(usersFileSchema.safeParse({ users: [{ ...base, signingRight: {} }] }).success).toBe(false);
  expect(usersFileSchema.safeParse({ users: [base] }).success).toBe(true);
});
