import type { Connection } from '@temporalio/client';
import { Router } from 'express';
import type { ServerContext } from '../context';
import { isProbed } from '../../runtime/document-store';

const CHECK_TIMEOUT_MS = 3_000;

/**
 * GET /healthz: the process is alive (no dependencies checked: a restart would not help them).
 * GET /readyz: this process can serve: Temporal answers its health check and the document store is writable.
 * Both are public (mounted before sign-in) and say nothing about the data.
 */
export function healthRouter(ctx: ServerContext): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const [temporal, documentStore] = await Promise.all([
      check(async () => {
        const connection = ctx.client.connection as Partial<Connection>;
        if (connection.healthService) await connection.healthService.check({});
        else await ctx.client.workflowService.getSystemInfo({});
      }),
      check(async () => {
        if (isProbed(ctx.store)) await ctx.store.checkWritable();
        else await ctx.store.getRecord('readyz-probe');
      }),
    ]);
    const ready = temporal === 'ok' && documentStore === 'ok';
    res
      .status(ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ready ? 'ready' : 'not_ready', checks: { temporal, documentStore } });
  });

  return router;
}

async function check(fn: () => Promise<void>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`svarade inte inom ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return 'ok';
  } catch (err) {
    return `fel: ${(err as Error)?.message ?? String(err)}`.slice(0, 200);
  } finally {
    clearTimeout(timer);
  }
}
