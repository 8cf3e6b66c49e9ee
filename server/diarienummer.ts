import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { formatDiarienummer, parseDiarienummer, seriesNamedIn } from '../domain/diarienummer';
import { DEFAULT_ORGANS, organByKod, type Organ } from '../domain/organs';
import {
  diariumExternalWorkflowId,
  diariumWorkflow,
  diariumWorkflowId,
  releaseDiarienummerUpdate,
  reserveDiarienummerUpdate,
  type ReserveResult,
} from '../workflows/diarium';
import { DIARIENUMMER, TITLE } from '../workflows/search-attributes';
import { displayTitle, TITLE_MEMO } from './arendelista';
import type { ServerContext } from './context';
import { ApiError, validationError } from './http-errors';

/**
 * Issue 10 p. 3 on the web side: the organ an ärende is registered for is one of the municipality's configured organs,
 * a diarienummer the ärende brings must belong to that organ's series, and it must not be taken by another ärende of the
 * municipality (reserved durably in the diarium before the ärende starts: workflows/diarium.ts).
 */

export function organsOf(ctx: ServerContext, kommunkod: string): readonly Organ[] {
  return ctx.organs?.(kommunkod) ?? DEFAULT_ORGANS;
}

/** Before the schema: a registration that names a configured organ by its code alone gets the organ's name. */
export function withOrganName(ctx: ServerContext, body: unknown): unknown {
  const b = body as { kommunkod?: unknown; namnd?: { kod?: unknown; namn?: unknown } } | null;
  if (!b || typeof b !== 'object' || typeof b.kommunkod !== 'string' || !b.namnd || typeof b.namnd !== 'object' || typeof b.namnd.kod !== 'string') return body;
  if (b.namnd.namn !== undefined && b.namnd.namn !== '') return body;
  const organ = organByKod(organsOf(ctx, b.kommunkod), b.namnd.kod.trim());
  return organ ? { ...b, namnd: { ...b.namnd, namn: organ.namn } } : body;
}

/**
 * The registration's nämnd, checked against the municipality's organs: an unknown code is a 400 naming namnd.kod (and
 * the codes there are). The organ is identified by its code (its diarieserie): the name recorded is the configured one,
 * whatever name the request gives ("Socialnämnden" for Göteborg's SN is recorded as "Socialnämnden Centrum").
 */
export function checkOrgan(ctx: ServerContext, kommunkod: string, namnd: Organ): Organ {
  const organs = organsOf(ctx, kommunkod);
  const organ = organByKod(organs, namnd.kod);
  if (!organ) {
    if (ctx.series === 'open') return namnd;
    throw validationError([
      {
        field: 'namnd.kod',
        rule: 'unknown_organ',
        message: `${namnd.kod} är inte en av kommunens nämnder och diarieserier (${organs.map((o) => o.kod).join(', ')})`,
      },
    ]);
  }
  return { kod: organ.kod, namn: organ.namn };
}

export interface GivenDiarienummer {
  /** The number as it will be recorded: in the municipality's own format when it is one ("SN 2026/1" → "SN 2026/0001"). */
  diarienummer: string;
  /** Where it is reserved: the diarium of its series and year, or the municipality's register of other formats. */
  workflowId: string;
  key: string;
  start: { kommunkod: string; serie: string; year: number; pattern: string };
}

/**
 * A diarienummer the registration brings: it must belong to the chosen nämnd's series (a KS number is no nämnd's),
 * read with the municipality's own format (domain/diarienummer.ts); a number from another system in another format is
 * refused only when it names another of the municipality's series.
 */
export function checkGivenDiarienummer(ctx: ServerContext, kommunkod: string, namnd: Organ, given: string): GivenDiarienummer {
  const pattern = ctx.diarienummerPattern(kommunkod);
  const parts = parseDiarienummer(pattern, given);
  const wrongSeries = (serie: string) => {
    const organ = organByKod(organsOf(ctx, kommunkod), serie);
    return validationError([
      {
        field: 'diarienummer',
        rule: 'wrong_series',
        message: `${given} hör till diarieserien ${serie}${organ ? ` (${organ.namn})` : ''}, inte till ${namnd.namn}s serie ${namnd.kod}`,
      },
    ]);
  };
  if (parts) {
    if (parts.serie !== namnd.kod) throw wrongSeries(parts.serie);
    return {
      diarienummer: formatDiarienummer(pattern, parts),
      workflowId: diariumWorkflowId(kommunkod, parts.serie, parts.year),
      key: String(parts.nr),
      start: { kommunkod, serie: parts.serie, year: parts.year, pattern },
    };
  }
  const named = seriesNamedIn(given);
  if (named && named !== namnd.kod && (organByKod(organsOf(ctx, kommunkod), named) || named === 'KF')) throw wrongSeries(named);
  return {
    diarienummer: given,
    workflowId: diariumExternalWorkflowId(kommunkod),
    key: given.toLocaleUpperCase('sv'),
    start: { kommunkod, serie: '', year: 0, pattern },
  };
}

/** A reservation older than this whose ärende never started is released by the next registration asking for it. */
const RELEASE_AFTER_MS = 2 * 60_000;

/**
 * Reserves the number for the ärende, or refuses with 409 DIARIENUMMER_TAKEN naming the ärende holding it. Returns
 * whether this call made the reservation (so that a registration refused later can release exactly what it took).
 */
export async function reserveDiarienummer(ctx: ServerContext, given: GivenDiarienummer, arendeId: string, title: string): Promise<boolean> {
  const handle = await diariumHandle(ctx, given);
  for (let attempt = 0; ; attempt++) {
    const result: ReserveResult = await handle.executeUpdate(reserveDiarienummerUpdate, { args: [{ arendeId, key: given.key, title }] });
    if (result.reserved) return result.fresh;
    // A number handed out long ago (before reservations, or no longer among the diarium's recent ones): ask the visibility store.
    if (!result.holder) {
      const found = await holderByVisibility(ctx.client, given.start.kommunkod, given.diarienummer);
      if (found) Object.assign(result, { holder: found });
    }
    const holder = result.holder ? await describeHolder(ctx.client, result.holder) : undefined;
    const stale =
      result.holder !== undefined &&
      ((holder === null && result.since !== undefined && Date.now() - Date.parse(result.since) > RELEASE_AFTER_MS) ||
        (holder?.diarienummer !== undefined && holder.diarienummer.toLocaleUpperCase('sv') !== given.diarienummer.toLocaleUpperCase('sv')));
    if (stale && attempt === 0) {
      await handle.executeUpdate(releaseDiarienummerUpdate, { args: [{ arendeId: result.holder as string, key: given.key }] });
      continue;
    }
    throw takenError(given.diarienummer, result.holder, { title: holder?.title ?? result.title });
  }
}

/** Gives a reservation back (a registration refused after it reserved, e.g. a reused request id). */
export async function releaseDiarienummer(ctx: ServerContext, given: GivenDiarienummer, arendeId: string): Promise<void> {
  await ctx.client.workflow.getHandle(given.workflowId).executeUpdate(releaseDiarienummerUpdate, { args: [{ arendeId, key: given.key }] });
}

async function diariumHandle(ctx: ServerContext, given: GivenDiarienummer) {
  try {
    await ctx.client.workflow.start(diariumWorkflow, {
      workflowId: given.workflowId,
      taskQueue: ctx.taskQueue,
      args: [given.start],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  } catch (err) {
    if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
  }
  return ctx.client.workflow.getHandle(given.workflowId);
}

/** The ärende of the municipality with this diarienummer, from the visibility store (eventually consistent). */
async function holderByVisibility(client: Client, kommunkod: string, diarienummer: string): Promise<string | undefined> {
  const quoted = diarienummer.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const query = `WorkflowType = 'adoptionWorkflow' AND BfKommun = '${kommunkod}' AND BfDiarienummer = '${quoted}'`;
  try {
    for await (const w of client.workflow.list({ query, pageSize: 1 })) return w.workflowId;
  } catch {
    return undefined; // naming the holder is a courtesy; the refusal stands without it
  }
  return undefined;
}

/** The holder's title and diarienummer from its search attributes; null when it does not exist. */
async function describeHolder(client: Client, arendeId: string): Promise<{ title?: string; diarienummer?: string } | null> {
  try {
    const d = await client.workflow.getHandle(arendeId).describe();
    return { title: displayTitle(d.memo?.[TITLE_MEMO], d.typedSearchAttributes.get(TITLE)), diarienummer: d.typedSearchAttributes.get(DIARIENUMMER) };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') return null;
    throw err;
  }
}

function takenError(diarienummer: string, holderId: string | undefined, holder: { title?: string } | undefined): ApiError {
  const who = holder?.title
    ? `ärendet ”${holder.title}” (${diarienummer}, /arenden/${holderId})`
    : holderId
      ? `ärendet /arenden/${holderId}`
      : 'ett annat ärende';
  const error = new ApiError(409, 'DIARIENUMMER_TAKEN', `Diarienumret ${diarienummer} är redan taget av ${who}; ett diarienummer är unikt inom kommunen`, [
    { field: 'diarienummer', rule: 'taken', message: `är redan taget av ${who}` },
  ]);
  if (holderId) error.details = { holder: { id: holderId, ...(holder?.title ? { title: holder.title } : {}), diarienummer, href: `/api/arenden/${holderId}` } };
  return error;
}
