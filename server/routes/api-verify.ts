/**
 * Verification of documents: is this PDF an authentic document of the register, and which one?
 *
 * POST /api/verifiera  body: the PDF itself (Content-Type application/pdf or application/octet-stream, ≤ 20 MB)
 *   → 200 { authentic: true, sha256, document: { arendeId, diarienummer, type, title, version, createdAt, archival } }
 *   → 200 { authentic: false, sha256 }
 * GET /verifiera, POST /verifiera  a page with a file upload (multipart/form-data, one file field "fil").
 *
 * The answer is the SHA-256 of the exact bytes looked up in the register: a changed byte is "not authentic".
 * It reveals only what the register entry of an allmän handling says publicly (diarienummer, title, type,
 * version, date); never the document's content, input or who made it. So it needs no sign-in, and it changes
 * nothing (no CSRF concern); it is rate limited.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import rateLimit from 'express-rate-limit';
import { DOCUMENT_TITLES, isDocumentType } from '../../documents/types';
import { sha256Hex, type DocumentRecord, type DocumentSignature } from '../../documents/store';
import type { ServerContext } from '../context';
import { ApiError, errorBody } from '../http-errors';
import { KOMMUN } from '../../workflows/search-attributes';
import { renderPage } from '../views';
import { documentStatusOf } from '../../workflows/document-register';

export const MAX_PDF_BYTES = 20 * 1024 * 1024;

export interface VerifiedDocument {
  arendeId: string;
  diarienummer: string | null;
  type: string;
  title: string;
  version: number;
  /** 'utkast' for a version that is not final (domain/document-identity.ts), else 'slutlig' */
  status: 'utkast' | 'slutlig';
  createdAt: string;
  /** true when the bytes are the register's PDF/A archival copy rather than the published PDF */
  archival: boolean;
  /** The cryptographic signatures in the archival copy, in signing order (docs/signing.md); absent when none. */
  signatures?: Array<Pick<DocumentSignature, 'field' | 'name' | 'title' | 'role' | 'organisation' | 'signedAt' | 'level' | 'provider'>>;
}

export type VerificationResult = { authentic: true; sha256: string; document: VerifiedDocument } | { authentic: false; sha256: string };

/** Looks the bytes up in the register. */
export async function verifyPdf(ctx: Pick<ServerContext, 'store'>, bytes: Uint8Array): Promise<VerificationResult> {
  const sha256 = sha256Hex(bytes);
  const matches = await ctx.store.findByHash(sha256);
  // Identical bytes in two entries would be the same document; the first registered is the one to name.
  const record: DocumentRecord | undefined = [...matches].sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
  if (!record) return { authentic: false, sha256 };
  const isArchival = record.sha256 !== sha256 && record.archival?.sha256 === sha256;
  return {
    authentic: true,
    sha256,
    document: {
      arendeId: record.arendeId,
      diarienummer: record.diarienummer ?? null,
      type: record.type,
      title: record.title,
      version: record.version,
      status: documentStatusOf(record),
      createdAt: record.createdAt,
      archival: isArchival,
      ...(isArchival && record.archival?.signatures?.length
        ? {
            signatures: record.archival.signatures.map(({ field, name, title, role, organisation, signedAt, level, provider }) => ({
              field,
              name,
              title,
              role,
              ...(organisation ? { organisation } : {}),
              signedAt,
              level,
              provider,
            })),
          }
        : {}),
    },
  };
}

function assertPdf(bytes: Buffer | undefined, field: string): Buffer {
  if (!bytes || bytes.length === 0) {
    throw new ApiError(400, 'VALIDATION_FAILED', `Begäran innehåller fel i: ${field}`, [{ field, rule: 'required', message: 'ingen fil skickades' }]);
  }
  if (!bytes.subarray(0, 1024).includes('%PDF-')) {
    throw new ApiError(400, 'VALIDATION_FAILED', `Begäran innehåller fel i: ${field}`, [{ field, rule: 'pdf', message: 'filen är inte en PDF' }]);
  }
  return bytes;
}

const rawPdf = express.raw({ type: ['application/pdf', 'application/octet-stream'], limit: MAX_PDF_BYTES });
const rawMultipart = express.raw({ type: 'multipart/form-data', limit: MAX_PDF_BYTES + 64 * 1024 });

export function verifyRouter(ctx: ServerContext): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: 60,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json(errorBody(new ApiError(429, 'RATE_LIMITED', 'För många verifieringar; försök igen om en minut')));
    },
  });

  router.post('/api/verifiera', limiter, rawPdf, async (req, res) => {
    if (!Buffer.isBuffer(req.body)) {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Skicka PDF-filen som den är, med Content-Type: application/pdf', [
        { field: 'Content-Type', rule: 'pdf', message: 'ska vara application/pdf' },
      ]);
    }
    res.json(await verifyPdf(ctx, assertPdf(req.body, 'body')));
  });

  router.get('/verifiera', (_req, res) => {
    renderPage(res, 'verifiera', { title: 'Verifiera ett dokument' });
  });

  router.post('/verifiera', limiter, rawMultipart, async (req, res) => {
    let error: string | undefined;
    let result: VerificationResult | undefined;
    try {
      const file = Buffer.isBuffer(req.body) ? singleFileField(req.body, req.get('content-type') ?? '', 'fil') : undefined;
      result = await verifyPdf(ctx, assertPdf(file, 'fil'));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      error = err.fields[0]?.message ?? err.message;
    }
    const doc = result?.authentic ? result.document : undefined;
    const kommun = doc ? await municipalityOf(ctx, doc.arendeId) : undefined;
    renderPage(
      res,
      'verifiera',
      {
        title: 'Verifiera ett dokument',
        error: error ? `Välj en PDF-fil: ${error}.` : undefined,
        result: result && {
          authentic: result.authentic,
          sha256: result.sha256,
          document: doc && { ...doc, kommun, typeLabel: isDocumentType(doc.type) ? DOCUMENT_TITLES[doc.type] : doc.type, isDraft: doc.status === 'utkast' },
        },
      },
      error ? 400 : 200,
    );
  });

  // Errors of this router's body parsers (too large, bad multipart) in the shape of the rest of the API.
  router.use(['/api/verifiera', '/verifiera'], (err: unknown, req: Request, res: Response, next: NextFunction) => {
    const e = err as { type?: string };
    if (e?.type === 'entity.too.large') {
      const tooLarge = new ApiError(413, 'BODY_TOO_LARGE', 'Filen är större än 20 MB');
      if (req.originalUrl.startsWith('/api/')) res.status(413).json(errorBody(tooLarge));
      else renderPage(res, 'verifiera', { title: 'Verifiera ett dokument', error: 'Filen är större än 20 MB.' }, 413);
      return;
    }
    next(err);
  });
  return router;
}

/**
 * The municipality whose ärende (or SKR onboarding) wrote the document, from its workflow's search attributes (the
 * server answers alone, no replay): "Stockholm (0180)". Undefined when the workflow is gone or has no municipality.
 */
async function municipalityOf(ctx: ServerContext, workflowId: string): Promise<string | undefined> {
  try {
    const kommunkod = (await ctx.client.workflow.getHandle(workflowId).describe()).typedSearchAttributes.get(KOMMUN);
    if (!kommunkod) return undefined;
    const name = ctx.kommunName(kommunkod);
    return name ? `${name} (${kommunkod})` : kommunkod;
  } catch {
    return undefined;
  }
}

/**
 * The content of one file field of a multipart/form-data body, or undefined. Deliberately small: one boundary,
 * the first part named `field`, no nesting, no streaming (the body is already bounded by the raw parser).
 */
export function singleFileField(body: Buffer, contentType: string, field: string): Buffer | undefined {
  const m = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const headersStart = at + delimiter.length;
    if (body.subarray(headersStart, headersStart + 2).toString() === '--') return undefined; // closing delimiter
    const headersEnd = body.indexOf('\r\n\r\n', headersStart);
    if (headersEnd < 0) return undefined;
    const headers = body.subarray(headersStart, headersEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd + 4);
    if (next < 0) return undefined;
    const disposition = /^content-disposition:\s*form-data;(.*)$/im.exec(headers)?.[1] ?? '';
    const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === field) return body.subarray(headersEnd + 4, next);
    at = next + 2;
  }
  return undefined;
}
