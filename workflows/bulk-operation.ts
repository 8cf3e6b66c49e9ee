import { proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { bulkProgressQuery, type BulkInput, type BulkProgress } from './onboarding-messages';
import { KIND, LAN, PROGRAM } from './search-attributes';
import { inBackground } from './background';
import { nowIso } from './engine/clock';

const { selectMunicipalities } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds' },
});

/**
 * One municipality's invitation: a few attempts, then it is reported as an error and the others go on. Bulk work: on
 * the background queue (workflows/background.ts), so that inviting a whole län never delays a person's action.
 */
const invitations = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 5 },
});

export const DEFAULT_BULK_CONCURRENCY = 8;

/**
 * A bulk operation of SKR's ("bjud in alla kommuner i Västra Götalands län som inte är anslutna"): chooses the
 * municipalities once, then invites each with bounded concurrency. Every invitation is idempotent (its requestId is
 * derived from the bulk id), so a restarted or repeated operation invites nobody twice. Progress by query.
 */
export async function bulkOperationWorkflow(input: BulkInput): Promise<BulkProgress> {
  const progress: BulkProgress = {
    bulkId: input.bulkId,
    action: input.action,
    program: input.program,
    filter: input.filter,
    actor: input.actor.name,
    status: 'valjer',
    total: 0,
    done: 0,
    invited: 0,
    skipped: 0,
    errors: [],
    startedAt: nowIso(),
    ...(input.confirmation ? { confirmation: input.confirmation } : {}),
  };
  setHandler(bulkProgressQuery, () => progress);
  upsertSearchAttributes([
    { key: KIND, value: 'massatgard' },
    { key: PROGRAM, value: input.program },
    ...(input.filter.lanskod ? [{ key: LAN, value: input.filter.lanskod }] : []),
  ] as Parameters<typeof upsertSearchAttributes>[0]);

  const kommunkoder = await selectMunicipalities({ program: input.program, filter: input.filter });
  progress.total = kommunkoder.length;
  progress.status = 'pagar';

  const queue = [...kommunkoder];
  const concurrency = Math.max(1, Math.min(input.concurrency ?? DEFAULT_BULK_CONCURRENCY, 32));
  const lane = async () => {
    for (let kommunkod = queue.shift(); kommunkod !== undefined; kommunkod = queue.shift()) {
      try {
        const { outcome } = await inBackground(invitations.inviteMunicipality)({
          kommunkod,
          program: input.program,
          requestId: `${input.bulkId}-${kommunkod}`,
          actor: input.actor,
          ...(input.message ? { message: input.message } : {}),
        });
        if (outcome === 'inbjuden') progress.invited += 1;
        else progress.skipped += 1;
      } catch (err) {
        progress.errors.push({ kommunkod, message: rootMessage(err) });
      }
      progress.done += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));

  progress.status = 'klar';
  progress.finishedAt = nowIso();
  return progress;
}

function rootMessage(err: unknown): string {
  let e = err as { message?: string; cause?: unknown } | undefined;
  while (e && typeof e === 'object' && e.cause) e = e.cause as typeof e;
  return e?.message ?? String(err);
}
