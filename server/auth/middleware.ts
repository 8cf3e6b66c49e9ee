import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError } from '../http-errors';
import type { Authenticator } from './authenticator';
import type { OidcSignIn } from './oidc';
import type { Principal, Role } from './principal';
import { SESSION_COOKIE, safeEqual, type SessionCodec, type SessionData } from './session';

/**
 * Who is asking: a session cookie (people) or `Authorization: Bearer <token>` (machine clients).
 * Mounted once in server/app.ts; routers read the result with principalOf(req) and guard with requireRole(...).
 */
export interface AuthDeps {
  authenticator: Authenticator;
  sessions: SessionCodec;
  /** The municipality's own sign-in (OIDC), when configured (BF_OIDC_*): /logga-in/oidc. */
  oidc?: OidcSignIn;
  /** Called after every successful sign-in (the reminder service learns who the person is). */
  onSignIn?: (p: Principal) => Promise<void>;
}

interface AuthInfo {
  principal?: Principal;
  session?: SessionData;
  via: 'session' | 'token' | 'none';
}

const AUTH = new WeakMap<Request, AuthInfo>();

export function principalOf(req: Request): Principal | undefined {
  return AUTH.get(req)?.principal;
}

export function sessionOf(req: Request): SessionData | undefined {
  return AUTH.get(req)?.session;
}

export function isApiRequest(req: Request): boolean {
  return req.path === '/api' || req.path.startsWith('/api/');
}

/** Paths anyone may open without signing in. Other routers' public pages go here (or mount before the gate). */
export const PUBLIC_PATHS: ReadonlyArray<RegExp> = [
  /^\/logga-in\/?$/,
  /^\/logga-in\/oidc(\/callback)?$/,
  /^\/public\//,
  /^\/api\/openapi\.json$/,
  /^\/verifiera(\/|$)/,
  /^\/api\/verifiera(\/|$)/,
];

/** Reads the session cookie or the bearer token; gives every page visitor a session to hold the CSRF token. */
export function authentication({ authenticator, sessions, oidc }: AuthDeps): RequestHandler {
  return async (req, res, next) => {
    try {
      const header = req.get('authorization');
      if (header !== undefined) {
        const m = /^Bearer\s+([A-Za-z0-9._~+/=-]{16,200})$/.exec(header.trim());
        const principal = m ? await authenticator.verifyToken(m[1]) : undefined;
        if (!principal) throw new ApiError(401, 'INVALID_TOKEN', 'API-nyckeln är ogiltig eller har återkallats');
        AUTH.set(req, { principal, via: 'token' });
        return next();
      }
      let session = sessions.open(req.cookies?.[SESSION_COOKIE]);
      if (session?.iat === 0) session = undefined; // a sealed value of another purpose (sealValue), not a session
      let principal: Principal | undefined;
      if (session?.sub) {
        // Signed in through the IdP: its claims are mapped again now (config/oidc.json); without OIDC the session ends.
        principal = session.oidc ? oidc?.principal(session.oidc.claims) : await authenticator.principalFor(session.sub);
        if (!principal) session = undefined; // the user was removed or disabled: the session ends
      }
      if (!session) {
        session = sessions.create();
        if (!isApiRequest(req)) sessions.write(req, res, session);
      }
      AUTH.set(req, { principal, session, via: principal ? 'session' : 'none' });
      res.locals.csrfToken = session.csrf;
      res.locals.principal = principal;
      next();
    } catch (err) {
      next(err);
    }
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection for cookie-authenticated requests: a form carries `_csrf`, a JSON call the header X-CSRF-Token,
 * and either must equal the token sealed in the session cookie. Bearer-token calls carry no ambient credential.
 */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  // A file upload's form fields are read by its route (multer), which checks the token there (assertCsrf).
  if (MULTIPART_PATHS.some((p) => p.test(req.path)) && req.is('multipart/form-data')) return next();
  try {
    assertCsrf(req);
    next();
  } catch (err) {
    next(err);
  }
};

/** Routes that take multipart/form-data (file uploads): their CSRF check runs after the body is parsed. */
export const MULTIPART_PATHS: ReadonlyArray<RegExp> = [/^\/api\/arenden\/[^/]+\/handlingar\/?$/, /^\/arenden\/[^/]+\/handlingar\/?$/];

/** The CSRF check of csrfProtection, for a route that parses its own body; throws 403 CSRF_INVALID. */
export function assertCsrf(req: Request): void {
  const info = AUTH.get(req);
  if (info?.via === 'token') return;
  const sent = (typeof req.body?._csrf === 'string' ? req.body._csrf : undefined) ?? req.get('x-csrf-token');
  if (!info?.session || !sent || !safeEqual(sent, info.session.csrf)) {
    throw new ApiError(403, 'CSRF_INVALID', 'Formuläret har gått ut eller kom inte från Beslutsflöde. Ladda om sidan och försök igen.');
  }
  if (req.body && typeof req.body === 'object') delete req.body._csrf;
}

function signInRedirect(req: Request, res: Response): void {
  res.redirect(303, `/logga-in?next=${encodeURIComponent(req.originalUrl)}`);
}

export const UNAUTHENTICATED = () => new ApiError(401, 'UNAUTHENTICATED', 'Du måste logga in (eller skicka en API-nyckel)');

/** Everything but PUBLIC_PATHS needs a signed-in user: pages redirect to /logga-in, the API answers 401. */
export const authGate: RequestHandler = (req, res, next) => {
  if (PUBLIC_PATHS.some((p) => p.test(req.path))) return next();
  if (principalOf(req)) return next();
  if (isApiRequest(req) || req.method !== 'GET') return next(UNAUTHENTICATED());
  signInRedirect(req, res);
};

export const requireSignedIn: RequestHandler = (req, res, next) => {
  if (principalOf(req)) return next();
  if (isApiRequest(req) || req.method !== 'GET') return next(UNAUTHENTICATED());
  signInRedirect(req, res);
};

/** `requireRole('skr_admin')`: signed in and holding one of the roles, else 401/redirect or 403. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const p = principalOf(req);
    if (!p) return requireSignedIn(req, res, next);
    if (!roles.includes(p.role)) return next(new ApiError(403, 'FORBIDDEN', 'Din roll får inte göra detta'));
    next();
  };
}

/** The principal of a route behind the gate (throws 401 when a router forgot the gate). */
export function signedIn(req: Request): Principal {
  const p = principalOf(req);
  if (!p) throw UNAUTHENTICATED();
  return p;
}
