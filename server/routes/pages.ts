import { Router, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { registerArendeSchema } from '../../domain/arende';
import { isKommunkod } from '../../domain/municipalities';
import { ACTIONS, STAGES, type Action } from '../../domain/stages';
import { actionFormSpec, formToPayload } from '../action-forms';
import { getArchivePdf, getArende, getDocumentPdf, parseRegistration, registerArende } from '../arenden';
import { listArenden, listArendenPage, type ArendeFilter } from '../arendelista';
import { performAction } from '../arende-actions';
import { signedIn } from '../auth/middleware';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { archiveFileName, documentFileName, stageLabel } from '../format';
import { describeForm, errorSummary, fieldErrorsToForm, pathLabel, renderFields, type FieldSpec } from '../forms/zod-form';
import { ApiError, type FieldError } from '../http-errors';
import { organsOf } from '../diarienummer';
import { renderPage } from '../views';
import { getEarkiv } from '../earkiv';
import { DONE_MESSAGES, renderArendePage } from './arende-page';
import { configuredProgrammes } from '../programmes';

/** The Swedish web pages of ärenden: the list, a new ärende, an ärende, its actions and documents. */
export function pagesRouter(ctx: ServerContext): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const p = signedIn(req);
    const q = req.query as Record<string, string | undefined>;
    const filter: ArendeFilter = {
      q: q.q?.trim() || undefined,
      namnd: q.namnd && /^[A-ZÅÄÖ0-9]{1,10}$/.test(q.namnd.trim().toUpperCase()) ? q.namnd.trim().toUpperCase() : undefined,
      stage: q.stage && (STAGES as readonly string[]).includes(q.stage) ? q.stage : undefined,
      overdue: q.forsenade === '1',
      kommunkod: p.role === 'skr_admin' && q.kommunkod && isKommunkod(q.kommunkod) ? q.kommunkod : undefined,
    };
    const filtered = Boolean(filter.q || filter.namnd || filter.stage || filter.overdue || filter.kommunkod);
    const pageToken = q.sida && /^[A-Za-z0-9_-]{1,4000}$/.test(q.sida) ? q.sida : undefined;
    // "Overdue" reads the whole (small) match, nearest deadline first; otherwise one page, newest first (free text too).
    const whole = Boolean(filter.overdue);
    const page = whole
      ? await listArenden(ctx, p, filter).then((arenden) => ({ arenden, total: arenden.length, nextPageToken: undefined }))
      : await listArendenPage(ctx, p, filter, { pageToken });
    const namnder = [
      ...new Set([...(p.namnder ?? []), ...page.arenden.map((a) => a.namnd).filter((n): n is string => !!n), ...(filter.namnd ? [filter.namnd] : [])]),
    ].sort();
    const params = (extra: Record<string, string>) => {
      const u = new URLSearchParams();
      if (filter.q) u.set('q', filter.q);
      if (filter.namnd) u.set('namnd', filter.namnd);
      if (filter.stage) u.set('stage', filter.stage);
      if (filter.kommunkod) u.set('kommunkod', filter.kommunkod);
      for (const [k, v] of Object.entries(extra)) u.set(k, v);
      const s = u.toString();
      return s ? `/?${s}` : '/';
    };
    renderPage(res, 'arendelista', {
      title: 'Ärenden',
      nav: 'arenden',
      filter,
      filtered,
      isSkr: p.role === 'skr_admin',
      namnder,
      stages: STAGES.map((id) => ({ id, label: stageLabel(id), selected: id === filter.stage })),
      arenden: page.arenden.map((a) => ({ ...a, stageLabel: stageLabel(a.stage), kommunName: a.kommunkod ? ctx.kommunName(a.kommunkod) : '' })),
      total: page.total,
      order: whole ? 'närmaste frist först' : 'senast registrerade först',
      nextPage: page.nextPageToken ? params({ sida: page.nextPageToken }) : undefined,
      firstPage: pageToken ? params({}) : undefined,
    });
  });

  // ---------------------------------------------------------------- Nytt ärende

  const registrationSpec = (p: Principal): FieldSpec[] => withProgrammeChoice(registrationSpecFor(p));
  const registrationSpecFor = (p: Principal): FieldSpec[] => {
    const spec = describeForm(registerArendeSchema, { fixed: ['kommunkod'], omit: ['requestId'], rows: 2 });
    // The nämnd is chosen among the municipality's configured organs (issue 10 p. 3); its name comes with it.
    const organs = ctx.series === 'open' || !p.kommunkod ? undefined : organsOf(ctx, p.kommunkod).filter((o) => !p.namnder || p.namnder.includes(o.kod));
    if (!organs && !p.namnder) return spec;
    const choice = organs
      ? { options: organs.map((o) => o.kod), optionLabels: Object.fromEntries(organs.map((o) => [o.kod, `${o.namn} (${o.kod})`])) }
      : { options: p.namnder };
    return spec.map((f) =>
      f.key === 'namnd' && f.kind === 'group'
        ? {
            ...f,
            children: f.children.filter((c) => !(organs && c.key === 'namn')).map((c) => (c.key === 'kod' ? { ...c, kind: 'choice' as const, ...choice } : c)),
          }
        : f,
    );
  };

  const showRegistration = (res: Response, p: Principal, values: Record<string, string>, fields: FieldError[] = [], message?: string, status = 200) => {
    const spec = registrationSpec(p);
    const { byField, other } = fieldErrorsToForm(spec, fields);
    const errors = [
      ...(message && fields.length === 0 ? [{ message }] : []),
      ...errorSummary('ny', spec, byField),
      ...other.map((f) => ({ label: pathLabel(f.field), message: f.message })),
    ];
    renderPage(
      res,
      'ny-arende',
      {
        title: 'Nytt ärende',
        nav: 'ny',
        formId: 'ny',
        kommunName: p.kommunkod ? ctx.kommunName(p.kommunkod) : '',
        requestId: values.requestId || randomUUID(),
        errors,
        fields: renderFields('ny', spec, values, byField),
      },
      status,
    );
  };

  const requireRegistrar = (p: Principal) => {
    if (!(p.role === 'namndsekreterare' || p.role === 'handlaggare') || !p.kommunkod) {
      throw new ApiError(403, 'FORBIDDEN', 'Din roll får inte registrera ärenden');
    }
  };

  router.get('/arenden/ny', (req, res) => {
    const p = signedIn(req);
    requireRegistrar(p);
    const values: Record<string, string> = {};
    if (p.namnder?.length === 1) values['namnd.kod'] = p.namnder[0];
    showRegistration(res, p, values);
  });

  router.post('/arenden/ny', async (req, res) => {
    const p = signedIn(req);
    requireRegistrar(p);
    const body = (req.body ?? {}) as Record<string, string>;
    const payload = { ...formToPayload(registrationSpec(p), body), kommunkod: p.kommunkod, requestId: body.requestId };
    try {
      const input = parseRegistration(ctx, payload);
      const created = await registerArende(ctx, p, input);
      res.redirect(303, `/arenden/${created.id}?klart=registrerat`);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      if (err.code === 'REQUEST_ID_REUSED') {
        // The form was sent before (e.g. back in the browser) and registered then; a new send is a new registration.
        const message = 'Formuläret har redan skickats och ärendet registrerats. Skicka igen för att registrera ett nytt ärende med uppgifterna.';
        return showRegistration(res, p, { ...body, requestId: '' }, [], message, 409);
      }
      showRegistration(res, p, body, err.fields, err.message, err.status);
    }
  });

  // ---------------------------------------------------------------- Ärendet

  router.get('/arenden/:id', async (req, res) => {
    const done = typeof req.query.klart === 'string' ? DONE_MESSAGES[req.query.klart] : undefined;
    await renderArendePage(ctx, req, res, String(req.params.id), { done });
  });

  router.post('/arenden/:id/atgarder/:action', async (req: Request, res: Response) => {
    const p = signedIn(req);
    const id = String(req.params.id);
    const action = String(req.params.action) as Action;
    if (!(ACTIONS as readonly string[]).includes(action)) throw new ApiError(404, 'UNKNOWN_ACTION', 'Åtgärden finns inte');
    await getArende(ctx, p, id); // 404 outside the principal's scope
    const body = (req.body ?? {}) as Record<string, string>;
    const payload = { ...formToPayload(actionFormSpec(action), body), requestId: body.requestId };
    try {
      await performAction(ctx, p, id, action, payload);
      res.redirect(303, `/arenden/${id}?klart=${action}`);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500 || err.status === 404) throw err;
      await renderArendePage(ctx, req, res, id, { failed: { action, values: body, fields: err.fields, message: err.message } }, err.status);
    }
  });

  router.get('/arenden/:id/dokument/:docId', async (req, res) => {
    const p = signedIn(req);
    const { ref, bytes } = await getDocumentPdf(ctx, p, req.params.id, req.params.docId);
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="${documentFileName(ref)}"`)
      .set('Cache-Control', 'private, no-store')
      .set('ETag', `"${ref.sha256}"`)
      .send(Buffer.from(bytes));
  });

  router.get('/arenden/:id/dokument/:docId/arkivexemplar', async (req, res) => {
    const { ref, sha256, bytes } = await getArchivePdf(ctx, signedIn(req), req.params.id, req.params.docId);
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="${archiveFileName(ref)}"`)
      .set('Cache-Control', 'private, no-store')
      .set('ETag', `"${sha256}"`)
      .send(Buffer.from(bytes));
  });

  // "Ladda ned e-arkivpaket (FGS 2.0)" on the page of a closed ärende (server/earkiv.ts).
  router.get('/arenden/:id/earkiv', async (req, res) => {
    const { fileName, zip } = await getEarkiv(ctx, signedIn(req), req.params.id);
    res.type('application/zip').set('Content-Disposition', `attachment; filename="${fileName}"`).set('Cache-Control', 'private, no-store').send(zip);
  });

  return router;
}

/** The programme is chosen among the installation's configured programmes (config/programmes), by name. */
function withProgrammeChoice(spec: FieldSpec[]): FieldSpec[] {
  const programmes = configuredProgrammes().all;
  return spec.map((f) =>
    f.key === 'program' && f.kind !== 'group'
      ? { ...f, kind: 'choice' as const, options: programmes.map((x) => x.id), optionLabels: Object.fromEntries(programmes.map((x) => [x.id, x.name])) }
      : f,
  );
}
