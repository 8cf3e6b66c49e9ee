import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { ServerContext } from '../context';
import { notFoundHandler } from '../http-errors';
import { refreshStageGauge, registry } from '../../runtime/metrics';
import { logger } from '../../runtime/logger';

/**
 * GET /metrics in Prometheus's text format, only for a scraper that sends "Authorization: Bearer <token>"
 * (BF_METRICS_TOKEN). Without a configured token the web app has no /metrics at all (404): the web port is the
 * public one, and route names, counts per stage and process figures are nobody else's business (docs/deployment.md).
 */
export function metricsRouter(ctx: ServerContext, token: string | undefined): Router {
  const router = Router();
  if (!token) {
    router.get('/metrics', notFoundHandler); // before the sign-in gate: the same 404 for everyone
    return router;
  }
  router.get('/metrics', async (req, res) => {
    if (!bearerMatches(req.header('authorization'), token)) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer')
        .json({ error: { code: 'UNAUTHENTICATED', message: 'Mätvärdena kräver en token', fields: [] } });
      return;
    }
    try {
      await refreshStageGauge(ctx.client);
    } catch (err) {
      // Temporal unreachable: the other metrics are still worth scraping; the stage gauge keeps its last values.
      logger().warn({ err: { message: (err as Error)?.message } }, 'kunde inte räkna ärenden per skede');
    }
    res
      .set('Content-Type', registry.contentType)
      .set('Cache-Control', 'no-store')
      .send(await registry.metrics());
  });
  return router;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
