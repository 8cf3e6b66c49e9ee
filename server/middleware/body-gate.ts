import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../http-errors';
import { MULTIPART_PATHS } from '../auth/middleware';

/**
 * The door for request bodies (issue 10 p. 12): a request that is not well-formed is refused with a 4xx before anything
 * reads it, so that nothing changes and nothing answers 5xx.
 * - A body is never compressed: any Content-Encoding but identity is a 415 (the API and the forms take plain bodies).
 * - The API takes JSON in UTF-8 (RFC 8259 §8.1), the pages their forms (application/x-www-form-urlencoded) or the same
 *   fields as a JSON object of strings (formFieldsOnce): another media type or charset is a 415 naming Content-Type.
 *   A body is never ignored.
 * - The bytes of a JSON body must be valid UTF-8 (utf8Verify, given to express.json): a Latin-1 "Å" sent as UTF-8 would
 *   otherwise be read as U+FFFD and printed so.
 * POST /api/verifiera and /verifiera (the PDF upload) are routed before this and parse their own bodies.
 */
export function bodyGate(req: Request, _res: Response, next: NextFunction): void {
  if (!hasContent(req)) return next();
  const encoding = String(req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding !== 'identity') {
    throw new ApiError(
      415,
      'UNSUPPORTED_CONTENT_ENCODING',
      `Begärans innehåll får inte vara kodat (Content-Encoding: ${encoding.slice(0, 40)}); skicka det okomprimerat`,
      [{ field: 'Content-Encoding', rule: 'identity', message: 'ska utelämnas eller vara identity' }],
    );
  }
  const api = req.path.startsWith('/api/');
  const upload = MULTIPART_PATHS.some((p) => p.test(req.path)); // file uploads: multipart, read by their route
  const allowed = upload ? ['multipart/form-data'] : api ? ['application/json'] : ['application/x-www-form-urlencoded', 'application/json'];
  const parsed = parseContentType(req.headers['content-type']);
  if (!parsed) throw mediaTypeError(allowed, 'saknas eller är ogiltig');
  if (!allowed.includes(parsed.type)) throw mediaTypeError(allowed, `${parsed.type.slice(0, 60)} tas inte emot här`);
  const charset = parsed.parameters.charset?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError(415, 'UNSUPPORTED_CHARSET', `Begärans innehåll ska vara kodat i UTF-8, inte ${charset.slice(0, 40)}`, [
      { field: 'Content-Type', rule: 'charset', message: 'teckenkodningen (charset) ska vara utf-8' },
    ]);
  }
  next();
}

function mediaTypeError(allowed: string[], what: string): ApiError {
  return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `Begärans innehåll ska skickas som ${allowed.join(' eller ')}`, [
    { field: 'Content-Type', rule: 'media_type', message: `${what}; ska vara ${allowed.join(' eller ')}` },
  ]);
}

/** A request with a body of at least one byte (a POST with Content-Length: 0 has none). */
function hasContent(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length.trim() !== '0';
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** "application/json; charset=UTF-8" → { type: 'application/json', parameters: { charset: 'UTF-8' } }; undefined if malformed (RFC 9110 §8.3). */
export function parseContentType(header: string | undefined): { type: string; parameters: Record<string, string> } | undefined {
  if (!header) return undefined;
  const [mediaType, ...params] = header.split(';');
  const type = mediaType.trim().toLowerCase();
  const [main, sub, ...more] = type.split('/');
  if (!main || !sub || more.length > 0 || !TOKEN.test(main) || !TOKEN.test(sub)) return undefined;
  const parameters: Record<string, string> = {};
  for (const param of params) {
    if (param.trim() === '') continue;
    const eq = param.indexOf('=');
    if (eq < 0) return undefined;
    const key = param.slice(0, eq).trim().toLowerCase();
    let value = param.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (!TOKEN.test(key) || key in parameters) return undefined;
    parameters[key] = value;
  }
  return { type, parameters };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** express.json's verify: the body's bytes must be UTF-8 (a 400, MALFORMED_BODY_ENCODING). */
export function utf8Verify(_req: unknown, _res: unknown, buf: Buffer): void {
  try {
    UTF8.decode(buf);
  } catch {
    throw Object.assign(new Error('invalid UTF-8'), { status: 400, type: 'encoding.invalid' });
  }
}

/**
 * After the parsers: every API request that changes something (POST, PUT, PATCH) carries one JSON object. Without
 * this, an array or a body in another type would reach the routes as "no fields" and the action would be performed.
 */
export function apiBodyIsObject(req: Request, _res: Response, next: NextFunction): void {
  if (!req.path.startsWith('/api/') || !['POST', 'PUT', 'PATCH'].includes(req.method)) return next();
  if (MULTIPART_PATHS.some((p) => p.test(req.path))) return next(); // an upload: its route reads the body
  const body: unknown = req.body;
  if (body === undefined) {
    throw new ApiError(400, 'BODY_REQUIRED', 'Begäran saknar innehåll; skicka ett JSON-objekt (Content-Type: application/json)', [
      { field: '(body)', rule: 'required', message: 'ska vara ett JSON-objekt' },
    ]);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'BODY_NOT_OBJECT', `Begärans innehåll ska vara ett JSON-objekt, inte ${Array.isArray(body) ? 'en lista' : 'ett enskilt värde'}`, [
      { field: '(body)', rule: 'object', message: 'ska vara ett JSON-objekt' },
    ]);
  }
  next();
}

/**
 * After the parsers: a page's form has one string per field. A field sent twice (a list after parsing a form), or a
 * JSON body whose values are not all strings, is refused, 400 naming the fields: the pages' handlers read strings,
 * and anything else would be ignored (the action performed without it) or break them (a 500).
 */
export function formFieldsOnce(req: Request, _res: Response, next: NextFunction): void {
  if (req.path.startsWith('/api/') || req.body === undefined) return next();
  if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
    throw new ApiError(400, 'MALFORMED_FORM', 'Formulärets innehåll ska vara fält med text', [
      { field: '(body)', rule: 'form', message: 'ska vara fält med text' },
    ]);
  }
  const repeated = Object.entries(req.body as Record<string, unknown>)
    .filter(([, v]) => typeof v !== 'string')
    .map(([k]) => k.slice(0, 60));
  if (repeated.length > 0) {
    throw new ApiError(
      400,
      'MALFORMED_FORM',
      `Formuläret har fält som skickades mer än en gång eller inte är text: ${repeated.join(', ')}`,
      repeated.map((field) => ({ field, rule: 'once', message: 'ska skickas en gång, som text' })),
    );
  }
  next();
}
