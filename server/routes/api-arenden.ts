import { Router } from 'express';
import { signedIn } from '../auth/middleware';
import type { ServerContext } from '../context';
import { getArchivePdf, getArende, getDocumentPdf, parseRegistration, registerArende } from '../arenden';
import { listArendenPage } from '../arendelista';
import { archiveFileName, documentFileName } from '../format';
import { performAction, planOf } from '../arende-actions';
import { parseOr400 } from '../http-errors';
import { arendeListQuerySchema } from '../../domain/arende';
import { getEarkiv } from '../earkiv';

/** REST routes for ärenden: /api/arenden … */
export function apiArendenRouter(ctx: ServerContext): Router {
  const router = Router();

  router.post('/api/arenden', async (req, res) => {
    const input = parseRegistration(ctx, req.body);
    const created = await registerArende(ctx, signedIn(req), input);
    res.status(201).location(`/api/arenden/${created.id}`).json(created);
  });

  router.get('/api/arenden', async (req, res) => {
    const { pageSize, pageToken, ...filter } = parseOr400(arendeListQuerySchema, req.query);
    res.json(await listArendenPage(ctx, signedIn(req), filter, { pageSize, pageToken }));
  });

  router.get('/api/arenden/:id', async (req, res) => {
    res.json(await getArende(ctx, signedIn(req), req.params.id));
  });

  /** A human step of the process: the body is the action's payload (domain/actions.ts); 200 with the result and the new state. */
  router.post('/api/arenden/:id/atgarder/:action', async (req, res) => {
    res.json(await performAction(ctx, signedIn(req), req.params.id, req.params.action, req.body));
  });

  /** The planned dates of the remaining steps, and whether the target start (default the ärende's) is reachable. */
  router.get('/api/arenden/:id/plan', async (req, res) => {
    res.json(await planOf(ctx, signedIn(req), req.params.id, req.query as { targetStart?: unknown }));
  });

  router.get('/api/arenden/:id/dokument/:docId', async (req, res) => {
    const { ref, bytes } = await getDocumentPdf(ctx, signedIn(req), req.params.id, req.params.docId);
    const filename = documentFileName(ref);
    res.type('application/pdf').set('Content-Disposition', `inline; filename="${filename}"`).set('ETag', `"${ref.sha256}"`).send(Buffer.from(bytes));
  });

  /** The document's PDF/A-2b archive copy ("Arkivexemplar (PDF/A)"); 404 ARCHIVE_COPY_NOT_FOUND when it has none. */
  router.get('/api/arenden/:id/dokument/:docId/arkivexemplar', async (req, res) => {
    const { ref, sha256, bytes } = await getArchivePdf(ctx, signedIn(req), req.params.id, req.params.docId);
    res
      .type('application/pdf')
      .set('Content-Disposition', `inline; filename="${archiveFileName(ref)}"`)
      .set('ETag', `"${sha256}"`)
      .send(Buffer.from(bytes));
  });

  // The FGS 2.0 e-archive package (E-ARK SIP) of a closed ärende, as a zip (server/earkiv.ts, docs/archival.md).
  router.get('/api/arenden/:id/earkiv', async (req, res) => {
    const { fileName, zip } = await getEarkiv(ctx, signedIn(req), req.params.id);
    res.type('application/zip').set('Content-Disposition', `attachment; filename="${fileName}"`).send(zip);
  });

  return router;
}

/** @deprecated the actor is the signed-in user: signedIn(req) from server/auth/middleware (docs/auth.md). */
export function actorOf(req: Parameters<typeof signedIn>[0]): string {
  return signedIn(req).name;
}
