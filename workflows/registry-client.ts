/** The kommunregister workflow seen from a Temporal client: the population figures imported over the reference data. */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PopulationUpdate, Registry } from '../domain/municipalities';
import { populationOverridesQuery, REGISTRY_WORKFLOW_ID } from './onboarding-messages';

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
