import { Router } from 'express';
import { signedIn } from '../auth/middleware';
import type { ServerContext } from '../context';
import { foredragningslista, kommunOf, meetingOverview, organsOf } from '../meeting-plans';
import { replacePlan } from '../meeting-plan-change';
import { planForTarget } from '../planering';

/** The API of the web app's own pages beyond ärenden: who am I, sammanträdesplaner, planering. */
export function apiWebRouter(ctx: ServerContext): Router {
  const router = Router();

  router.get('/api/mig', (req, res) => {
    res.json(signedIn(req));
  });

  router.get('/api/sammantradesplaner', async (req, res) => {
    const p = signedIn(req);
    const kommunkod = kommunOf(p, req.query.kommunkod as string | undefined);
    res.json({ kommunkod, organ: await organsOf(ctx, p, kommunkod) });
  });

  router.get('/api/sammantradesplaner/:organ', async (req, res) => {
    const p = signedIn(req);
    res.json(await meetingOverview(ctx, p, kommunOf(p, req.query.kommunkod as string | undefined), req.params.organ));
  });

  router.put('/api/sammantradesplaner/:organ', async (req, res) => {
    res.json(await replacePlan(ctx, signedIn(req), req.params.organ, req.body));
  });

  router.get('/api/sammantradesplaner/:organ/:date/foredragningslista', async (req, res) => {
    const p = signedIn(req);
    const { ref, bytes } = await foredragningslista(ctx, p, kommunOf(p, req.query.kommunkod as string | undefined), req.params.organ, req.params.date);
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="foredragningslista-${req.params.organ}-${req.params.date}.pdf"`)
      .set('ETag', `"${ref.sha256}"`)
      .send(Buffer.from(bytes));
  });

  router.get('/api/planering', async (req, res) => {
    res.json(await planForTarget(ctx, signedIn(req), req.query));
  });

  return router;
}
