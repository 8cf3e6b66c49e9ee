import '../domain/zod-locale';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express from 'express';
import { authentication, authGate, csrfProtection } from './auth/middleware';
import type { ServerContext } from './context';
import { apiErrorHandler, notFoundHandler, setErrorPageRenderer } from './http-errors';
import { openApiRouter } from './openapi';
import { apiArendenRouter } from './routes/api-arenden';
import { handlingarRouter } from './routes/handlingar';
import { arendeLiveRouter } from './routes/arende-live';
import { minaArendenRouter } from './routes/mina-arenden';
import { apiScopeGuard } from './routes/api-scope-guard';
import { apiWebRouter } from './routes/api-web';
import { pagesRouter } from './routes/pages';
import { planeringRouter } from './routes/planering';
import { skrRouter } from './routes/skr';
import { earkivRouter } from './routes/earkiv';
import { sammantradenRouter } from './routes/sammantraden';
import { signInRouter } from './routes/sign-in';
import { verifyRouter } from './routes/api-verify';
import { securityHeaders } from './security-headers';
import { requestLog } from './middleware/request-log';
import { apiBodyIsObject, bodyGate, formFieldsOnce, utf8Verify } from './middleware/body-gate';
import { healthRouter } from './routes/health';
import { metricsRouter } from './routes/metrics';
import { renderPage } from './views';
import { anslagstavlaRouter } from './meetings/anslagstavla';
import { meetingsApiRouter } from './meetings/api';
import { meetingPagesRouter } from './meetings/pages';
import { useProgrammes } from './programmes';

const PUBLIC_DIR = path.join(__dirname, 'public');

/**
 * The Express application: routes only; every use case goes through Temporal.
 * Order: security headers → static files → public verification → bodies, cookies → who is asking → CSRF →
 * sign-in pages and the OpenAPI document → the gate (everything below needs a signed-in user) → API and pages.
 */
export function createApp(ctx: ServerContext): express.Express {
  if (ctx.programmes) useProgrammes(ctx.programmes);
  const app = express();
  app.disable('x-powered-by');
  // Whose X-Forwarded-For names the client (req.ip, the sign-in rate limit, req.secure): none unless configured.
  app.set('trust proxy', ctx.trustProxy ?? false);
  // operations before sign-in (docs/deployment.md): probes public, /metrics only with its bearer token
  app.use(requestLog(), healthRouter(ctx), metricsRouter(ctx, ctx.metricsToken));
  setErrorPageRenderer((res, status, title, message) => renderPage(res, 'fel', { title, message }, status));
  app.use(securityHeaders(ctx.secure ?? false, ctx.auth.oidc ? new URL(ctx.auth.oidc.settings.issuer).origin : undefined));
  app.use('/public', express.static(PUBLIC_DIR, { index: false, maxAge: '1h' }));
  app.use(verifyRouter(ctx)); // public and read-only: before sign-in and CSRF; parses its own bodies
  app.use(anslagstavlaRouter(ctx)); // the public anslagstavla (KL 8 kap. 9 §): read-only, no sign-in
  app.use(bodyGate); // a body that is not well-formed: 415/400 before anything reads it (issue 10 p. 12)
  app.use(express.json({ limit: '1mb', inflate: false, verify: utf8Verify }));
  app.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 2000, inflate: false }));
  app.use(apiBodyIsObject, formFieldsOnce);
  app.use(cookieParser());
  app.use((_req, res, next) => {
    res.locals.kommunName = ctx.kommunName;
    next();
  });
  app.use(authentication(ctx.auth));
  app.use(csrfProtection);
  app.use(signInRouter(ctx.auth, ctx.signIn));
  app.use(openApiRouter());
  app.use(authGate);
  app.use(apiScopeGuard(ctx));
  app.use(handlingarRouter(ctx));
  app.use(arendeLiveRouter(ctx));
  app.use(minaArendenRouter(ctx));
  app.use(apiArendenRouter(ctx));
  app.use(apiWebRouter(ctx));
  app.use(meetingsApiRouter(ctx));
  app.use(pagesRouter(ctx));
  app.use(meetingPagesRouter(ctx));
  app.use(sammantradenRouter(ctx));
  app.use(planeringRouter(ctx));
  app.use(skrRouter(ctx));
  app.use(earkivRouter(ctx));
  app.use(notFoundHandler);
  app.use(apiErrorHandler);
  return app;
}
