import { randomUUID } from 'node:crypto';
import { stockholmDate } from '../../domain/iso-date';
import { parsePopulationImport, type Registry } from '../../domain/municipalities';
import { currentRegistry } from '../../clients/registry';
import { registryWorkflow } from '../../workflows/registry';
import { applyPopulationImportUpdate, populationImportsQuery, REGISTRY_WORKFLOW_ID, type PopulationImportRecord } from '../../workflows/onboarding-messages';
import type { UpdateDefinition } from '@temporalio/common';
import type { LineError } from '../../domain/municipalities';
import type { ServerContext } from '../context';
import { ApiError, parseOr400 } from '../http-errors';
import { populationImportSchema } from './schemas';

/**
 * The municipality registry as SKR sees it: the reference data (reference/kommuner.csv, SCB) with the population
 * imports applied (held by the `kommunregister` workflow, read by query whenever a page or the API needs it).
 */
export async function registryNow(ctx: ServerContext, base: Registry): Promise<Registry> {
  return currentRegistry(ctx.client, base);
}

export async function populationImports(ctx: ServerContext): Promise<PopulationImportRecord[]> {
  try {
    return await ctx.client.workflow.getHandle(REGISTRY_WORKFLOW_ID).query(populationImportsQuery);
  } catch (err) {
    if ((err as Error).name === 'WorkflowNotFoundError') return [];
    throw err;
  }
}

/**
 * Imports population figures from CSV text (kommunkod,folkmangd,folkmangd_datum): all or nothing. A bad line is a
 * 400 naming every line, column and rule (field "rad 3: folkmangd"), and nothing is imported. The same requestId
 * twice is one import.
 */
export async function importPopulation(
  ctx: ServerContext,
  base: Registry,
  input: { requestId?: string; csv: string; source?: string },
  actor: { name: string; role?: string },
) {
  input = parseOr400(populationImportSchema, input); // the page's form too, not only the API (issue 10 p. 12)
  const registry = await registryNow(ctx, base);
  const parsed = parsePopulationImport(input.csv, registry, { today: stockholmDate(new Date()) });
  if (!parsed.ok) throw csvInvalid(parsed.errors);
  const requestId = input.requestId ?? `import-${randomUUID()}`;
  const record = await updateRegistry(ctx, applyPopulationImportUpdate, {
    requestId,
    actor,
    ...(input.source ? { source: input.source } : {}),
    updates: [...parsed.updates],
  });
  return {
    import: record,
    updates: parsed.updates.map((u) => ({ ...u, name: registry.byKode(u.kommunkod)?.name, previous: registry.byKode(u.kommunkod)?.population })),
  };
}

/** A CSV import with bad rows: a 400 naming every row (as a person counts, the header is row 1) and column. */
export function csvInvalid(errors: readonly LineError[]): ApiError {
  return new ApiError(
    400,
    'CSV_INVALID',
    `Importen innehåller fel på ${new Set(errors.map((e) => e.line)).size} rad(er); inget har importerats`,
    errors.map((e) => ({ field: `rad ${e.line}: ${e.field}`, rule: 'csv', message: e.message })),
  );
}

/** Applies a validated import to the `kommunregister` entity workflow (started on first use), once per requestId. */
export async function updateRegistry<Ret, Arg extends { requestId: string }>(ctx: ServerContext, update: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
  await ctx.client.workflow.start(registryWorkflow, {
    workflowId: REGISTRY_WORKFLOW_ID,
    taskQueue: ctx.taskQueue,
    args: [{}],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return ctx.client.workflow.getHandle(REGISTRY_WORKFLOW_ID).executeUpdate(update, { args: [arg], updateId: arg.requestId });
}
