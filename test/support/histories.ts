/**
 * With BF_RECORD_HISTORIES=1: saves the history of every run of a workflow (continue-as-new makes several) as JSON
 * under test/replay/histories/<name>-<n>.json, for the replay test (test/replay/replay.test.ts). Any workflow type:
 * the ärende (test/workflows/harness.ts), the sammanträde, SKR's onboarding.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export const HISTORIES_DIR = path.join(__dirname, '..', 'replay', 'histories');

/** Proto → plain JSON (enums as names, 64-bit numbers and bytes as strings); test/replay reads it back with fromObject. */
export const HISTORY_JSON = { enums: String, longs: String, bytes: String, defaults: false } as const;

export function recordingHistories(): boolean {
  return process.env.BF_RECORD_HISTORIES === '1';
}

/** Every run of `workflowId`, first to last, found from the latest run back through continue-as-new. */
export async function recordHistories(client: Client, workflowId: string, name: string): Promise<void> {
  if (!recordingHistories()) return;
  mkdirSync(HISTORIES_DIR, { recursive: true });
  const runs: temporal.api.history.v1.IHistory[] = [];
  let runId: string | undefined;
  for (;;) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift(history);
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    if (!runId) break;
  }
  runs.forEach((history, i) => {
    const json = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), HISTORY_JSON);
    writeFileSync(path.join(HISTORIES_DIR, `${name}-${i + 1}.json`), `${JSON.stringify(json)}\n`);
  });
}
