// Longer than 300 lines on purpose: SKR's pages share one set of view helpers; split by page when it grows further.
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { stockholmDate } from '../../domain/iso-date';
import { formatKronor } from '../../domain/money';
import type { Registry } from '../../domain/municipalities';
import { ONBOARDING_ACTION_LABELS, ONBOARDING_STAGE_LABELS, ONBOARDING_STATUSES, type OnboardingAction } from '../../domain/onboarding-stages';
import { DEFAULT_PROGRAM, defaultStartDate } from '../../domain/onboarding-terms';
import { configuredProgrammes, programmeById } from '../programmes';
import { loadMunicipalityRegistry } from '../../runtime/reference-data';
import { requireRole, signedIn } from '../auth/middleware';
import type { ServerContext } from '../context';
import { ApiError, parseOr400 } from '../http-errors';
import { skrActor } from '../skr/actor';
import { bulkProgress, confirmBulk, recentBulks, startBulk } from '../skr/bulk';
import { confirmationTokenOf } from '../confirmation';
import { isConfirmationRequired, renderConfirmation } from '../confirmation-page';
import { connectedShareChart } from '../skr/chart';
import { currentModelFees, model2019Cost, model2019Tables } from '../skr/fees';
import { formField, formToAction } from '../skr/forms';
import { allowedActions, getOnboarding, listOf, overviewOf, performAction, requireKommun, stagesOf } from '../skr/onboarding';
import { resolveParticipants } from '../skr/participants';
import { ratesOf, setNationalRate } from '../skr/rates';
import { importPopulation, populationImports, registryNow } from '../skr/registry';
import { importConnections } from '../skr/connections';
import { connectionImports, importedConnections } from '../../clients/registry';
import { actionParamSchema, currentFeesQuerySchema, listQuerySchema, participantsSchema, setNationalRateSchema, programParamSchema } from '../skr/schemas';
import { renderPage } from '../views';
import { skrApiRouter } from './skr-api';

/**
 * SKR's national dashboard and API. Everything under /skr and /api/skr is for SKR administrators only: the guard
 * below is the one line that says so (a municipality user gets 403).
 */
export function skrRouter(ctx: ServerContext, base: Registry = loadMunicipalityRegistry()): Router {
  const router = Router();
  router.use(['/skr', '/api/skr'], requireRole('skr_admin'));
  router.use(skrApiRouter(ctx, base));
  router.use(skrPagesRouter(ctx, base));
  return router;
}

const program = DEFAULT_PROGRAM;

/**
 * The overview and a municipality's page follow `?program=<id>` (a configured programme; default the default
 * programme, whose URLs stay as they were). The other SKR pages show the default programme (docs/programmes.md).
 */
function pageProgram(req: Request): { id: string; query: string; amp: string } {
  const id = parseOr400(programParamSchema, (req.query as Record<string, unknown>).program);
  const tail = id === DEFAULT_PROGRAM ? '' : `program=${encodeURIComponent(id)}`;
  return { id, query: tail ? `?${tail}` : '', amp: tail ? `&${tail}` : '' };
}

function programmeOptions(selected: string) {
  const all = configuredProgrammes().all;
  return all.length > 1 ? all.map((p) => ({ value: p.id, label: p.name, selected: p.id === selected })) : undefined;
}

function lanOptions(registry: Registry, selected?: string) {
  return registry.lans().map((l) => ({ value: l.lanskod, label: `${l.lan} (${l.lanskod})`, selected: l.lanskod === selected }));
}

function statusOptions(selected?: string) {
  return [
    { value: 'ej_anslutna', label: 'Ej anslutna', selected: selected === 'ej_anslutna' },
    { value: 'anslutna', label: 'Anslutna', selected: selected === 'anslutna' },
    ...ONBOARDING_STATUSES.map((s) => ({ value: s, label: ONBOARDING_STAGE_LABELS[s], selected: s === selected })),
  ];
}

function fieldErrorsOf(err: unknown, mapField: (f: string) => { name: string; label: string } = (f) => ({ name: f, label: f })) {
  if (!(err instanceof ApiError) || err.status >= 500) throw err;
  const fields = err.fields.length > 0 ? err.fields : [{ field: '', rule: err.code, message: err.message }];
  return {
    status: err.status,
    errors: fields.map((f) => {
      const m = f.field ? mapField(f.field) : undefined;
      return { label: m?.label ?? '', message: f.message, ...(m ? { href: `#${m.name}` } : {}), name: m?.name };
    }),
  };
}

function skrPagesRouter(ctx: ServerContext, base: Registry): Router {
  const router = Router();

  router.get('/skr', async (req, res) => {
    const parsed = listQuerySchema.safeParse(req.query);
    const chosen = pageProgram(req);
    const q = parsed.success ? parsed.data : { program: chosen.id, lan: undefined, status: undefined, namn: undefined };
    const [registry, stages] = await Promise.all([registryNow(ctx, base), stagesOf(ctx, chosen.id)]);
    const overview = overviewOf(registry, stages);
    const rows = listOf(registry, stages, { lanskod: q.lan, status: q.status as never, namn: q.namn });
    renderPage(res, 'skr-oversikt', {
      title: chosen.id === DEFAULT_PROGRAM ? 'SKR: nationell översikt' : `SKR: nationell översikt, ${programmeById(chosen.id).name}`,
      nav: 'skr',
      programQuery: chosen.query,
      programAmp: chosen.amp,
      overview,
      chart: connectedShareChart(overview.byLan),
      rows: rows.map((r) => ({ ...r, populationText: r.population.toLocaleString('sv-SE') })),
      filter: {
        namn: q.namn ?? '',
        lanOptions: lanOptions(registry, q.lan),
        statusOptions: statusOptions(q.status),
        programOptions: programmeOptions(chosen.id),
      },
      filterInvalid: !parsed.success,
      filtered: Boolean(q.lan || q.status || q.namn),
    });
  });

  const municipalityPage = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const registry = await registryNow(ctx, base);
    const m = requireKommun(registry, String(req.params.kommunkod));
    const chosen = pageProgram(req);
    const state = await getOnboarding(ctx, m.kommunkod, chosen.id);
    const actions = allowedActions(state).map((a) => ({ ...a, [a.action]: true, open: extra.openAction === a.action }));
    renderPage(
      res,
      'skr-kommun',
      {
        title: `${m.name}: anslutning till ${programmeById(chosen.id).name}`,
        nav: 'skr',
        programQuery: chosen.query,
        kommun: { ...m, rss: m.rss?.name, populationText: m.population.toLocaleString('sv-SE') },
        state,
        stageLabel: state ? ONBOARDING_STAGE_LABELS[state.stage] : ONBOARDING_STAGE_LABELS.ej_inbjuden,
        timeline: [...(state?.timeline ?? [])].reverse().map((t) => ({ ...t, date: t.at.slice(0, 10) })),
        documents: (state?.documents ?? []).map((d) => ({
          ...d,
          href: `/api/skr/kommuner/${m.kommunkod}/dokument/${d.id}${chosen.query}`,
          ...(d.archived ? { archiveHref: `/api/skr/kommuner/${m.kommunkod}/dokument/${d.id}/arkivexemplar${chosen.query}` } : {}),
        })),
        feeStatements: (state?.feeStatements ?? []).map((f) => ({ ...f, total: formatKronor(f.totalOre) })),
        agreement: state?.agreement && {
          ...state.agreement,
          signedKommun: state.agreement.signatures.kommun && { ...state.agreement.signatures.kommun, date: state.agreement.signatures.kommun.at.slice(0, 10) },
          signedSkr: state.agreement.signatures.skr && { ...state.agreement.signatures.skr, date: state.agreement.signatures.skr.at.slice(0, 10) },
        },
        actions,
        today: stockholmDate(new Date()),
        formId: 'atgard',
        ...extra,
      },
      status,
    );
  };

  router.get('/skr/kommuner/:kommunkod', (req, res) => municipalityPage(req, res));

  router.post('/skr/kommuner/:kommunkod/atgarder/:action', async (req, res) => {
    const action = parseOr400(actionParamSchema, req.params.action) as OnboardingAction;
    const registry = await registryNow(ctx, base);
    try {
      await performAction(ctx, registry, String(req.params.kommunkod), pageProgram(req).id, action, formToAction(action, req.body ?? {}), signedIn(req));
    } catch (err) {
      const { status, errors } = fieldErrorsOf(err, formField);
      return municipalityPage(req, res, { errors, openAction: action, actionLabel: ONBOARDING_ACTION_LABELS[action], values: req.body }, status);
    }
    res.redirect(303, `/skr/kommuner/${req.params.kommunkod}${pageProgram(req).query}`);
  });

  router.get('/skr/massatgarder', async (req, res) => {
    const registry = await registryNow(ctx, base);
    renderPage(res, 'skr-massatgard', {
      title: 'SKR: massåtgärder',
      nav: 'skr',
      lanOptions: lanOptions(registry, String(req.query.lan ?? '')),
      recent: await recentBulks(ctx),
    });
  });

  router.post('/skr/massatgarder', async (req, res) => {
    const form = (req.body ?? {}) as Record<string, string>;
    const registry = await registryNow(ctx, base);
    if (form.lan && !registry.lans().some((l) => l.lanskod === form.lan)) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'Länet finns inte', [{ field: 'lan', rule: 'invalid', message: 'länet finns inte' }]);
    }
    // The request id is made at the first post and carried through the confirmation: confirming twice is one operation.
    const request = {
      requestId: /^[A-Za-z0-9_-]{8,64}$/.test(form.requestId ?? '') ? form.requestId : randomUUID(),
      program,
      filter: { ...(form.lan ? { lanskod: form.lan } : {}), notConnected: true },
      ...(form.message?.trim() ? { message: form.message.trim().slice(0, 2000) } : {}),
    };
    let confirmation: Awaited<ReturnType<typeof confirmBulk>>;
    try {
      confirmation = await confirmBulk(ctx, registry, request, signedIn(req), confirmationTokenOf(form));
    } catch (err) {
      if (!isConfirmationRequired(err)) throw err;
      return renderConfirmation(res, err, {
        title: 'SKR: bekräfta massåtgärd',
        heading: 'Bekräfta inbjudan till hela landet',
        nav: 'skr',
        action: '/skr/massatgarder',
        cancelHref: '/skr/massatgarder',
        fields: { lan: form.lan ?? '', message: request.message ?? '', requestId: request.requestId },
      });
    }
    const started = await startBulk(ctx, request, skrActor(req), confirmation);
    res.redirect(303, `/skr/massatgarder/${started.id}`);
  });

  router.get('/skr/massatgarder/:id', async (req, res) => {
    const progress = await bulkProgress(ctx, req.params.id);
    const running = progress.status !== 'klar';
    // While it runs the page reloads itself every two seconds (no script); the numbers are in a live region.
    if (running) res.set('Refresh', '2');
    const lan = progress.filter.lanskod ? base.byLan(progress.filter.lanskod)[0]?.lan : undefined;
    renderPage(res, 'skr-massatgard-status', {
      title: 'SKR: massåtgärd',
      nav: 'skr',
      progress,
      running,
      lan,
      percent: progress.total === 0 ? 100 : Math.floor((100 * progress.done) / progress.total),
      errors: progress.errors.map((e) => ({ ...e, name: base.byKode(e.kommunkod)?.name })),
    });
  });

  const feesPage = async (req: Request, res: Response, extra: Record<string, unknown> = {}, pageStatus = 200) => {
    const [registry, rates] = await Promise.all([registryNow(ctx, base), ratesOf(ctx, program)]);
    const q = req.method === 'GET' ? (req.query as Record<string, string | undefined>) : {};
    let current: ReturnType<typeof currentModelFees> | undefined;
    let cost2019: ReturnType<typeof model2019Cost> | undefined;
    let currentErrors: unknown[] = [];
    let errors2019: unknown[] = [];
    let status = pageStatus;
    if (q.kommunkod) {
      try {
        const input = parseOr400(currentFeesQuerySchema, { ...q, program });
        const start = input.start ?? defaultStartDate(stockholmDate(new Date()), programmeById(program).defaultStart);
        current = currentModelFees(registry, { kommunkod: input.kommunkod, start, organisation: input.organisation, program }, rates.table);
      } catch (err) {
        const r = fieldErrorsOf(err);
        status = r.status;
        currentErrors = r.errors;
      }
    }
    if (q.kommun2019) {
      try {
        const participants = parseOr400(participantsSchema, {
          kind: q.deltagare ?? 'alla',
          ...(q.deltagare === 'lan' ? { lanskod: q.deltagareLan } : {}),
          ...(q.deltagare === 'kommuner' ? { kommunkoder: (q.deltagareKoder ?? '').split(/[\s,;]+/).filter(Boolean) } : {}),
        });
        const stages = await stagesOf(ctx, program);
        const { kommunkoder, description } = resolveParticipants(registry, stages, participants);
        cost2019 = model2019Cost(registry, q.kommun2019, kommunkoder, description);
      } catch (err) {
        const r = fieldErrorsOf(err);
        status = r.status;
        errors2019 = r.errors;
      }
    }
    const kommunOptions = (selected?: string) =>
      registry.all().map((m) => ({ value: m.kommunkod, label: `${m.name} (${m.kommunkod})`, selected: m.kommunkod === selected }));
    const tables = model2019Tables();
    renderPage(
      res,
      'skr-avgifter',
      {
        title: 'SKR: avgifter',
        nav: 'skr',
        current,
        currentErrors,
        cost2019,
        errors2019,
        values: q,
        kommunOptions: kommunOptions(q.kommunkod),
        kommunOptions2019: kommunOptions(q.kommun2019),
        lanOptions: lanOptions(registry, q.deltagareLan),
        organisationEgen: q.organisation === 'egen',
        deltagare: { [q.deltagare ?? 'alla']: true },
        assumptions: {
          ...tables.assumptions,
          totalCost: formatKronor(tables.assumptions.totalCostOre),
          population: tables.assumptions.nationalPopulation.toLocaleString('sv-SE'),
        },
        rows2019: tables.tables[290].map((r, i) => ({ r290: r, r145: tables.tables[145][i] })),
        rates: { ...rates, history: [...rates.history].reverse() },
        nextYear: Number(stockholmDate(new Date()).slice(0, 4)) + 1,
        ...extra,
      },
      status,
    );
  };

  router.get('/skr/avgifter', (req, res) => feesPage(req, res));

  // SKR sets a coming fee year's national rate (the form on the fees page; the API is POST /api/skr/taxor).
  router.post('/skr/avgifter/taxor', async (req, res) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const labels: Record<string, string> = { year: 'Avgiftsår', rate: 'Taxa', source: 'Källa', setOn: 'Beslutsdatum' };
    try {
      const body = parseOr400(setNationalRateSchema, { ...form, program });
      await setNationalRate(ctx, program, body, skrActor(req));
    } catch (err) {
      const { status, errors } = fieldErrorsOf(err, (f) => ({ name: `taxa-${f}`, label: labels[f] ?? f }));
      return feesPage(req, res, { rateErrors: errors, rateValues: form }, status);
    }
    res.redirect(303, '/skr/avgifter#taxor');
  });

  const populationPage = async (res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    renderPage(
      res,
      'skr-folkmangd',
      { title: 'SKR: folkmängd', nav: 'skr', formId: 'folkmangd', imports: [...(await populationImports(ctx))].reverse(), ...extra },
      status,
    );
  };

  router.get('/skr/folkmangd', (_req, res) => populationPage(res));

  router.post('/skr/folkmangd', async (req, res) => {
    const form = (req.body ?? {}) as Record<string, string>;
    try {
      const result = await importPopulation(ctx, base, { csv: form.csv ?? '', ...(form.source?.trim() ? { source: form.source } : {}) }, skrActor(req));
      await populationPage(res, { applied: result.updates.map((u) => ({ ...u, populationText: u.population.toLocaleString('sv-SE') })) });
    } catch (err) {
      const { status, errors } = fieldErrorsOf(err, (f) => ({ name: 'csv', label: f }));
      await populationPage(res, { errors, csv: form.csv, source: form.source }, status);
    }
  });

  const connectionPage = async (res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const [imports, current] = await Promise.all([connectionImports(ctx.client), importedConnections(ctx.client, program)]);
    const connected = [...current.values()].filter((c) => c.status === 'ansluten').length;
    renderPage(
      res,
      'skr-anslutningsstatus',
      {
        title: 'SKR: importera anslutningsstatus',
        nav: 'skr',
        formId: 'anslutningsstatus',
        programme: programmeById(program).name,
        current: { total: current.size, connected },
        imports: [...imports].reverse().map((i) => ({ ...i, date: i.at.slice(0, 10) })),
        ...extra,
      },
      status,
    );
  };

  router.get('/skr/anslutningsstatus', (_req, res) => connectionPage(res));

  router.post('/skr/anslutningsstatus', async (req, res) => {
    const form = (req.body ?? {}) as Record<string, string>;
    try {
      const result = await importConnections(ctx, base, { csv: form.csv ?? '', program }, skrActor(req));
      await connectionPage(res, { applied: { count: result.import.count, connected: result.import.connected } });
    } catch (err) {
      const { status, errors } = fieldErrorsOf(err, (f) => ({ name: 'csv', label: f }));
      await connectionPage(res, { errors, csv: form.csv }, status);
    }
  });

  return router;
}
