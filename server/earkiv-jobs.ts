/**
 * Bulk exports under way in this web process: each runs in the background and its progress is read by the page
 * (/earkiv/export/:id, reloads itself) and the API (GET /api/earkiv/exporter/:id). The zip is written to a temporary
 * folder and kept for a day. A job belongs to the user who started it. With several web processes a job is known to
 * the process that runs it (docs/archival.md): the CLI is the tool for large exports.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Principal } from './auth/principal';
import { exportYear, type ExportContext, type ExportProgress } from './earkiv-export';
import { ApiError } from './http-errors';

export interface ExportJob {
  id: string;
  owner: string;
  startedAt: string;
  file: string;
  progress: ExportProgress;
}

const KEEP_MS = 24 * 60 * 60 * 1000;
const DIR = path.join(os.tmpdir(), 'beslutsflode-earkiv');
const jobs = new Map<string, ExportJob>();

/** Only nämndsekreterare export their municipality's ärenden (the diarium and its archive are theirs). */
export function assertMayExport(p: Principal): void {
  if (p.role !== 'namndsekreterare') {
    throw new ApiError(403, 'FORBIDDEN', 'Bara nämndsekreterare får exportera kommunens ärenden till e-arkivet');
  }
}

export function startExport(ctx: ExportContext, principal: Principal, year: number): ExportJob {
  assertMayExport(principal);
  const now = Date.now();
  for (const [id, j] of jobs) {
    if (now - Date.parse(j.startedAt) > KEEP_MS) {
      rmSync(j.file, { force: true });
      jobs.delete(id);
    }
  }
  mkdirSync(DIR, { recursive: true });
  const id = randomBytes(12).toString('hex');
  const job: ExportJob = {
    id,
    owner: principal.userId,
    startedAt: new Date(now).toISOString(),
    file: path.join(DIR, `${id}.zip`),
    progress: { year, total: 0, done: 0, exported: 0, skipped: [], status: 'pagar' },
  };
  jobs.set(id, job);
  exportYear(ctx, principal, year, job.file, (p) => (job.progress = p)).catch((err: Error) => {
    job.progress = { ...job.progress, status: 'fel', error: `Exporten avbröts: ${err.message}` };
  });
  return job;
}

/** The job, if it exists and the principal started it; 404 otherwise. */
export function exportJob(principal: Principal, id: string): ExportJob {
  const job = /^[a-f0-9]{24}$/.test(id) ? jobs.get(id) : undefined;
  if (!job || job.owner !== principal.userId) throw new ApiError(404, 'EXPORT_NOT_FOUND', 'Exporten finns inte (den kan ha tagits bort efter ett dygn)');
  return job;
}

export function exportZipFileName(job: ExportJob): string {
  return `earkiv-avslutade-${job.progress.year}.zip`;
}
