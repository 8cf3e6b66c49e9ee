import type { Context } from '@temporalio/activity';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, Next } from '@temporalio/worker';
import { arendeLogger, logger } from './logger';
import { metrics } from './metrics';

/**
 * Every activity attempt, logged with its ärende and workflow ids and counted: documents rendered by type and their
 * render time (renderDocument), failed attempts by activity; and heartbeated when the workflow asked for heartbeats. Installed on the worker (runtime/worker.ts), so the
 * activities themselves stay free of logging and metrics code.
 */
export const observeActivities: ActivityInterceptorsFactory = (ctx: Context) => ({ inbound: new ObservingInbound(ctx) });

class ObservingInbound implements ActivityInboundCallsInterceptor {
  constructor(private readonly ctx: Context) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const info = this.ctx.info;
    const first = (input.args[0] ?? {}) as { arendeId?: unknown; type?: unknown };
    const workflowId = info.workflowExecution?.workflowId;
    const arendeId = typeof first.arendeId === 'string' ? first.arendeId : workflowId?.startsWith('arende-') ? workflowId : undefined;
    const log = arendeLogger({ arendeId, workflowId, runId: info.workflowExecution?.runId }, logger()).child({
      activity: info.activityType,
      attempt: info.attempt,
    });
    const documentType = info.activityType === 'renderDocument' && typeof first.type === 'string' ? first.type : undefined;
    const started = process.hrtime.bigint();
    // When the workflow gives the activity a heartbeat timeout, the worker heartbeats for it while it runs: a worker
    // that dies (kill -9, a lost node) is noticed after that timeout instead of after the whole start-to-close time.
    const beat = info.heartbeatTimeoutMs ? setInterval(() => this.ctx.heartbeat(), Math.max(500, info.heartbeatTimeoutMs / 3)) : undefined;
    try {
      const result = await next(input);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (documentType) {
        metrics.documentsRendered.inc({ type: documentType });
        metrics.renderSeconds.observe({ type: documentType }, seconds);
      }
      if (documentType) log.info({ ms: Math.round(seconds * 1000), documentType }, 'dokument renderat och lagrat');
      else log.debug({ ms: Math.round(seconds * 1000) }, 'aktivitet klar');
      return result;
    } catch (err) {
      metrics.activityErrors.inc({ activity: info.activityType });
      log.warn({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'aktivitetsförsök misslyckades');
      throw err;
    } finally {
      clearInterval(beat);
    }
  }
}
