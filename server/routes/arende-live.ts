import { Router } from 'express';
import { signedIn } from '../auth/middleware';
import { ApiError } from '../http-errors';
import type { ServerContext } from '../context';
import { getArende } from '../arenden';
import { listHandlingar } from '../handlingar-list';
import { pageFingerprint } from '../arende-next-step';
import { stateQuery } from '../../workflows/messages';
import { logger } from '../../runtime/logger';

/**
 * GET /arenden/:id/handelser: server-sent events for the open ärende page (issue 15 p. 4). The route watches the
 * workflow's state query (and the handlingar register) and sends `andrad` when what the page shows has changed; the
 * page's script (public/arende-live.js) then fetches the page again and swaps the parts that changed. One stream
 * lasts at most ten minutes; the browser's EventSource reconnects by itself (with the last fingerprint it saw).
 */
const EVERY_MS = 1_500;
const STREAM_MS = 10 * 60_000;
const HEARTBEAT_MS = 20_000;

export function arendeLiveRouter(ctx: ServerContext): Router {
  const router = Router();
  router.get('/arenden/:id/handelser', async (req, res) => {
    const p = signedIn(req);
    const id = String(req.params.id);
    await getArende(ctx, p, id); // 404 outside the principal's scope, before the stream starts
    if (!req.accepts('text/event-stream') || !String(req.get('accept') ?? '').includes('text/event-stream')) {
      throw new ApiError(406, 'NOT_ACCEPTABLE', 'Händelseströmmen är till för sidans skript (Accept: text/event-stream)');
    }
    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    let last = typeof req.query.v === 'string' ? req.query.v.slice(0, 2_000) : '';
    let closed = false;
    let lastWrite = Date.now();
    const started = Date.now();
    req.on('close', () => (closed = true));
    while (!closed && Date.now() - started < STREAM_MS) {
      try {
        const [state, handlingar] = await Promise.all([ctx.client.workflow.getHandle(id).query(stateQuery), listHandlingar(ctx, id)]);
        const now = pageFingerprint(state, handlingar.length);
        if (now !== last) {
          last = now;
          res.write(`event: andrad\ndata: ${JSON.stringify(now)}\n\n`);
          lastWrite = Date.now();
        }
      } catch (err) {
        logger().debug({ err: (err as Error).message, arendeId: id }, 'händelseström: frågan misslyckades');
      }
      if (!closed && Date.now() - lastWrite > HEARTBEAT_MS) {
        res.write(': vänta\n\n');
        lastWrite = Date.now();
      }
      await new Promise((r) => setTimeout(r, EVERY_MS));
    }
    res.end();
  });
  return router;
}
