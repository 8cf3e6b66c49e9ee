// Longer than 300 lines on purpose: the whole public API document in one place, built from the same schemas as the routes.
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { z } from 'zod';
import { ACTION_SCHEMAS } from '../domain/actions';
import { arendeListQuerySchema, registerArendeSchema } from '../domain/arende';
import { isoDateSchema } from '../domain/iso-date';
import { meetingPlanSchema } from '../domain/meetings';
import { ACTIONS, STAGES } from '../domain/stages';
import { ROLES } from './auth/principal';
import { registerSkrPaths } from './openapi-skr';
import { registerMeetingPaths } from './meetings/openapi';

/**
 * The OpenAPI document of /api, generated from the same zod schemas that validate the requests (one schema, one
 * source). Routers register their paths here at module load (`openApiRegistry.registerPath(...)`); the test
 * test/web/api.test.ts fails when an /api route of the Express app is missing from the document.
 */
extendZodWithOpenApi(z);

export const openApiRegistry = new OpenAPIRegistry();

openApiRegistry.registerComponent('securitySchemes', 'bearer', {
  type: 'http',
  scheme: 'bearer',
  description: 'API-nyckel för maskinklienter (config/users.json, lagrad som SHA-256)',
});
openApiRegistry.registerComponent('securitySchemes', 'session', {
  type: 'apiKey',
  in: 'cookie',
  name: 'bf_session',
  description: 'Inloggad session från /logga-in; ändrande anrop kräver också rubriken X-CSRF-Token',
});

export const fieldErrorSchema = openApiRegistry.register(
  'FieldError',
  z.object({
    field: z.string().openapi({ example: 'tjansteutlatande.date' }),
    rule: z.string().openapi({ example: 'invalid_format' }),
    message: z.string().openapi({ example: 'måste vara ett datum som finns, skrivet ÅÅÅÅ-MM-DD' }),
  }),
);

export const errorBodySchema = openApiRegistry.register(
  'Error',
  z.object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED', description: 'Maskinläsbar kod' }),
      message: z.string().openapi({ description: 'Svenskt meddelande' }),
      fields: z.array(fieldErrorSchema),
      holder: z
        .object({ id: z.string(), title: z.string().optional(), diarienummer: z.string(), href: z.string() })
        .optional()
        .openapi({ description: 'DIARIENUMMER_TAKEN: ärendet som har diarienumret' }),
    }),
  }),
);

/**
 * The domain's schemas are made before this module could extend zod (zod 4 copies methods at construction), so they
 * become components through zod's own JSON Schema output (what a client must send: io 'input') and are referenced.
 */
type ReferenceObject = { $ref: string };
type SchemaObject = Parameters<OpenAPIRegistry['registerComponent']>[2];

function component(name: string, schema: z.ZodType): ReferenceObject {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  openApiRegistry.registerComponent('schemas', name, json as SchemaObject);
  return { $ref: `#/components/schemas/${name}` };
}

const RegisterArende = component('RegisterArende', registerArendeSchema);
const actionSchemaRefs = ACTIONS.map((a) => component(`Action_${a}`, ACTION_SCHEMAS[a] as z.ZodType));
const MeetingPlan = component('MeetingPlan', meetingPlanSchema);

const jsonBody = (schema: z.ZodType | ReferenceObject | { oneOf: ReferenceObject[] }, description?: string) => ({
  content: { 'application/json': { schema: schema as z.ZodType } },
  ...(description ? { description } : {}),
});
const json = (description: string, schema: z.ZodType = z.object({}).passthrough()) => ({ description, content: { 'application/json': { schema } } });
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      c,
      json(
        {
          400: 'Fel i begäran: varje fält med regel och meddelande',
          401: 'Inte inloggad eller ogiltig API-nyckel',
          403: 'Rollen får inte göra detta',
          404: 'Finns inte (eller ligger utanför din kommun)',
          409: 'Åtgärden är inte tillåten i ärendets skede',
          413: 'Innehållet är för stort',
          415: 'Fel innehållstyp, teckenkodning (bara UTF-8) eller Content-Encoding (bara okomprimerat)',
          428: 'Ändringen måste bekräftas (CONFIRMATION_REQUIRED): error.confirmation har sammanfattningen och en token; skicka samma begäran igen med confirmationToken',
          429: 'För många försök',
        }[c] ?? 'Fel',
        errorBodySchema,
      ),
    ]),
  );
const idParam = z.object({ id: z.string().openapi({ example: 'arende-0f3c…', description: 'Ärendets id' }) });
const security: Array<Record<string, string[]>> = [{ bearer: [] }, { session: [] }];

function path(route: RouteConfig): void {
  openApiRegistry.registerPath({ security, ...route });
}

const arendeSummary = z.object({
  id: z.string(),
  kommunkod: z.string().optional(),
  namnd: z.string().optional(),
  diarienummer: z.string().optional(),
  title: z.string().optional(),
  stage: z.enum(STAGES).optional(),
  nextDeadline: z.string().optional(),
  overdue: z.boolean(),
});

path({
  method: 'post',
  path: '/api/arenden',
  summary: 'Registrera ett ärende (diarienummer tilldelas, tjänsteutlåtandet skapas som utkast)',
  request: { body: jsonBody(RegisterArende) },
  responses: {
    201: json('Registrerat', z.object({ id: z.string(), diarienummer: z.string() })),
    ...errors(400, 401, 403, 415),
    409: json(
      'Diarienumret är redan taget (DIARIENUMMER_TAKEN, med ärendet som har det) eller begärans id har använts för en annan registrering (REQUEST_ID_REUSED)',
      errorBodySchema,
    ),
  },
});
path({
  method: 'get',
  path: '/api/arenden',
  summary: 'Ärenden i din kommun (och dina nämnder), en sida i taget, senast registrerade först (pageSize, standard 50; nästa sida med pageToken)',
  request: {
    query: arendeListQuerySchema, // kommunkod: only SKR administrators see other municipalities
  },
  responses: {
    200: json(
      'En sida ärenden',
      z.object({
        arenden: z.array(arendeSummary),
        total: z.number().int().describe('Hur många ärenden som matchar filtret'),
        nextPageToken: z.string().optional().describe('Sidmarkör för nästa sida; saknas på sista sidan. Gäller bara samma filter.'),
      }),
    ),
    ...errors(400, 401),
  },
});
path({
  method: 'get',
  path: '/api/arenden/{id}',
  summary: 'Ärendets tillstånd: skede, historik, dokument, frister, planerade datum',
  request: { params: idParam },
  responses: { 200: json('Ärendet'), ...errors(401, 404) },
});
path({
  method: 'get',
  path: '/api/arenden/{id}/dokument/{docId}',
  summary: 'Ladda ned ett dokument (PDF)',
  request: { params: idParam.extend({ docId: z.string() }) },
  responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errors(401, 404) },
});
path({
  method: 'get',
  path: '/api/arenden/{id}/dokument/{docId}/arkivexemplar',
  summary: 'Ladda ned dokumentets arkivexemplar (PDF/A-2b), som görs när en version blir slutlig; 404 ARCHIVE_COPY_NOT_FOUND för ett utkast',
  request: { params: idParam.extend({ docId: z.string() }) },
  responses: { 200: { description: 'PDF/A-2b', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errors(401, 404) },
});
path({
  method: 'get',
  path: '/api/arenden/{id}/earkiv',
  summary: 'Ladda ned e-arkivpaketet (FGS 2.0: E-ARK SIP 2.1 med ERMS 2.1) för ett avslutat ärende, som zip; 409 ARENDE_NOT_CLOSED innan ärendet är avslutat',
  request: { params: idParam },
  responses: {
    200: {
      description: 'Zip med METS.xml, metadata/descriptive/erms.xml, representations/rep1 (PDF/A), schemas, documentation',
      content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errors(401, 404, 409),
  },
});
path({
  method: 'post',
  path: '/api/earkiv/exporter',
  summary: 'Starta en export till e-arkivet av alla ärenden i din kommun som avslutades ett år (nämndsekreterare); 202 med exportens id och förlopp',
  request: { body: { content: { 'application/json': { schema: z.object({ ar: z.number().int().min(2000).max(2200) }) } } } },
  responses: { 202: json('Exporten är startad'), ...errors(400, 401, 403) },
});
path({
  method: 'get',
  path: '/api/earkiv/exporter/{id}',
  summary: 'En exports förlopp: totalt, klara, exporterade, överhoppade med orsak; länk till zip-filen när den är klar',
  request: { params: z.object({ id: z.string() }) },
  responses: { 200: json('Förloppet'), ...errors(401, 404) },
});
path({
  method: 'get',
  path: '/api/earkiv/exporter/{id}/zip',
  summary: 'Den klara exporten: en zip med ett e-arkivpaket (FGS 2.0) per ärende och exportrapport.txt; 409 EXPORT_NOT_READY innan den är klar',
  request: { params: z.object({ id: z.string() }) },
  responses: { 200: { description: 'Zip', content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errors(401, 404, 409) },
});
path({
  method: 'post',
  path: '/api/arenden/{id}/atgarder/{action}',
  summary: 'Gör en åtgärd i ärendet; kroppen följer åtgärdens schema (Action_<action>). actor sätts av servern.',
  request: {
    params: idParam.extend({ action: z.enum(ACTIONS) }),
    body: jsonBody({ oneOf: actionSchemaRefs }, 'Samma requestId två gånger registreras en gång'),
  },
  responses: { 200: json('Åtgärden är registrerad'), ...errors(400, 401, 403, 404, 409) },
});
path({
  method: 'get',
  path: '/api/arenden/{id}/plan',
  summary: 'Planerade datum för återstående steg och om önskat startdatum nås',
  request: { params: idParam, query: z.object({ targetStart: isoDateSchema.optional() }) },
  responses: { 200: json('Planen'), ...errors(400, 401, 404) },
});
path({
  method: 'get',
  path: '/api/mig',
  summary: 'Den inloggade användaren (eller API-nyckelns användare)',
  responses: {
    200: json(
      'Användaren',
      z.object({ userId: z.string(), name: z.string(), role: z.enum(ROLES), kommunkod: z.string().optional(), namnder: z.array(z.string()).optional() }),
    ),
    ...errors(401),
  },
});
path({
  method: 'get',
  path: '/api/sammantradesplaner',
  summary: 'Organen i din kommun och om de har en egen sammanträdesplan',
  request: { query: z.object({ kommunkod: z.string().optional().openapi({ description: 'Bara SKR-administratörer' }) }) },
  responses: { 200: json('Organen'), ...errors(401) },
});
path({
  method: 'get',
  path: '/api/sammantradesplaner/{organ}',
  summary: 'Ett organs sammanträdesplan (sparad eller standard) med ärendena på varje sammanträde',
  request: { params: z.object({ organ: z.string() }), query: z.object({ kommunkod: z.string().optional() }) },
  responses: { 200: json('Planen'), ...errors(401, 404) },
});
path({
  method: 'put',
  path: '/api/sammantradesplaner/{organ}',
  summary: 'Ersätt ett organs sammanträdesplan (nämndsekreterare); en ändring som planerar om ärenden måste bekräftas (confirmationToken)',
  request: { params: z.object({ organ: z.string() }), body: jsonBody(MeetingPlan) },
  responses: { 200: json('Sparad'), ...errors(400, 401, 403, 428) },
});
path({
  method: 'get',
  path: '/api/sammantradesplaner/{organ}/{date}/foredragningslista',
  summary: 'Föredragningslistan för ett sammanträde (PDF)',
  request: { params: z.object({ organ: z.string(), date: isoDateSchema }) },
  responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errors(401, 404) },
});
path({
  method: 'get',
  path: '/api/planering',
  summary: 'Senaste datum för varje steg för ett önskat startdatum, och om det går att nå',
  request: {
    query: z.object({ targetStart: isoDateSchema, namnd: z.string().optional(), kfRequired: z.enum(['true', 'false']).optional() }),
  },
  responses: { 200: json('Planen'), ...errors(400, 401) },
});
openApiRegistry.registerPath({
  method: 'post',
  path: '/api/verifiera',
  summary: 'Är den här PDF:en en äkta handling ur registret? (öppen, ingen inloggning)',
  request: { body: { content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } } },
  responses: { 200: json('Svaret'), ...errors(400, 429) },
});
openApiRegistry.registerPath({
  method: 'get',
  path: '/api/openapi.json',
  summary: 'Det här dokumentet',
  responses: { 200: json('OpenAPI 3.1') },
});

registerSkrPaths(openApiRegistry, { component, json, errors, security });
registerMeetingPaths(openApiRegistry, { component, json, errors, security });

let cached: unknown;

export function openApiDocument(): unknown {
  cached ??= new OpenApiGeneratorV31(openApiRegistry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Beslutsflöde',
      version: '0.1.0',
      description:
        'Ärenden om anslutning till SKR:s program, från utkast till avtal. Fel: 4xx med { error: { code, message, fields: [{ field, rule, message }] } }.',
    },
    servers: [{ url: '/' }],
  });
  return cached;
}

export function openApiRouter(): Router {
  const router = Router();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  return router;
}
