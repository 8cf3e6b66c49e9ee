/** The confirmation token (issue 15 p. 5): bound to the kind, the person and the request (key order aside), and it expires. */
import { SessionCodec } from '../../server/auth/session';
import { CONFIRMATION_TTL_SECONDS, checkConfirmation, confirmationFor, confirmationRequired, confirmationTokenOf } from '../../server/confirmation';
import type { ServerContext } from '../../server/context';

const ctxWith = (secret: string) => ({ auth: { sessions: new SessionCodec({ secret, cookieSecure: false }) } }) as unknown as ServerContext;
const ctx = ctxWith('a'.repeat(40));
const summary = { message: '3 kommuner bjuds in.', count: 3, items: [] };
const request = { program: 'yrkesresan', filter: { notConnected: true }, message: '' };
const now = Date.UTC(2026, 11, 2, 8, 0, 0);

test('the same request by the same person within the time is confirmed; anything else is not', () => {
  const { token, expiresAt } = confirmationFor(ctx, 'massatgard', 'skr-admin', request, summary, now);
  expect(expiresAt).toBe(new Date(now + CONFIRMATION_TTL_SECONDS * 1000).toISOString());
  expect(checkConfirmation(ctx, 'massatgard', 'skr-admin', { message: '', filter: { notConnected: true }, program: 'yrkesresan' }, token, now + 1000)).toBe(
    'ok',
  );
  expect(checkConfirmation(ctx, 'massatgard', 'skr-admin', request, undefined, now)).toBe('missing');
  expect(checkConfirmation(ctx, 'massatgard', 'skr-admin', { ...request, message: 'Hej' }, token, now)).toBe('invalid');
  expect(checkConfirmation(ctx, 'massatgard', 'annan', request, token, now)).toBe('invalid');
  expect(checkConfirmation(ctx, 'sammantradesplan', 'skr-admin', request, token, now)).toBe('invalid');
  expect(checkConfirmation(ctxWith('b'.repeat(40)), 'massatgard', 'skr-admin', request, token, now)).toBe('invalid');
  expect(checkConfirmation(ctx, 'massatgard', 'skr-admin', request, token, now + CONFIRMATION_TTL_SECONDS * 1000)).toBe('expired');
  expect(checkConfirmation(ctx, 'massatgard', 'skr-admin', request, 42, now)).toBe('invalid');
});

test('the refusal is 428 CONFIRMATION_REQUIRED naming the field, with the summary and a fresh token; a malformed token is 400', () => {
  const err = confirmationRequired('expired', confirmationFor(ctx, 'massatgard', 'skr-admin', request, summary, now));
  expect({ status: err.status, code: err.code, fields: err.fields }).toEqual({
    status: 428,
    code: 'CONFIRMATION_REQUIRED',
    fields: [{ field: 'confirmationToken', rule: 'expired', message: 'bekräftelsen har gått ut; bekräfta igen' }],
  });
  expect(err.message).toBe('Bekräftelsen har gått ut; bekräfta igen: 3 kommuner bjuds in.');
  expect(confirmationTokenOf({ confirmationToken: '' })).toBeUndefined();
  expect(confirmationTokenOf({ confirmationToken: 'abc_-9' })).toBe('abc_-9');
  expect(() => confirmationTokenOf({ confirmationToken: 'ab\u202Ec' })).toThrow(
    expect.objectContaining({ status: 400, fields: [expect.objectContaining({ field: 'confirmationToken' })] }),
  );
});
