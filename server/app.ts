import '../domain/zod-locale';
import express from 'express';
import type { ServerContext } from './context';
import { apiErrorHandler } from './http-errors';
import { apiArendenRouter } from './routes/api-arenden';
import { pagesRouter } from './routes/pages';

/** The Express application: routes only; every use case goes through Temporal. */
export function createApp(ctx: ServerContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use(apiArendenRouter(ctx));
  app.use(pagesRouter(ctx));
  app.use(apiErrorHandler);
  return app;
}
