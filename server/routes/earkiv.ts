import { Router, type Response } from 'express';
import { signedIn } from '../auth/middleware';
import type { ServerContext } from '../context';
import { checkYear, listClosedInYear } from '../earkiv-export';
import { assertMayExport, exportJob, exportZipFileName, startExport, type ExportJob } from '../earkiv-jobs';
import { ApiError } from '../http-errors';
import { renderPage } from '../views';
import { stockholmDate } from '../../domain/iso-date';

/** JSON of a job's progress (the API's answer). */
function progressJson(job: ExportJob) {
  const p = job.progress;
  return {
    id: job.id,
    ar: p.year,
    status: p.status,
    totalt: p.total,
    klara: p.done,
    exporterade: p.exported,
    hoppadeOver: p.skipped.map((s) => ({ id: s.id, orsak: s.reason })),
    ...(p.error ? { fel: p.error } : {}),
    ...(p.status === 'klar' ? { zip: `/api/earkiv/exporter/${job.id}/zip` } : {}),
  };
}

function sendZip(res: Response, job: ExportJob): void {
  if (job.progress.status !== 'klar') throw new ApiError(409, 'EXPORT_NOT_READY', 'Exporten är inte klar ännu');
  res.set('Cache-Control', 'private, no-store').download(job.file, exportZipFileName(job));
}

/**
 * E-arkiv: bulk export of the ärenden closed in a year (server/earkiv-export.ts), as a page with progress and as an
 * API: POST /api/earkiv/exporter { ar } → 202 with the job; GET …/:id → progress; GET …/:id/zip → the zip.
 */
export function earkivRouter(ctx: ServerContext): Router {
  const router = Router();

  router.post('/api/earkiv/exporter', (req, res) => {
    const year = checkYear((req.body as { ar?: unknown } | undefined)?.ar);
    const job = startExport(ctx, signedIn(req), year);
    res.status(202).location(`/api/earkiv/exporter/${job.id}`).json(progressJson(job));
  });
  router.get('/api/earkiv/exporter/:id', (req, res) => {
    res.json(progressJson(exportJob(signedIn(req), req.params.id)));
  });
  router.get('/api/earkiv/exporter/:id/zip', (req, res) => sendZip(res, exportJob(signedIn(req), req.params.id)));

  router.get('/earkiv', async (req, res) => {
    const p = signedIn(req);
    assertMayExport(p);
    const thisYear = Number(stockholmDate(new Date()).slice(0, 4));
    const year = req.query.ar === undefined ? thisYear : checkYear(req.query.ar);
    const closed = await listClosedInYear(ctx, p, year);
    const years = Array.from({ length: 6 }, (_, i) => ({ value: thisYear - i, selected: thisYear - i === year }));
    renderPage(res, 'earkiv', { title: 'E-arkiv', nav: 'earkiv', year, years, count: closed.length });
  });
  router.post('/earkiv/export', (req, res) => {
    const job = startExport(ctx, signedIn(req), checkYear((req.body as { ar?: unknown } | undefined)?.ar));
    res.redirect(303, `/earkiv/export/${job.id}`);
  });
  router.get('/earkiv/export/:id', (req, res) => {
    const job = exportJob(signedIn(req), req.params.id);
    const p = job.progress;
    renderPage(res, 'earkiv-export', {
      title: `E-arkivexport ${p.year}`,
      nav: 'earkiv',
      job: {
        ...p,
        running: p.status === 'pagar',
        ready: p.status === 'klar',
        failed: p.status === 'fel',
        percent: p.total ? Math.round((100 * p.done) / p.total) : p.status === 'klar' ? 100 : 0,
      },
      jobId: job.id,
      zipHref: `/earkiv/export/${job.id}/zip`,
    });
  });
  router.get('/earkiv/export/:id/zip', (req, res) => sendZip(res, exportJob(signedIn(req), req.params.id)));

  return router;
}
