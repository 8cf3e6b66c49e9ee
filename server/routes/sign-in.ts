import { Router, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { AuthDeps } from '../auth/middleware';
import { principalOf } from '../auth/middleware';
import { renderPage } from '../views';

/** /logga-in and /logga-ut: the embedded default sign-in with the users of config/users.json. */

const signInSchema = z.object({
  username: z.string({ error: 'Skriv ditt användarnamn' }).trim().min(1, 'Skriv ditt användarnamn').max(100, 'Användarnamnet är för långt'),
  password: z.string({ error: 'Skriv ditt lösenord' }).min(1, 'Skriv ditt lösenord').max(200, 'Lösenordet är för långt'),
  next: z.string().optional(),
});

/** Only a path on this site: "/arenden/x" yes, "//evil.example" or "https://…" no. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && !next.startsWith('/logga-') ? next : '/';
}

export interface SignInOptions {
  /** Attempts per username and client address per window (default 10 per 15 minutes). */
  attemptsPerAccount?: number;
  /** Attempts per client address per window, whatever the username (default 50). */
  attemptsPerAddress?: number;
  windowMs?: number;
}

function showForm(res: Response, status: number, data: Record<string, unknown>) {
  renderPage(res, 'logga-in', { title: 'Logga in', formId: 'logga-in', ...data }, status);
}

export function signInRouter(auth: AuthDeps, opts: SignInOptions = {}): Router {
  const router = Router();
  const windowMs = opts.windowMs ?? 15 * 60_000;
  const tooMany = (_req: Request, res: Response) =>
    showForm(res, 429, {
      errors: [{ message: 'För många inloggningsförsök. Vänta en stund och försök igen.' }],
    });
  const perAddress = rateLimit({ windowMs, limit: opts.attemptsPerAddress ?? 50, standardHeaders: 'draft-8', legacyHeaders: false, handler: tooMany });
  const perAccount = rateLimit({
    windowMs,
    limit: opts.attemptsPerAccount ?? 10,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${String(req.body?.username ?? '').trim().toLowerCase().slice(0, 100)}`,
    // A successful sign-in does not count against the account.
    skipSuccessfulRequests: true,
    handler: tooMany,
  });

  router.get('/logga-in', (req, res) => {
    if (principalOf(req)) return res.redirect(303, safeNext(req.query.next));
    showForm(res, 200, { next: safeNext(req.query.next), signedOut: req.query.utloggad === '1' });
  });

  router.post('/logga-in', perAddress, perAccount, async (req, res) => {
    const parsed = signInSchema.safeParse(req.body ?? {});
    const next = safeNext(req.body?.next);
    const username = typeof req.body?.username === 'string' ? req.body.username : '';
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const i of parsed.error.issues) fieldErrors[String(i.path[0])] ??= i.message;
      const errors = Object.entries(fieldErrors).map(([f, message]) => ({ href: `#logga-in-${f}`, label: f === 'username' ? 'Användarnamn' : 'Lösenord', message }));
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
    res.redirect(303, next);
  });

  router.post('/logga-ut', (req, res) => {
    auth.sessions.write(req, res, auth.sessions.create());
    res.redirect(303, '/logga-in?utloggad=1');
  });

  return router;
}
