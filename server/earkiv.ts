/**
 * The e-archive package (FGS 2.0 SIP, archive/) of a closed ärende, for download from the ärende page and the API.
 * The web process reads the state (a Temporal query) and the archive copies from the document store, as for any
 * download; it renders nothing: the PDF/A copies were made in the process (activities/archive-document.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageContents, NotClosedError } from '../archive/contents';
import { buildSip, packageId } from '../archive/sip';
import { packageSchemas } from '../archive/schemas';
import { zipSip } from '../archive/zip';
import { sha256Hex } from '../documents/store';
import { getArende } from './arenden';
import type { Principal } from './auth/principal';
import type { ServerContext } from './context';
import { ApiError } from './http-errors';

const SOFTWARE = {
  name: 'Beslutsflöde',
  version: (JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version,
};

export interface Earkiv {
  fileName: string;
  zip: Buffer;
  /** How many documents (final versions) the package holds. */
  documents: number;
}

/** The zip of the package; 409 ARENDE_NOT_CLOSED before the end state, 409 ARCHIVE_COPY_MISSING when a copy is missing. */
export async function getEarkiv(ctx: ServerContext, principal: Principal, arendeId: string, now = new Date()): Promise<Earkiv> {
  const state = await getArende(ctx, principal, arendeId);
  let contents;
  try {
    contents = packageContents(state);
  } catch (err) {
    if (err instanceof NotClosedError) {
      throw new ApiError(409, 'ARENDE_NOT_CLOSED', 'Ärendet är inte avslutat: ett e-arkivpaket görs först när ärendet har avslutats', [
        { field: 'id', rule: 'not_closed', message: 'ärendet är inte avslutat' },
      ]);
    }
    throw err;
  }
  if (contents.missingArchiveCopies.length > 0) {
    const titles = contents.missingArchiveCopies.map((d) => `${d.title} (version ${d.version})`).join(', ');
    throw new ApiError(
      409,
      'ARCHIVE_COPY_MISSING',
      `Arkivexemplar (PDF/A) saknas för: ${titles}. Paketet görs när alla slutliga handlingar har sitt arkivexemplar.`,
      [{ field: 'id', rule: 'archive_copy_missing', message: 'slutliga handlingar saknar arkivexemplar' }],
    );
  }
  const pdfs = new Map<string, Uint8Array>();
  for (const r of contents.records) {
    const bytes = await ctx.store.getBytes(r.file.sha256);
    // The store is content-addressed: bytes that hash otherwise are a damaged store, never packed.
    if (!bytes || sha256Hex(bytes) !== r.file.sha256) {
      throw new ApiError(409, 'ARCHIVE_COPY_MISSING', `Arkivexemplaret av ${r.doc.title} (version ${r.version}) saknas eller är skadat i dokumentlagret`, [
        { field: 'id', rule: 'archive_copy_missing', message: 'arkivexemplar saknas i dokumentlagret' },
      ]);
    }
    pdfs.set(r.doc.id, bytes);
  }
  const files = buildSip({ contents, pdfs, schemas: packageSchemas(), software: SOFTWARE, createdAt: now.toISOString() });
  return { fileName: `${packageId(contents)}-earkiv.zip`, zip: await zipSip(files, now), documents: contents.records.length };
}
