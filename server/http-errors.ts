import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { isTemporalUnavailable } from '../runtime/temporal-errors';

/** An error the API answers with a 4xx: a machine code, a Swedish message, and the fields it concerns. */
export class ApiError extends Error {
  /** More about the refusal, in the body beside code and message (e.g. the ärende holding a diarienummer). */
  details?: Record<string, unknown>;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    rule: issue.code === 'custom' ? 'invalid' : issue.code,
    message: issue.message,
  }));
}

export function validationError(fields: FieldError[]): ApiError {
  const names = [...new Set(fields.map((f) => f.field))].join(', ');
  return new ApiError(400, 'VALIDATION_FAILED', `Begäran innehåller fel i: ${names}`, fields);
}

/** Parses with a zod schema or throws a 400 that names every bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(fieldErrorsFromZod(result.error));
  return result.data;
}

export function errorBody(err: ApiError) {
  return { error: { code: err.code, message: err.message, fields: err.fields, ...(err.details ? err.details : {}) } };
}

const PAGE_TITLES: Record<number, string> = {
  400: 'Felaktig begäran',
  401: 'Du måste logga in',
  403: 'Åtkomst nekad',
  404: 'Sidan finns inte',
  409: 'Kan inte utföras nu',
  413: 'För stort innehåll',
  415: 'Fel sorts innehåll',
  429: 'För många försök',
  500: 'Ett fel inträffade',
  503: 'Tillfälligt otillgängligt',
};

/** Pages get a Swedish HTML page; the API gets the JSON body. Set by server/app.ts (avoids a cycle with views). */
let renderErrorPage: ((res: Response, status: number, title: string, message: string) => void) | undefined;
export function setErrorPageRenderer(fn: typeof renderErrorPage): void {
  renderErrorPage = fn;
}

function send(req: Request, res: Response, err: ApiError): void {
  if (res.headersSent) return;
  if (renderErrorPage && !req.path.startsWith('/api/') && req.accepts(['html', 'json']) === 'html') {
    renderErrorPage(res, err.status, PAGE_TITLES[err.status] ?? 'Fel', err.message);
    return;
  }
  res.status(err.status).json(errorBody(err));
}

/** After every router: nothing matched. */
export function notFoundHandler(req: Request, res: Response): void {
  send(req, res, new ApiError(404, 'NOT_FOUND', 'Det finns ingen sida eller resurs på den adressen'));
}

/** Last middleware: ApiErrors become their 4xx; malformed JSON is a 400; anything else is logged and a 500. */
export function apiErrorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof ApiError) return send(req, res, err);
  const refused = bodyParserError(err);
  if (refused) return send(req, res, refused);
  if (isTemporalUnavailable(err)) {
    // Temporal (or its database) is away for a moment: nothing was decided; the same request again is safe
    // (request ids make a repeated registration or decision count once). Retry-After tells clients when.
    if (!res.headersSent) res.setHeader('Retry-After', '5');
    return send(
      req,
      res,
      new ApiError(503, 'TEMPORAL_UNAVAILABLE', 'Tjänsten är tillfälligt otillgänglig. Försök igen om en stund; samma begäran räknas bara en gång.'),
    );
  }
  console.error(err);
  send(req, res, new ApiError(500, 'INTERNAL', 'Ett internt fel inträffade'));
}

/**
 * The errors of the body parsers (body-parser, raw-body), by their `type`, as the 4xx they are: a body that cannot be
 * read is the client's error and never a 500 (issue 10 p. 12). Undefined for anything else.
 */
export function bodyParserError(err: unknown): ApiError | undefined {
  const e = err as { type?: unknown; status?: unknown; charset?: unknown } | null;
  if (!e || typeof e.type !== 'string') return undefined;
  const body = (rule: string, message: string) => [{ field: '(body)', rule, message }];
  const header = (field: string, rule: string, message: string) => [{ field, rule, message }];
  switch (e.type) {
    case 'entity.parse.failed':
      return new ApiError(400, 'MALFORMED_JSON', 'Begärans innehåll är inte giltig JSON', body('json', 'är inte giltig JSON'));
    case 'encoding.invalid':
      return new ApiError(400, 'MALFORMED_BODY_ENCODING', 'Begärans innehåll är inte giltig UTF-8', body('utf8', 'innehåller byte som inte är UTF-8'));
    case 'entity.too.large':
      return new ApiError(413, 'BODY_TOO_LARGE', 'Begärans innehåll är för stort', body('size', 'är för stort'));
    case 'parameters.too.many':
      return new ApiError(413, 'BODY_TOO_LARGE', 'Formuläret har för många fält', body('size', 'har för många fält'));
    case 'charset.unsupported':
      return new ApiError(
        415,
        'UNSUPPORTED_CHARSET',
        'Begärans innehåll ska vara kodat i UTF-8',
        header('Content-Type', 'charset', 'teckenkodningen (charset) ska vara utf-8'),
      );
    case 'encoding.unsupported':
      return new ApiError(
        415,
        'UNSUPPORTED_CONTENT_ENCODING',
        'Begärans innehåll får inte vara kodat; skicka det okomprimerat',
        header('Content-Encoding', 'identity', 'ska utelämnas eller vara identity'),
      );
    case 'request.size.invalid':
      return new ApiError(
        400,
        'MALFORMED_BODY',
        'Begärans längd stämmer inte med Content-Length',
        header('Content-Length', 'length', 'stämmer inte med innehållet'),
      );
    case 'request.aborted':
      return new ApiError(400, 'MALFORMED_BODY', 'Begäran avbröts innan hela innehållet kom fram', body('aborted', 'kom inte fram'));
    default: {
      const status = typeof e.status === 'number' ? e.status : 500;
      return status >= 400 && status < 500
        ? new ApiError(400, 'MALFORMED_BODY', 'Begärans innehåll kan inte läsas', body('unreadable', 'kan inte läsas'))
        : undefined;
    }
  }
}
