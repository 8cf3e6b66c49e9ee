import { Router } from 'express';
import { STAGE_LABELS, type Stage } from '../../domain/stages';
import { getArende, listArenden } from '../arenden';
import type { ServerContext } from '../context';
import { renderView } from '../views';

/** The Swedish web pages. */
export function pagesRouter(ctx: ServerContext): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const summaries = await listArenden(ctx);
    const arenden = await Promise.all(
      summaries.map(async (s) => {
        const state = await getArende(ctx, s.id).catch(() => undefined);
        return {
          ...s,
          kommunName: s.kommunkod ? ctx.kommunName(s.kommunkod) : '',
          stageLabel: s.stage ? STAGE_LABELS[s.stage as Stage] ?? s.stage : '',
          documents: state?.documents ?? [],
        };
      }),
    );
    res.type('html').send(renderView('arendelista', { arenden }));
  });
  return router;
}
