import { randomUUID } from 'node:crypto';
import { parseConnectionImport } from '../../domain/connection-import';
import { stockholmDate } from '../../domain/iso-date';
import type { Registry } from '../../domain/municipalities';
import { connectionImports, importedConnections } from '../../clients/registry';
import { applyConnectionImportUpdate } from '../../workflows/onboarding-messages';
import type { ServerContext } from '../context';
import { parseOr400 } from '../http-errors';
import { connectionImportSchema } from './schemas';
import { csvInvalid, registryNow, updateRegistry } from './registry';

export { connectionImports };

/**
 * Imports the current connection status of the municipalities from CSV text (kommunkod,status,datum,kalla), the way
 * the population import does (server/skr/registry.ts): validated row by row against the registry, all or nothing (a
 * bad row is a 400 naming every row and column, field "rad 3: status", and nothing is imported), then applied
 * atomically by the `kommunregister` entity workflow, which keeps the newest status per municipality and the history
 * of imports. The same requestId twice is one import.
 */
export async function importConnections(ctx: ServerContext, base: Registry, input: unknown, actor: { name: string; role?: string }) {
  const body = parseOr400(connectionImportSchema, input);
  const [registry, current] = await Promise.all([registryNow(ctx, base), importedConnections(ctx.client, body.program)]);
  const parsed = parseConnectionImport(body.csv.replace(/^\uFEFF/, ''), registry, { today: stockholmDate(new Date()), current });
  if (!parsed.ok) throw csvInvalid(parsed.errors);
  const requestId = body.requestId ?? `anslutning-${randomUUID()}`;
  const record = await updateRegistry(ctx, applyConnectionImportUpdate, { requestId, actor, program: body.program, updates: [...parsed.updates] });
  return {
    import: record,
    updates: parsed.updates.map((u) => ({ ...u, name: registry.byKode(u.kommunkod)?.name, previous: current.get(u.kommunkod)?.status ?? null })),
  };
}
