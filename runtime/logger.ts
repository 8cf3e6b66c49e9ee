import os from 'node:os';
import pino, { type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/**
 * Structured logs: one JSON object per line on stdout, the level from LOG_LEVEL, and the process's role
 * (web/worker/all) and host on every line, so that logs from several processes can be told apart and joined
 * on arendeId/workflowId. No request bodies, no personal data.
 */
export function createLogger(opts: { level?: string; role?: string; destination?: pino.DestinationStream } = {}): Logger {
  const level = (opts.level ?? process.env.LOG_LEVEL ?? 'info') as LevelWithSilent;
  return pino(
    {
      level,
      base: { role: opts.role ?? 'all', host: os.hostname(), pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    opts.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

let root: Logger | undefined;

/** The process's logger: set once at start by the entry point (web, worker, npm start); a default until then. */
export function logger(): Logger {
  root ??= createLogger();
  return root;
}

export function setLogger(l: Logger): Logger {
  root = l;
  return l;
}

/** A child logger for one ärende / workflow: every line carries its ids. */
export function arendeLogger(ids: { arendeId?: string; workflowId?: string; runId?: string }, base: Logger = logger()): Logger {
  return base.child(Object.fromEntries(Object.entries(ids).filter(([, v]) => v !== undefined)));
}
