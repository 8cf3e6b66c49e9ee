import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';

/** An error the API answers with a 4xx: a machine code, a Swedish message, and the fields it concerns. */
export class ApiError extends Error {
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
  return { error: { code: err.code, message: err.message, fields: err.fields } };
}

const PAGE_TITLES: Record<number, string> = {
  400: 'Felaktig begäran',
  401: 'Du måste logga in',
  403: 'Åtkomst nekad',
  404: 'Sidan finns inte',
  409: 'Kan inte utföras nu',
  413: 'För stort innehåll',
  429: 'För många försök',
  500: 'Ett fel inträffade',
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
  const e = err as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.parse.failed') return send(req, res, new ApiError(400, 'MALFORMED_JSON', 'Begärans innehåll är inte giltig JSON'));
  if (e?.type === 'entity.too.large') return send(req, res, new ApiError(413, 'BODY_TOO_LARGE', 'Begärans innehåll är för stort'));
  console.error(err);
  send(req, res, new ApiError(500, 'INTERNAL', 'Ett internt fel inträffade'));
}
