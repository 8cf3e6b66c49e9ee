import { Router, type Request, type Response } from 'express';
import type { AuthDeps } from '../auth/middleware';
import { principalOf } from '../auth/middleware';
import { oidcUserId } from '../auth/oidc-mapping';
import type { OidcTransaction } from '../auth/oidc';
import { renderPage } from '../views';
import { safeNext } from './safe-next';
import { logger } from '../../runtime/logger';

/**
 * /logga-in/oidc → the IdP → /logga-in/oidc/callback: the municipality's own sign-in (server/auth/oidc.ts). The
 * transaction (state, nonce, PKCE verifier, where to go next) lives in a sealed cookie of its own for ten minutes.
 */
const TX_COOKIE = 'bf_oidc';
const TX_PURPOSE = 'oidc-transaction';
const COOKIE_LIMIT = 3800;

export const OIDC_NO_ROLE_MESSAGE =
  'Du är inloggad hos kommunens inloggningstjänst, men ditt konto har ingen roll i Beslutsflöde. Be kommunens systemförvaltare att ge dig en roll (nämndsekreterare, handläggare eller läsare) för din kommun.';

function refuse(res: Response, status: number, code: string, message: string) {
  res.setHeader('X-Error-Code', code);
  renderPage(
    res,
    'logga-in',
    { title: 'Logga in', formId: 'logga-in', oidcLabel: res.locals.oidcLabel, oidcHref: '/logga-in/oidc', errors: [{ message }], errorCode: code, next: '/' },
    status,
  );
}

export function oidcSignInRouter(auth: AuthDeps): Router {
  const router = Router();
  const oidc = auth.oidc;
  if (!oidc) return router;
  const cookieOptions = (req: Request) => ({ httpOnly: true, sameSite: 'lax' as const, secure: auth.sessions.cookieSecure(req), path: '/logga-in/oidc' });

  router.get('/logga-in/oidc', async (req, res) => {
    const next = safeNext(req.query.next);
    if (principalOf(req)) return res.redirect(303, next);
    try {
      const { url, transaction } = await oidc.start(next);
      res.cookie(TX_COOKIE, auth.sessions.sealValue(TX_PURPOSE, transaction), { ...cookieOptions(req), maxAge: 600_000 });
      res.redirect(303, url.toString());
    } catch (err) {
      logger().warn({ err: (err as Error).message }, 'OIDC: leverantören svarar inte');
      refuse(res, 503, 'OIDC_UNAVAILABLE', 'Kommunens inloggningstjänst svarar inte just nu. Försök igen om en stund.');
    }
  });

  router.get('/logga-in/oidc/callback', async (req, res) => {
    const transaction = auth.sessions.openValue(TX_PURPOSE, req.cookies?.[TX_COOKIE]) as OidcTransaction | undefined;
    res.clearCookie(TX_COOKIE, cookieOptions(req));
    if (typeof req.query.error === 'string') {
      return refuse(res, 401, 'OIDC_DENIED', 'Inloggningen avbröts hos kommunens inloggningstjänst. Försök igen.');
    }
    if (!transaction) return refuse(res, 400, 'OIDC_EXPIRED', 'Inloggningen tog för lång tid eller startade inte här. Försök igen.');
    let result: Awaited<ReturnType<typeof oidc.finish>>;
    try {
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      result = await oidc.finish(query, transaction);
    } catch (err) {
      logger().warn({ err: (err as Error).message }, 'OIDC: inloggningen kunde inte slutföras');
      return refuse(res, 400, 'OIDC_FAILED', 'Inloggningen kunde inte slutföras. Försök igen.');
    }
    const principal = oidc.principal(result.claims);
    if (!principal) {
      logger().info({ sub: result.claims.sub }, 'OIDC: ingen roll i Beslutsflöde');
      return refuse(res, 403, 'OIDC_NO_ROLE', OIDC_NO_ROLE_MESSAGE);
    }
    let session = auth.sessions.create(oidcUserId(String(result.claims.sub)), Date.now(), { claims: result.claims, idToken: result.idToken });
    if (auth.sessions.seal(session).length > COOKIE_LIMIT) {
      session = auth.sessions.create(oidcUserId(String(result.claims.sub)), Date.now(), { claims: result.claims }); // sign-out then names the client instead
    }
    auth.sessions.write(req, res, session);
    await auth.onSignIn?.(principal);
    res.redirect(303, transaction.next);
  });

  return router;
}
