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

/** Last middleware: ApiErrors become their 4xx; malformed JSON is a 400; anything else is logged and a 500. */
export function apiErrorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof ApiError) {
    res.status(err.status).json(errorBody(err));
    return;
  }
  const e = err as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.parse.failed') {
    res.status(400).json(errorBody(new ApiError(400, 'MALFORMED_JSON', 'Begärans innehåll är inte giltig JSON')));
    return;
  }
  if (e?.type === 'entity.too.large') {
    res.status(413).json(errorBody(new ApiError(413, 'BODY_TOO_LARGE', 'Begärans innehåll är för stort')));
    return;
  }
  console.error(err);
  res.status(500).json({ error: { code: 'INTERNAL', message: 'Ett internt fel inträffade', fields: [] } });
}
