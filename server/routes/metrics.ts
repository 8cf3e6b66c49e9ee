import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { ServerContext } from '../context';
import { refreshStageGauge, registry } from '../../runtime/metrics';
import { logger } from '../../runtime/logger';

/**
 * GET /metrics in Prometheus's text format. With a token (BF_METRICS_TOKEN) the scraper must send
 * "Authorization: Bearer <token>"; without one the endpoint is open (keep it on an internal network).
 */
export function metricsRouter(ctx: ServerContext, token: string | undefined = process.env.BF_METRICS_TOKEN || undefined): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (token && !bearerMatches(req.header('authorization'), token)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: { code: 'UNAUTHENTICATED', message: 'Mätvärdena kräver en token', fields: [] } });
      return;
    }
    try {
      await refreshStageGauge(ctx.client);
    } catch (err) {
      // Temporal unreachable: the other metrics are still worth scraping; the stage gauge keeps its last values.
      logger().warn({ err: { message: (err as Error)?.message } }, 'kunde inte räkna ärenden per skede');
    }
    res.set('Content-Type', registry.contentType).set('Cache-Control', 'no-store').send(await registry.metrics());
  });
  return router;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
