import { Router } from 'express';
import type { ServerContext } from '../context';
import { getArende, getDocumentPdf, listArenden, parseRegistration, registerArende } from '../arenden';

/** REST routes for ärenden: /api/arenden … */
export function apiArendenRouter(ctx: ServerContext): Router {
  const router = Router();

  router.post('/api/arenden', async (req, res) => {
    const input = parseRegistration(ctx, req.body);
    const created = await registerArende(ctx, input, actorOf(req));
    res.status(201).location(`/api/arenden/${created.id}`).json(created);
  });

  router.get('/api/arenden', async (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    res.json({ arenden: await listArenden(ctx, { kommunkod: q.kommunkod, namnd: q.namnd, stage: q.stage }) });
  });

  router.get('/api/arenden/:id', async (req, res) => {
    res.json(await getArende(ctx, req.params.id));
  });

  router.get('/api/arenden/:id/dokument/:docId', async (req, res) => {
    const { ref, bytes } = await getDocumentPdf(ctx, req.params.id, req.params.docId);
    const filename = `${ref.type}-v${ref.version}.pdf`;
    res
      .type('application/pdf')
      .set('Content-Disposition', `inline; filename="${filename}"`)
      .set('ETag', `"${ref.sha256}"`)
      .send(Buffer.from(bytes));
  });

  return router;
}

export function actorOf(req: { header(name: string): string | undefined }): string {
  return 'api';
}
