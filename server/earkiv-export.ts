/**
 * Bulk export for the e-archive: every ärende of the municipality that was closed in a year, each as its FGS 2.0
 * package (server/earkiv.ts), in one zip with a report. Used by the web page /earkiv (progress polled) and the CLI
 * (`npm run cli -- earkiv --ar 2026`, a progress bar). "Closed in a year": the ärende's workflow ended (it ends
 * when the ärende reaches avslutad) between 1 January and 31 December, Swedish time.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { ZipFile } from 'yazl';
import { stockholmMidnight } from '../domain/iso-date';
import type { Principal } from './auth/principal';
import type { ServerContext } from './context';
import { listQuery } from './arendelista';
import { getEarkiv } from './earkiv';
import { ApiError } from './http-errors';

export type ExportContext = Pick<ServerContext, 'client' | 'store'>;

export interface ClosedArende {
  id: string;
  closedAt: string;
}

/** The visibility query of the ärenden in the principal's scope that were closed in `year`. */
export function closedInYearQuery(principal: Principal, year: number, kommunkod?: string): string {
  const from = stockholmMidnight(`${year}-01-01`).toISOString();
  const to = stockholmMidnight(`${year + 1}-01-01`).toISOString();
  return `${listQuery(principal, { stage: 'avslutad', kommunkod })} AND ExecutionStatus = 'Completed' AND CloseTime >= '${from}' AND CloseTime < '${to}'`;
}

export async function listClosedInYear(ctx: ExportContext, principal: Principal, year: number, kommunkod?: string): Promise<ClosedArende[]> {
  const out: ClosedArende[] = [];
  for await (const w of ctx.client.workflow.list({ query: closedInYearQuery(principal, year, kommunkod) })) {
    out.push({ id: w.workflowId, closedAt: (w.closeTime ?? new Date(0)).toISOString() });
  }
  return out.sort((a, b) => (a.closedAt < b.closedAt ? -1 : 1));
}

export interface ExportProgress {
  year: number;
  total: number;
  done: number;
  /** Packages written. */
  exported: number;
  /** Ärenden that could not be packed, with the reason (Swedish). */
  skipped: Array<{ id: string; reason: string }>;
  status: 'pagar' | 'klar' | 'fel';
  error?: string;
}

export function checkYear(value: unknown): number {
  const year = typeof value === 'number' ? value : typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(year) || year < 2000 || year > 2200) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'Ange ett år med fyra siffror (2000–2200)', [
      { field: 'ar', rule: 'invalid', message: 'måste vara ett år med fyra siffror' },
    ]);
  }
  return year;
}

/**
 * Writes the year's packages into one zip at `file` (each package as <id>-earkiv.zip, and exportrapport.txt), one
 * ärende at a time, calling `onProgress` after each. An ärende that cannot be packed (an archive copy missing) is
 * listed in the report and the export goes on.
 */
export async function exportYear(
  ctx: ExportContext,
  principal: Principal,
  year: number,
  file: string,
  onProgress: (p: ExportProgress) => void,
  opts: { kommunkod?: string; now?: () => Date } = {},
): Promise<ExportProgress> {
  const now = opts.now ?? (() => new Date());
  const arenden = await listClosedInYear(ctx, principal, year, opts.kommunkod);
  const progress: ExportProgress = { year, total: arenden.length, done: 0, exported: 0, skipped: [], status: 'pagar' };
  onProgress({ ...progress });
  const zip = new ZipFile();
  const written = once(zip.outputStream.pipe(createWriteStream(file)), 'close');
  const lines = [`E-arkivexport av ärenden avslutade ${year}`, `Skapad ${now().toISOString()}`, ''];
  for (const a of arenden) {
    try {
      const pkg = await getEarkiv(ctx as ServerContext, principal, a.id, now());
      zip.addBuffer(pkg.zip, pkg.fileName, { compress: false });
      progress.exported += 1;
      lines.push(`${pkg.fileName}: ${pkg.documents} handlingar, avslutat ${a.closedAt}`);
    } catch (err) {
      const reason = err instanceof ApiError ? err.message : `oväntat fel: ${(err as Error).message}`;
      progress.skipped.push({ id: a.id, reason });
      lines.push(`${a.id}: INTE EXPORTERAT: ${reason}`);
    }
    progress.done += 1;
    onProgress({ ...progress, skipped: [...progress.skipped] });
  }
  lines.push('', `${progress.exported} av ${progress.total} ärenden exporterade.`);
  zip.addBuffer(Buffer.from(`${lines.join('\n')}\n`, 'utf8'), 'exportrapport.txt');
  zip.end();
  await written;
  progress.status = 'klar';
  onProgress({ ...progress });
  return progress;
}
