/**
 * Every recorded history of the adoption paths (test/replay/histories/*.json, one file per run of an ärende) must
 * replay against the current workflow code. A change to workflows/ that would break a running ärende (a command
 * added, removed or reordered without `patched()`) fails here with a DeterminismViolationError.
 *
 * Record the histories again (and commit them) with: BF_RECORD_HISTORIES=1 npx jest test/workflows
 * Only do that for a change that is guarded by patched(): the old histories must keep replaying (docs/process.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../support/temporal';

jest.setTimeout(120_000);

const DIR = path.join(__dirname, 'histories');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

test('histories of the adoption paths are recorded', () => {
  expect(files.length).toBeGreaterThanOrEqual(10);
});

test('every recorded history replays against the current workflow code', async () => {
  const histories = files.map((file) => ({
    workflowId: file.replace(/\.json$/, ''),
    history: temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(DIR, file), 'utf8'))),
  }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: workflowBundle() }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.name}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
});
