/** The programme-rates workflow seen from a Temporal client (web process, activities). */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { rateTable, type NationalRate } from '../domain/fees';
import type { Programme } from '../domain/programmes';
import { programmeRatesWorkflowId, RATES_MEMO, type SetNationalRateRecord } from '../workflows/programme-rates-messages';

/** Every rate SKR has set for the programme, oldest first (none before the first). */
export async function nationalRateHistory(client: Client, program: string): Promise<SetNationalRateRecord[]> {
  try {
    // The memo, from DescribeWorkflowExecution: answered by the server alone (the query needs a worker).
    const described = await client.workflow.getHandle(programmeRatesWorkflowId(program)).describe();
    const memo = (await described.memo)?.[RATES_MEMO];
    return Array.isArray(memo) ? (memo as SetNationalRateRecord[]) : [];
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') return [];
    throw err;
  }
}

/** The rates SKR has set, as plain table entries (without who and when). */
export async function ratesSetBySkr(client: Client, program: string): Promise<NationalRate[]> {
  return (await nationalRateHistory(client, program)).map(({ year, rate, source, setOn }) => ({ year, rate, source, setOn }));
}

/** The programme's rate table as it stands now: its own entries overlaid by SKR's. */
export async function currentRateTable(client: Client, programme: Programme): Promise<NationalRate[]> {
  return rateTable(programme.nationalRates, await ratesSetBySkr(client, programme.id));
}
