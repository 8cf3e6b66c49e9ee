import { Router, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { AuthDeps } from '../auth/middleware';
import { principalOf, sessionOf } from '../auth/middleware';
import { oidcSignInRouter } from './sign-in-oidc';
import { renderPage } from '../views';

/** /logga-in and /logga-ut: the embedded default sign-in with the users of config/users.json. */

const signInSchema = z.object({
  username: z.string({ error: 'Skriv ditt användarnamn' }).trim().min(1, 'Skriv ditt användarnamn').max(100, 'Användarnamnet är för långt'),
  password: z.string({ error: 'Skriv ditt lösenord' }).min(1, 'Skriv ditt lösenord').max(200, 'Lösenordet är för långt'),
  next: z.string().optional(),
});

import { safeNext } from './safe-next';

export interface SignInOptions {
  /** Failed attempts per account (username), from whatever address, per window (default 10 per 15 minutes). */
  attemptsPerAccount?: number;
  /** Failed attempts per client address, whatever the username (default 50 per window). */
  attemptsPerAddress?: number;
  windowMs?: number;
}

function showForm(res: Response, status: number, data: Record<string, unknown>) {
  const oidc = (res.locals.oidcLabel as string | undefined) ?? undefined;
  renderPage(
    res,
    'logga-in',
    {
      title: 'Logga in',
      formId: 'logga-in',
      ...data,
      ...(oidc ? { oidcLabel: oidc, oidcHref: `/logga-in/oidc?next=${encodeURIComponent(String(data.next ?? '/'))}` } : {}),
    },
    status,
  );
}

/** The account a sign-in names, as the authenticator compares it; '' when none is given. */
const accountOf = (req: Request) => (typeof req.body?.username === 'string' ? req.body.username.trim().toLowerCase().slice(0, 100) : '');

export const TOO_MANY_SIGN_INS = 'TOO_MANY_SIGN_IN_ATTEMPTS';

/**
 * Two limiters, both counting FAILED attempts only (express-rate-limit's skipSuccessfulRequests: a response below 400
 * is taken back): one per account, so a password is not guessed from many addresses, and one per client address
 * (req.ip, which names the real client only behind a trusted proxy: BF_TRUST_PROXY), so one address does not try
 * many accounts. Successful sign-ins never count, so a municipality behind one proxy is not locked out by its own
 * staff signing in. Both limits are per web process and in memory (docs/auth.md).
 */
function signInLimiters(opts: SignInOptions) {
  const windowMs = opts.windowMs ?? 15 * 60_000;
  const minutes = Math.ceil(windowMs / 60_000);
  const message = `För många misslyckade inloggningsförsök. Vänta ${minutes} minuter och försök igen.`;
  const tooMany = (req: Request, res: Response) => {
    res.status(429);
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ error: { code: TOO_MANY_SIGN_INS, message, fields: [] } });
      return;
    }
    showForm(res, 429, { errors: [{ message }], username: typeof req.body?.username === 'string' ? req.body.username : '' });
  };
  const common = { windowMs, standardHeaders: 'draft-8', legacyHeaders: false, skipSuccessfulRequests: true, handler: tooMany } as const;
  const perAddress = rateLimit({ ...common, limit: opts.attemptsPerAddress ?? 50, keyGenerator: (req) => `addr:${ipKeyGenerator(req.ip ?? '')}` });
  const perAccount = rateLimit({
    ...common,
    limit: opts.attemptsPerAccount ?? 10,
    keyGenerator: (req) => `account:${accountOf(req)}`,
    skip: (req) => accountOf(req) === '', // no account named: the form's own 400, counted per address only
  });
  return [perAddress, perAccount];
}

export function signInRouter(auth: AuthDeps, opts: SignInOptions = {}): Router {
  const router = Router();
  router.use((_req, res, next) => {
    if (auth.oidc) res.locals.oidcLabel = auth.oidc.settings.label;
    next();
  });
  const limiters = signInLimiters(opts);

  router.get('/logga-in', (req, res) => {
    if (principalOf(req)) return res.redirect(303, safeNext(req.query.next));
    showForm(res, 200, { next: safeNext(req.query.next), signedOut: req.query.utloggad === '1' });
  });

  // The municipality's own sign-in, when configured (BF_OIDC_*): /logga-in/oidc and its callback.
  router.use(oidcSignInRouter(auth));

  router.post('/logga-in', ...limiters, async (req, res) => {
    const parsed = signInSchema.safeParse(req.body ?? {});
    const next = safeNext(req.body?.next);
    const username = typeof req.body?.username === 'string' ? req.body.username : '';
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const i of parsed.error.issues) fieldErrors[String(i.path[0])] ??= i.message;
      const errors = Object.entries(fieldErrors).map(([f, message]) => ({
        href: `#logga-in-${f}`,
        label: f === 'username' ? 'Användarnamn' : 'Lösenord',
        message,
      }));
      return showForm(res, 400, { errors, fieldErrors, username, next });
    }
    const principal = await auth.authenticator.signInWithPassword(parsed.data.username, parsed.data.password);
    if (!principal) {
      return showForm(res, 401, {
        errors: [{ message: 'Fel användarnamn eller lösenord.' }],
        username,
        next,
      });
    }
    auth.sessions.write(req, res, auth.sessions.create(principal.userId));
    await auth.onSignIn?.(principal);
    res.redirect(303, next);
  });

  /**
   * Sign-out ends the local session always (a new anonymous one, new CSRF token); a person signed in through the IdP
   * is then sent to the IdP's sign-out (RP-initiated logout) when it has one, which sends them back to /logga-in.
   */
  router.post('/logga-ut', async (req, res) => {
    const oidcSession = sessionOf(req)?.oidc;
    auth.sessions.write(req, res, auth.sessions.create());
    const idpLogout = oidcSession && auth.oidc ? await auth.oidc.endSessionUrl(oidcSession.idToken) : undefined;
    res.redirect(303, idpLogout?.toString() ?? '/logga-in?utloggad=1');
  });

  return router;
}
