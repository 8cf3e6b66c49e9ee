import { Router, type Request } from 'express';
import { stockholmDate } from '../../domain/iso-date';
import type { Registry } from '../../domain/municipalities';
import { programmeById } from '../programmes';
import { defaultStartDate } from '../../domain/onboarding-terms';
import { signedIn } from '../auth/middleware';
import type { ServerContext } from '../context';
import { ApiError, parseOr400 } from '../http-errors';
import { skrActor } from '../skr/actor';
import { bulkProgress, confirmBulk, startBulk } from '../skr/bulk';
import { currentModelFees, model2019Cost, model2019Tables } from '../skr/fees';
import { allowedActions, getOnboarding, listOf, overviewOf, performAction, requireKommun, rowsOf, stagesOf } from '../skr/onboarding';
import { resolveParticipants } from '../skr/participants';
import { ratesOf, setNationalRate } from '../skr/rates';
import { importPopulation, populationImports, registryNow } from '../skr/registry';
import { importConnections } from '../skr/connections';
import { connectionImports, importedConnections } from '../../clients/registry';
import {
  actionParamSchema,
  bulkBodySchema,
  currentFeesQuerySchema,
  listQuerySchema,
  model2019BodySchema,
  populationImportSchema,
  programParamSchema,
  setNationalRateSchema,
} from '../skr/schemas';

/**
 * SKR's JSON API (/api/skr/…): the national overview, the municipalities and their onboardings, bulk operations,
 * fees and the population import. Mounted behind `requireRole('skr_admin')` (see skrRouter in ./skr.ts).
 */
export function skrApiRouter(ctx: ServerContext, base: Registry): Router {
  const router = Router();
  const program = (req: Request) => parseOr400(programParamSchema, (req.query as Record<string, unknown>).program);

  router.get('/api/skr/oversikt', async (req, res) => {
    const p = program(req);
    const [registry, stages] = await Promise.all([registryNow(ctx, base), stagesOf(ctx, p)]);
    res.json({ program: p, ...overviewOf(registry, stages) });
  });

  router.get('/api/skr/kommuner', async (req, res) => {
    const q = parseOr400(listQuerySchema, req.query);
    const [registry, stages] = await Promise.all([registryNow(ctx, base), stagesOf(ctx, q.program)]);
    const kommuner = listOf(registry, stages, { lanskod: q.lan, status: q.status as never, namn: q.namn });
    res.json({ program: q.program, count: kommuner.length, kommuner });
  });

  router.get('/api/skr/kommuner/:kommunkod', async (req, res) => {
    const p = program(req);
    const registry = await registryNow(ctx, base);
    const m = requireKommun(registry, req.params.kommunkod);
    const state = await getOnboarding(ctx, m.kommunkod, p);
    const stages = new Map(state ? [[m.kommunkod, state.stage] as const] : []);
    res.json({ program: p, kommun: rowsOf(registry, stages, [m])[0], onboarding: state ?? null, allowedActions: allowedActions(state) });
  });

  router.post('/api/skr/kommuner/:kommunkod/atgarder/:action', async (req, res) => {
    const p = program(req);
    const action = parseOr400(actionParamSchema, req.params.action);
    const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
    const result = await performAction(ctx, await registryNow(ctx, base), req.params.kommunkod, p, action, body, signedIn(req));
    res.json(result);
  });

  router.get('/api/skr/kommuner/:kommunkod/dokument/:docId', async (req, res) => {
    const p = program(req);
    const state = await getOnboarding(ctx, requireKommun(base, req.params.kommunkod).kommunkod, p);
    const ref = state?.documents.find((d) => d.id === req.params.docId);
    if (!ref) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Dokumentet finns inte i anslutningen');
    const bytes = await ctx.store.getBytes(ref.sha256);
    if (!bytes) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Dokumentets fil saknas i dokumentlagret');
    res
      .type('application/pdf')
      .set('Content-Disposition', `inline; filename="${ref.type}-v${ref.version}.pdf"`)
      .set('ETag', `"${ref.sha256}"`)
      .send(Buffer.from(bytes));
  });

  /** The document's PDF/A-2b archive copy, made by the anslutning when the document is final (the signed agreement, a fee statement). */
  router.get('/api/skr/kommuner/:kommunkod/dokument/:docId/arkivexemplar', async (req, res) => {
    const p = program(req);
    const state = await getOnboarding(ctx, requireKommun(base, req.params.kommunkod).kommunkod, p);
    const ref = state?.documents.find((d) => d.id === req.params.docId);
    if (!ref) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Dokumentet finns inte i anslutningen');
    const sha256 = ref.archived?.sha256 ?? (await ctx.store.getRecord(ref.id))?.archival?.sha256;
    const bytes = sha256 ? await ctx.store.getBytes(sha256) : undefined;
    if (!sha256 || !bytes)
      throw new ApiError(404, 'ARCHIVE_COPY_NOT_FOUND', 'Dokumentet har inget arkivexemplar (PDF/A): det är inte slutligt eller inte skapat (ännu)');
    res
      .type('application/pdf')
      .set('Content-Disposition', `inline; filename="${ref.type}-v${ref.version}-arkivexemplar-pdfa.pdf"`)
      .set('ETag', `"${sha256}"`)
      .send(Buffer.from(bytes));
  });

  router.post('/api/skr/massatgarder', async (req, res) => {
    const body = parseOr400(bulkBodySchema, req.body);
    const filter = {
      ...(body.filter.lanskod ? { lanskod: body.filter.lanskod } : {}),
      ...(body.filter.kommunkoder ? { kommunkoder: body.filter.kommunkoder } : {}),
      ...(body.filter.status === 'ej_anslutna' ? { notConnected: true } : {}),
      ...(body.filter.status && body.filter.status !== 'ej_anslutna' && body.filter.status !== 'anslutna' ? { statuses: [body.filter.status as never] } : {}),
    };
    if (body.filter.status === 'anslutna') {
      throw new ApiError(400, 'VALIDATION_FAILED', 'Anslutna kommuner kan inte bjudas in', [
        { field: 'filter.status', rule: 'invalid', message: 'anslutna kommuner kan inte bjudas in' },
      ]);
    }
    const request = { requestId: body.requestId, program: body.program, filter, ...(body.message ? { message: body.message } : {}) };
    const confirmation = await confirmBulk(ctx, await registryNow(ctx, base), request, signedIn(req), body.confirmationToken);
    const started = await startBulk(ctx, request, skrActor(req), confirmation);
    res.status(202).location(`/api/skr/massatgarder/${started.id}`).json(started);
  });

  router.get('/api/skr/massatgarder/:id', async (req, res) => {
    res.json(await bulkProgress(ctx, req.params.id));
  });

  router.get('/api/skr/avgifter', async (req, res) => {
    const q = parseOr400(currentFeesQuerySchema, req.query);
    const start = q.start ?? defaultStartDate(stockholmDate(new Date()), programmeById(q.program).defaultStart);
    const [registry, rates] = await Promise.all([registryNow(ctx, base), ratesOf(ctx, q.program)]);
    res.json(currentModelFees(registry, { kommunkod: q.kommunkod, start, organisation: q.organisation, program: q.program }, rates.table));
  });

  // The national rate per fee year, with SKR's history; SKR sets a coming year's rate.
  router.get('/api/skr/taxor', async (req, res) => {
    res.json(await ratesOf(ctx, program(req)));
  });

  router.post('/api/skr/taxor', async (req, res) => {
    const body = parseOr400(setNationalRateSchema, req.body);
    res.json(await setNationalRate(ctx, body.program, body, skrActor(req)));
  });

  router.get('/api/skr/avgifter/2019', (_req, res) => {
    res.json(model2019Tables());
  });

  router.post('/api/skr/avgifter/2019', async (req, res) => {
    const body = parseOr400(model2019BodySchema, req.body);
    const [registry, stages] = await Promise.all([registryNow(ctx, base), stagesOf(ctx, body.program)]);
    const { kommunkoder, description } = resolveParticipants(registry, stages, body.participants);
    res.json(model2019Cost(registry, body.kommunkod, kommunkoder, description));
  });

  router.get('/api/skr/folkmangd', async (_req, res) => {
    const registry = await registryNow(ctx, base);
    res.json({
      imports: await populationImports(ctx),
      kommuner: registry.all().map((m) => ({ kommunkod: m.kommunkod, name: m.name, population: m.population, populationDate: m.populationDate })),
    });
  });

  router.post('/api/skr/folkmangd', async (req, res) => {
    const body = parseOr400(populationImportSchema, req.body);
    res.json(await importPopulation(ctx, base, body, skrActor(req)));
  });

  router.get('/api/skr/anslutningsstatus', async (req, res) => {
    const p = program(req);
    const [current, imports] = await Promise.all([importedConnections(ctx.client, p), connectionImports(ctx.client)]);
    res.json({ program: p, imports: imports.filter((i) => i.program === p), kommuner: [...current.values()] });
  });

  router.post('/api/skr/anslutningsstatus', async (req, res) => {
    res.json(await importConnections(ctx, base, req.body, skrActor(req)));
  });

  return router;
}
