/** The kommunregister workflow seen from a Temporal client: the population figures imported over the reference data. */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PopulationUpdate, Registry } from '../domain/municipalities';
import {
  connectionImportsQuery,
  connectionsQuery,
  populationOverridesQuery,
  REGISTRY_WORKFLOW_ID,
  type ConnectionImportRecord,
  type ProgramConnection,
} from '../workflows/onboarding-messages';

/** The population figures imported over the reference data, from the registry workflow (none before the first import). */
export async function populationOverrides(client: Client): Promise<PopulationUpdate[]> {
  try {
    return await client.workflow.getHandle(REGISTRY_WORKFLOW_ID).query(populationOverridesQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') return [];
    throw err;
  }
}

/** The reference registry with the imported population figures applied. */
export async function currentRegistry(client: Client, base: Registry): Promise<Registry> {
  const overrides = await populationOverrides(client);
  return overrides.length > 0 ? base.withPopulations(overrides) : base;
}

/** The imported connection status of one programme's municipalities, by kommunkod (none before the first import). */
export async function importedConnections(client: Client, program: string): Promise<Map<string, ProgramConnection>> {
  try {
    const all = await client.workflow.getHandle(REGISTRY_WORKFLOW_ID).query(connectionsQuery);
    return new Map(all.filter((c) => c.program === program).map((c) => [c.kommunkod, c]));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') return new Map();
    throw err;
  }
}

/** The connection imports, oldest first (the registry's history of them). */
export async function connectionImports(client: Client): Promise<ConnectionImportRecord[]> {
  try {
    return await client.workflow.getHandle(REGISTRY_WORKFLOW_ID).query(connectionImportsQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') return [];
    throw err;
  }
}
