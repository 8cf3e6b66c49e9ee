import type { ChildProcess } from 'node:child_process';
import os from 'node:os';

/**
 * The niceness of the child processes of background work (Ghostscript's archive copies, pyHanko's signatures: ~1 s
 * of CPU each): the cores go to the interactive work (the worker's workflow thread, Chromium, the web process, the
 * Temporal server) first, and the copies use what is left (domain/task-queues.ts, docs/benchmarks.md).
 */
export const BACKGROUND_NICENESS = 10;

/** Lowers a just-started child process's CPU priority; a platform that refuses leaves it as it is. */
export function runAtLowPriority<C extends ChildProcess>(child: C): C {
  if (child.pid !== undefined) {
    try {
      os.setPriority(child.pid, BACKGROUND_NICENESS);
    } catch {
      // not permitted here, or the process has already ended: it runs at normal priority
    }
  }
  return child;
}
