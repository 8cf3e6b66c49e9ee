import type { NextFunction, Request, Response } from 'express';
import { arendeLogger, logger } from '../../runtime/logger';
import { metrics } from '../../runtime/metrics';

/**
 * One log line and one metric sample per request: method, path (without the query string), route pattern, status
 * and milliseconds, plus the ärende id when the path names one. No bodies, no query strings, no headers, no
 * personal data. The route label is the Express pattern (/api/arenden/:id), so metrics stay low-cardinality.
 */
export function requestLog() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      const status = res.statusCode;
      metrics.httpRequests.inc({ method: req.method, route, status: String(status) });
      metrics.httpDuration.observe({ method: req.method, route }, seconds);
      if (route === '/healthz' || route === '/readyz' || route === '/metrics') return; // probes: metrics only
      const path = req.originalUrl.split('?')[0];
      // The ärende named by the path, or the one just created (201 with Location: /api/arenden/<id>).
      const location = res.getHeader('location');
      const arendeId = ARENDE_IN_PATH.exec(path)?.[1] ?? (typeof location === 'string' ? ARENDE_IN_PATH.exec(location)?.[1] : undefined);
      const log = arendeId ? arendeLogger({ arendeId, workflowId: arendeId }) : logger();
      const line = { method: req.method, path, route, status, ms: Math.round(seconds * 1000) };
      if (status >= 500) log.error(line, 'förfrågan');
      else log.info(line, 'förfrågan');
    });
    next();
  };
}

const ARENDE_IN_PATH = /^\/(?:api\/)?arenden\/(arende-[A-Za-z0-9_-]+)/;

function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  return 'okänd';
}
