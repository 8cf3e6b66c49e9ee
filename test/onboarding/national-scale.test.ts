/**
 * National scale on one machine: all 290 onboarding workflows side by side on the dev server, invited by one bulk
 * operation and each driven to "intresserad"; visibility counts them and finds none failed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bulkOperationWorkflow } from '../../workflows/bulk-operation';
import { expressInterestUpdate, onboardingWorkflowId } from '../../workflows/onboarding-messages';
import { loadMunicipalityRegistry } from '../../runtime/reference-data';
import { startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { eventually } from './helpers';

/** A programme id of this test's own, so that other test files on the same server do not meet these workflows. */
const program = `skala-${process.pid}`;

/** Programmes are configuration: this test's product knows Yrkesresan and the same programme under the test's own id. */
function programmesWithOwnId(): string {
  const dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'programmes-'));
  const yrkesresan = readFileSync(path.join(__dirname, '..', '..', 'config', 'programmes', 'yrkesresan.json'), 'utf8');
  writeFileSync(path.join(dir, 'yrkesresan.json'), yrkesresan);
  writeFileSync(path.join(dir, `${program}.json`), JSON.stringify({ ...JSON.parse(yrkesresan), id: program }, null, 2));
  return dir;
}

let product: TestProduct;
beforeAll(async () => {
  product = await startProduct(devServerAddress(), { env: { BF_PROGRAMMES_DIR: programmesWithOwnId() } });
});
afterAll(async () => {
  await product?.stop();
});

async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => Promise<unknown>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
    }),
  );
}

test('290 onboarding workflows run side by side with no errors', async () => {
  const client = product.web.context.client;
  const kommunkoder = loadMunicipalityRegistry()
    .all()
    .map((m) => m.kommunkod);
  expect(kommunkoder).toHaveLength(290);

  const bulk = await client.workflow.start(bulkOperationWorkflow, {
    workflowId: `massatgard-skala-${process.pid}`,
    taskQueue: product.taskQueue,
    args: [{ bulkId: `skala-${process.pid}`, action: 'invite', program, filter: { notConnected: true }, actor: { name: 'Skaltest' }, concurrency: 16 }],
  });
  const result = await bulk.result();
  expect(result).toMatchObject({ status: 'klar', total: 290, done: 290, invited: 290, skipped: 0, errors: [] });

  await inBatches(kommunkoder, 16, (kod) =>
    client.workflow.getHandle(onboardingWorkflowId(kod, program)).executeUpdate(expressInterestUpdate, {
      args: [{ requestId: `intresse-${kod}-${process.pid}`, actor: { name: 'Skaltest' } }],
    }),
  );

  const base = `BfKind = 'anslutning' AND BfProgram = '${program}'`;
  await eventually(async () => ((await client.workflow.count(`${base} AND BfStage = 'intresserad'`)).count === 290 ? true : undefined), 60_000, 500);
  expect((await client.workflow.count(`${base} AND ExecutionStatus = 'Running'`)).count).toBe(290);
  expect((await client.workflow.count(`${base} AND ExecutionStatus != 'Running'`)).count).toBe(0);
  // Each county's municipalities are there (BfLan), e.g. the 49 of Västra Götalands län.
  expect((await client.workflow.count(`${base} AND BfLan = '14'`)).count).toBe(49);
}, 600_000); // generous: CI shares two cores with the other test files
