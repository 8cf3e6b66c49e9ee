import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { DEFAULT_MAX_ATTACHMENT_BYTES, ATTACHMENT_TYPE_LIST, handlingFieldsShape } from '../../domain/attachments';
import { assertCsrf, signedIn } from '../auth/middleware';
import type { ServerContext } from '../context';
import { getArende } from '../arenden';
import { fileSize } from '../handlingar-view';
import { getHandlingFile, uploadHandling } from '../handlingar';
import { listHandlingar } from '../handlingar-list';
import { ApiError } from '../http-errors';
import { openApiRegistry } from '../openapi';
import { renderArendePage } from './arende-page';

/**
 * Handlingar of an ärende (server/handlingar.ts): upload (multipart/form-data, one file in the field "fil" beside
 * the register fields), list, and download. The download is always an attachment with nosniff and the media type the
 * file was checked to be, so that a browser never renders it inside this site.
 */
export function handlingarRouter(ctx: ServerContext): Router {
  const router = Router();
  const maxBytes = ctx.maxUploadBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 4_000, parts: 22 } }).single('fil');

  /** multipart only; multer's refusals as Swedish 4xx; then the CSRF token of the form (or the header) for a session. */
  const receive = (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('multipart/form-data')) {
      return next(
        new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'En handling laddas upp som multipart/form-data med filen i fältet "fil"', [
          { field: 'Content-Type', rule: 'media_type', message: 'ska vara multipart/form-data' },
        ]),
      );
    }
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') {
          return next(
            new ApiError(413, 'FILE_TOO_LARGE', `Filen är för stor. En handling får vara högst ${fileSize(maxBytes)}.`, [
              { field: 'fil', rule: 'max_size', message: `högst ${fileSize(maxBytes)}` },
            ]),
          );
        }
        return next(
          new ApiError(400, 'VALIDATION_FAILED', 'Begäran innehåller fel i: fil', [
            { field: err.field ?? 'fil', rule: err.code.toLowerCase(), message: 'en fil i fältet "fil" och högst 20 fält' },
          ]),
        );
      }
      if (err) return next(new ApiError(400, 'MALFORMED_BODY', 'Begärans innehåll kunde inte läsas som multipart/form-data'));
      try {
        assertCsrf(req);
      } catch (e) {
        return next(e);
      }
      next();
    });
  };

  router.post('/api/arenden/:id/handlingar', receive, async (req, res) => {
    const entry = await uploadHandling(ctx, signedIn(req), String(req.params.id), req.body, req.file);
    res.status(201).json({ handling: entry });
  });

  router.get('/api/arenden/:id/handlingar', async (req, res) => {
    await getArende(ctx, signedIn(req), String(req.params.id));
    res.json({ handlingar: await listHandlingar(ctx, String(req.params.id)) });
  });

  const download = async (req: Request, res: Response) => {
    const { entry, bytes } = await getHandlingFile(ctx, signedIn(req), String(req.params.id), String(req.params.docId));
    const name = entry.document.fileName ?? 'bilaga';
    res
      .type(entry.document.contentType ?? 'application/octet-stream')
      .set(
        'Content-Disposition',
        `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .set('X-Content-Type-Options', 'nosniff')
      .set('Content-Security-Policy', "default-src 'none'; sandbox")
      .set('Cache-Control', 'private, no-store')
      .set('ETag', `"${entry.document.sha256}"`)
      .send(Buffer.from(bytes));
  };
  router.get('/api/arenden/:id/handlingar/:docId/fil', download);
  router.get('/arenden/:id/handlingar/:docId/fil', download);

  // The page's form: back to the ärende with what happened, or the form again with the errors.
  router.post('/arenden/:id/handlingar', async (req, res, next) => {
    const p = signedIn(req);
    const id = String(req.params.id);
    await getArende(ctx, p, id); // 404 before the body is read
    receive(req, res, async (err?: unknown) => {
      try {
        if (err) throw err;
        const entry = await uploadHandling(ctx, p, id, req.body, req.file);
        res.redirect(303, `/arenden/${id}?klart=handling${entry.referralRecipient ? '-remissvar' : ''}`);
      } catch (e) {
        if (!(e instanceof ApiError) || e.status >= 500 || e.status === 404 || e.code === 'CSRF_INVALID') return next(e);
        const values = Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<
          string,
          string
        >;
        await renderArendePage(ctx, req, res, id, { handlingFailed: { values, fields: e.fields, message: e.message } }, e.status);
      }
    });
  });

  return router;
}

const security: Array<Record<string, string[]>> = [{ bearer: [] }, { session: [] }];
const ids = z.object({ id: z.string().openapi({ description: 'Ärendets id' }) });
const plain = (description: string) => ({ description });
openApiRegistry.registerPath({
  method: 'post',
  path: '/api/arenden/{id}/handlingar',
  security,
  summary: `Registrera en inkommande eller upprättad handling (${ATTACHMENT_TYPE_LIST}): multipart/form-data med filen i fältet "fil"`,
  request: {
    params: ids,
    body: { content: { 'multipart/form-data': { schema: z.object({ fil: z.string().openapi({ format: 'binary' }), ...handlingFieldsShape }) } } },
  },
  responses: {
    201: plain('Registrerad: { handling }'),
    400: plain('Fel i fälten (VALIDATION_FAILED) med varje fält'),
    409: plain('PRECONDITION_FAILED: remissinstansen har ingen obesvarad remiss'),
    413: plain('FILE_TOO_LARGE'),
    415: plain('UNSUPPORTED_FILE_TYPE, FILE_CONTENT_MISMATCH eller UNSUPPORTED_MEDIA_TYPE (inte multipart)'),
  },
});
openApiRegistry.registerPath({
  method: 'get',
  path: '/api/arenden/{id}/handlingar',
  security,
  summary: 'Ärendets inkomna och upprättade handlingar',
  request: { params: ids },
  responses: { 200: plain('{ handlingar }') },
});
openApiRegistry.registerPath({
  method: 'get',
  path: '/api/arenden/{id}/handlingar/{docId}/fil',
  security,
  summary: 'Hämta en handlings fil, alltid som bilaga (Content-Disposition: attachment, nosniff)',
  request: { params: ids.extend({ docId: z.string() }) },
  responses: { 200: plain('Filen, med den typ den kontrollerades vara'), 404: plain('DOCUMENT_NOT_FOUND') },
});
