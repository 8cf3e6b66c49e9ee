import { z } from 'zod';
import type { ServerContext } from './context';
import { ApiError, parseOr400 } from './http-errors';

/**
 * A confirmation before a change that reaches far (issue 15 p. 5): the whole country's bulk invitation, a meeting plan
 * change that re-plans other ärenden. The first request changes nothing and answers 428 Precondition Required with
 * code CONFIRMATION_REQUIRED, a Swedish summary of what will happen and a token; the same request again with that token
 * is carried out. The token is bound (HMAC under the session secret, server/auth/session.ts bindToken) to the kind of
 * change, the person, the normalised request and what it affects, and it expires after CONFIRMATION_TTL_SECONDS: a
 * token for another request, from another person, made up or too old is refused the same way, with a fresh one.
 */

export const CONFIRMATION_TTL_SECONDS = 600;
export const CONFIRMATION_FIELD = 'confirmationToken';

/** The token's shape (base64url): anything else is a malformed request (400), whether or not a confirmation is needed. */
export const confirmationTokenSchema = z
  .string({ error: 'måste vara en text' })
  .regex(/^[A-Za-z0-9_-]{1,512}$/, { message: 'är ingen bekräftelse från Beslutsflöde' })
  .optional();

/** The token of a request body (undefined when there is none), or 400 naming the field. */
export function confirmationTokenOf(body: unknown): string | undefined {
  const token = body && typeof body === 'object' ? (body as Record<string, unknown>)[CONFIRMATION_FIELD] : undefined;
  return parseOr400(z.object({ [CONFIRMATION_FIELD]: confirmationTokenSchema }), {
    [CONFIRMATION_FIELD]: token === '' ? undefined : token,
  })[CONFIRMATION_FIELD];
}

export interface Confirmation {
  /** What will happen, in Swedish: one sentence and the details (municipalities, ärenden). */
  summary: { message: string; count: number; items: string[] };
  token: string;
  expiresAt: string;
}

/** Keys sorted, so that the same request always gives the same context. */
function normalised(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function contextOf(kind: string, actor: string, request: unknown): string {
  return `bekraftelse:${kind}:${actor}:${normalised(request)}`;
}

export function confirmationFor(
  ctx: ServerContext,
  kind: string,
  actor: string,
  request: unknown,
  summary: Confirmation['summary'],
  now = Date.now(),
): Confirmation {
  const exp = Math.floor(now / 1000) + CONFIRMATION_TTL_SECONDS;
  const token = ctx.auth.sessions.bindToken(contextOf(kind, actor, request), Buffer.from(String(exp), 'utf8'));
  return { summary, token, expiresAt: new Date(exp * 1000).toISOString() };
}

/** 'ok' for a token made for exactly this request by this person and not yet expired. */
export function checkConfirmation(
  ctx: ServerContext,
  kind: string,
  actor: string,
  request: unknown,
  token: unknown,
  now = Date.now(),
): 'ok' | 'missing' | 'invalid' | 'expired' {
  if (token === undefined || token === null || token === '') return 'missing';
  if (typeof token !== 'string' || token.length > 512) return 'invalid';
  const value = ctx.auth.sessions.openToken(contextOf(kind, actor, request), token);
  if (!value) return 'invalid';
  const exp = Number(Buffer.from(value).toString('utf8'));
  if (!Number.isInteger(exp)) return 'invalid';
  return exp * 1000 > now ? 'ok' : 'expired';
}

/** The refusal of an unconfirmed (or wrongly confirmed) request: 428, the summary and a fresh token in the body. */
export function confirmationRequired(outcome: 'missing' | 'invalid' | 'expired', confirmation: Confirmation): ApiError {
  const why =
    outcome === 'missing'
      ? 'Ändringen måste bekräftas'
      : outcome === 'expired'
        ? 'Bekräftelsen har gått ut; bekräfta igen'
        : 'Bekräftelsen gäller inte den här begäran; bekräfta igen';
  const err = new ApiError(428, 'CONFIRMATION_REQUIRED', `${why}: ${confirmation.summary.message}`, [
    { field: CONFIRMATION_FIELD, rule: outcome === 'missing' ? 'required' : outcome, message: why.toLowerCase() },
  ]);
  err.details = { confirmation };
  return err;
}
