/**
 * The namespace and the product's search attributes on a fresh cluster. A real server reads namespaces through a
 * cache (refreshed every few seconds, config/temporal/dynamicconfig.yaml): right after registering, and right after
 * PostgreSQL restarts, a call may answer "Namespace … is not found" for a moment, so each step is retried until
 * the namespace answers.
 */
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import type { Duration } from '@temporalio/common';
import { ensureSearchAttributes } from '../search-attributes';

async function until<T>(what: string, fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(err as Error).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export interface NamespaceOptions {
  namespace: string;
  /** How long closed workflows stay in visibility (a duration for msToTs: '365 days'). */
  retention: Duration;
  timeoutMs?: number;
}

/** Registers the namespace unless it exists, adds the product's search attributes, waits until both are usable. */
export async function ensureNamespace(connection: Connection, opts: NamespaceOptions): Promise<void> {
  const { namespace } = opts;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const exists = await connection.workflowService.describeNamespace({ namespace }).then(
    () => true,
    (err: { code?: number }) => {
      if (err.code === 5 /* NOT_FOUND */) return false;
      throw err;
    },
  );
  if (!exists) {
    await connection.workflowService
      .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(opts.retention) })
      .catch((err: { code?: number }) => {
        if (err.code !== 6 /* ALREADY_EXISTS */) throw err;
      });
  }
  await until(`Sökattributen i ${namespace}`, () => ensureSearchAttributes(connection, namespace), timeoutMs);
  // Usable: visibility answers for the namespace (the frontend's namespace cache has it).
  await until(`Namnrymden ${namespace}`, () => connection.workflowService.countWorkflowExecutions({ namespace, query: '' }), timeoutMs);
}
