/** What the parts of the OpenAPI document (server/openapi.ts, openapi-skr.ts, meetings/openapi.ts) share. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';

/** The helpers server/openapi.ts hands to each part. */
export interface OpenApiHelpers {
  component(name: string, schema: z.ZodType): { $ref: string };
  json(description: string, schema?: z.ZodType): unknown;
  errors(...codes: number[]): Record<number, unknown>;
  security: Array<Record<string, string[]>>;
}

/** A JSON request body from a schema or a component reference. */
export const jsonBody = (schema: z.ZodType | { $ref: string } | { oneOf: Array<{ $ref: string }> }) => ({
  content: { 'application/json': { schema: schema as z.ZodType } },
});

/** `path(method, p, summary, extra, codes)`: a route answering 200 with JSON, and the given error codes. */
export function pathRegistrar(registry: OpenAPIRegistry, h: OpenApiHelpers, defaultCodes: number[]) {
  return (method: 'get' | 'post', p: string, summary: string, extra: Record<string, unknown> = {}, codes = defaultCodes) =>
    registry.registerPath({
      method,
      path: p,
      summary,
      security: h.security,
      responses: { 200: h.json('Svaret') as never, ...(h.errors(...codes) as object) },
      ...extra,
    });
}
