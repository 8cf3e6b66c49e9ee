import { Router } from 'express';
import { getArende } from '../arenden';
import { signedIn } from '../auth/middleware';
import { actionRefusal, actorFor, ROLE_LABELS } from '../auth/principal';
import type { ServerContext } from '../context';
import { ApiError } from '../http-errors';

/**
 * Every route under /api/arenden/:id, whoever wrote it, passes here first: an ärende outside the principal's
 * municipality or nämnder is 404, a change needs a role that may make it (403), and the actor of an action is the
 * signed-in user — an `actor` in the body is replaced.
 */
export function apiScopeGuard(ctx: ServerContext): Router {
  const router = Router();
  router.use('/api/arenden/:id', async (req, _res, next) => {
    const p = signedIn(req);
    await getArende(ctx, p, String(req.params.id));
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const action = /^\/atgarder\/([A-Za-z]+)\/?$/.exec(req.path)?.[1] ?? (/^\/handlingar\/?$/.test(req.path) ? 'registerHandling' : undefined);
    if (!action) throw new ApiError(403, 'FORBIDDEN', 'Din roll får inte göra detta i ärendet');
    const refusal = actionRefusal(p, action, req.body);
    if (refusal) throw new ApiError(refusal.status, refusal.code, refusal.message);
    if (req.body && typeof req.body === 'object' && !Array.isArray(req.body)) {
      const actor = actorFor(p);
      req.body.actor = { name: actor.name, role: ROLE_LABELS[actor.role].toLocaleLowerCase('sv') };
    }
    next();
  });
  return router;
}
