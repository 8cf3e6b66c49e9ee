import { z } from 'zod';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { jsonBody, pathRegistrar, type OpenApiHelpers } from '../openapi-helpers';
import { createMeetingSchema, MEETING_ACTION_SCHEMAS } from '../../domain/meeting/schemas';

/** The sammanträde's API (server/meetings/api.ts) in the OpenAPI document, from the schemas that validate it. */
export function registerMeetingPaths(registry: OpenAPIRegistry, h: OpenApiHelpers): void {
  const body = jsonBody;
  const id = z.object({ id: z.string().openapi({ example: 'sammantrade-0180-SN-2026-09-15', description: 'sammantrade-<kommunkod>-<organ>-<datum>' }) });
  const path = pathRegistrar(registry, h, [400, 401, 403, 404]);
  const steps = Object.entries(MEETING_ACTION_SCHEMAS).map(([a, s]) => h.component(`MeetingAction_${a}`, s as z.ZodType));

  path('post', '/api/sammantraden', 'Skapa ett organs sammanträde en dag (nämndsekreterare); 201, eller 200 när det finns', {
    request: { body: body(h.component('CreateMeeting', createMeetingSchema)) },
  });
  path('get', '/api/sammantraden', 'Kommunens sammanträden med status och passerade tidsgränser', {}, [401, 403]);
  path(
    'get',
    '/api/sammantraden/{id}',
    'Ett sammanträde: punkter, närvaro, justering, anslag, tidsgränser och tillåtna steg',
    { request: { params: id } },
    [401, 404],
  );
  path(
    'post',
    '/api/sammantraden/{id}/atgarder/{action}',
    'Ett steg i sammanträdet (domain/meeting/schemas.ts); justera och rejectJustering av ordföranden eller justeraren själv',
    {
      request: { params: id.extend({ action: z.enum(Object.keys(MEETING_ACTION_SCHEMAS) as [string, ...string[]]) }), body: body({ oneOf: steps }) },
    },
    [400, 401, 403, 404, 409],
  );
  path(
    'get',
    '/api/sammantraden/{id}/protokoll',
    'Protokollet som data: närvaro, paragrafer, omröstningar (varje ledamots röst), reservationer, justering',
    { request: { params: id } },
    [401, 404],
  );
  path(
    'get',
    '/api/sammantraden/{id}/dokument/{docId}',
    'En handling i sammanträdet (kallelse, protokoll, protokollsutdrag) som PDF',
    { request: { params: id.extend({ docId: z.string() }) } },
    [401, 404],
  );
  path(
    'get',
    '/api/sammantraden/{id}/dokument/{docId}/arkivexemplar',
    'Handlingens arkivexemplar (PDF/A-2b); det justerade protokollet med ordförandens och justerarens elektroniska underskrifter',
    { request: { params: id.extend({ docId: z.string() }) } },
    [401, 404],
  );
}
