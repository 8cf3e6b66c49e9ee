import { z } from 'zod';
import { ONBOARDING_ACTION_SCHEMAS } from '../domain/onboarding-actions';
import {
  bulkBodySchema,
  currentFeesQuerySchema,
  listQuerySchema,
  model2019BodySchema,
  populationImportSchema,
  connectionImportSchema,
  setNationalRateSchema,
} from './skr/schemas';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { jsonBody, pathRegistrar, type OpenApiHelpers } from './openapi-helpers';

/**
 * SKR's API (server/routes/skr-api.ts, SKR administrators only) in the OpenAPI document, from the schemas its routes
 * validate with (server/skr/schemas.ts, domain/onboarding-actions.ts).
 */
export function registerSkrPaths(registry: OpenAPIRegistry, h: OpenApiHelpers): void {
  const body = jsonBody;
  const programQuery = z.object({ program: z.string().optional().openapi({ example: 'yrkesresan' }) });
  const kommun = z.object({ kommunkod: z.string().openapi({ example: '0180' }) });
  const path = pathRegistrar(registry, h, [400, 401, 403]);

  const actions = Object.entries(ONBOARDING_ACTION_SCHEMAS).map(([a, s]) => h.component(`OnboardingAction_${a}`, s as z.ZodType));
  path('get', '/api/skr/oversikt', 'Översikt: kommuner per status och län', { request: { query: programQuery } });
  path('get', '/api/skr/kommuner', 'Alla 290 kommuner med anslutningsstatus (filter: län, status, namn)', {
    request: { query: listQuerySchema as unknown as typeof programQuery },
  });
  path('get', '/api/skr/kommuner/{kommunkod}', 'En kommuns anslutning', { request: { params: kommun, query: programQuery } }, [401, 403, 404]);
  path(
    'post',
    '/api/skr/kommuner/{kommunkod}/atgarder/{action}',
    'En åtgärd i kommunens anslutning (kroppen följer OnboardingAction_<action>)',
    {
      request: {
        params: kommun.extend({ action: z.enum(Object.keys(ONBOARDING_ACTION_SCHEMAS) as [string, ...string[]]) }),
        query: programQuery,
        body: body({ oneOf: actions }),
      },
    },
    [400, 401, 403, 404, 409],
  );
  path(
    'get',
    '/api/skr/kommuner/{kommunkod}/dokument/{docId}',
    'Ett dokument i anslutningen (PDF)',
    { request: { params: kommun.extend({ docId: z.string() }) } },
    [401, 403, 404],
  );
  path(
    'get',
    '/api/skr/kommuner/{kommunkod}/dokument/{docId}/arkivexemplar',
    'Dokumentets arkivexemplar (PDF/A-2b), när dokumentet är slutligt; 404 ARCHIVE_COPY_NOT_FOUND annars',
    { request: { params: kommun.extend({ docId: z.string() }) } },
    [401, 403, 404],
  );
  path(
    'post',
    '/api/skr/massatgarder',
    'Starta en massåtgärd (t.ex. inbjudan till alla i ett län); 202 med id; hela landet måste bekräftas (428, confirmationToken)',
    { request: { body: body(h.component('SkrBulkBody', bulkBodySchema)) } },
    [400, 401, 403, 428],
  );
  path('get', '/api/skr/massatgarder/{id}', 'En massåtgärds förlopp', { request: { params: z.object({ id: z.string() }) } }, [401, 403, 404]);
  path('get', '/api/skr/avgifter', 'Avgifter enligt nuvarande modell för en kommun', {
    request: { query: currentFeesQuerySchema as unknown as typeof programQuery },
  });
  path('get', '/api/skr/avgifter/2019', '2019 års kostnadsmodell: tabellerna och modellens värden', {}, [401, 403]);
  path('post', '/api/skr/avgifter/2019', 'En kommuns årskostnad enligt 2019 års modell för en vald deltagarmängd', {
    request: { body: body(h.component('SkrModel2019Body', model2019BodySchema)) },
  });
  path('get', '/api/skr/folkmangd', 'Folkmängd per kommun och tidigare importer', {}, [401, 403]);
  path('post', '/api/skr/folkmangd', 'Importera folkmängd (CSV-text)', { request: { body: body(h.component('SkrPopulationImport', populationImportSchema)) } });
  path(
    'get',
    '/api/skr/anslutningsstatus',
    'Importerad anslutningsstatus per kommun och tidigare importer',
    { request: { query: programQuery } },
    [400, 401, 403],
  );
  path('post', '/api/skr/anslutningsstatus', 'Importera kommunernas anslutningsstatus (CSV-text: kommunkod,status,datum,kalla)', {
    request: { body: body(h.component('SkrConnectionImport', connectionImportSchema)) },
  });
  path('get', '/api/skr/taxor', 'Nationell taxa per avgiftsår (källa, beslutsdatum) och SKR:s historik', { request: { query: programQuery } }, [400, 401, 403]);
  path('post', '/api/skr/taxor', 'Fastställ den nationella taxan för ett kommande avgiftsår', {
    request: { body: body(h.component('SkrSetNationalRate', setNationalRateSchema)) },
  });
}
