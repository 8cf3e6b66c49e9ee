import type { Client } from '@temporalio/client';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { STAGES } from '../domain/stages';

/**
 * The product's Prometheus metrics, one registry per process (web, worker or both in `npm start`):
 * - bf_http_requests_total{method,route,status}, bf_http_request_duration_seconds{method,route}   (web)
 * - bf_documents_rendered_total{type}, bf_document_render_seconds{type}                         (worker)
 * - bf_activity_errors_total{activity}                                                           (worker)
 * - bf_decisions_recorded_total{outcome}                                     (the action use case, web)
 * - bf_arenden_by_stage{stage}: computed on scrape from Temporal visibility                      (web)
 * plus Node's process metrics (bf_process_*, bf_nodejs_*).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'bf_' });

export const metrics = {
  httpRequests: new Counter({
    name: 'bf_http_requests_total',
    help: 'HTTP-förfrågningar per route och status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  }),
  httpDuration: new Histogram({
    name: 'bf_http_request_duration_seconds',
    help: 'Svarstid per route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  }),
  documentsRendered: new Counter({
    name: 'bf_documents_rendered_total',
    help: 'Dokument som renderats och lagrats, per dokumenttyp',
    labelNames: ['type'] as const,
    registers: [registry],
  }),
  renderSeconds: new Histogram({
    name: 'bf_document_render_seconds',
    help: 'Tid för att rendera och lagra ett dokument (aktiviteten renderDocument)',
    labelNames: ['type'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
    registers: [registry],
  }),
  activityErrors: new Counter({
    name: 'bf_activity_errors_total',
    help: 'Aktivitetsförsök som misslyckats (Temporal försöker igen enligt policyn)',
    labelNames: ['activity'] as const,
    registers: [registry],
  }),
  /** Incremented by the action use case when a nämnd or KF decision is recorded: `metrics.decisionsRecorded.inc({ outcome })`. */
  decisionsRecorded: new Counter({
    name: 'bf_decisions_recorded_total',
    help: 'Registrerade beslut per utfall',
    labelNames: ['outcome'] as const,
    registers: [registry],
  }),
  arendenByStage: new Gauge({
    name: 'bf_arenden_by_stage',
    help: 'Ärenden per skede (Temporals visibility, räknat vid avläsning)',
    labelNames: ['stage'] as const,
    registers: [registry],
  }),
};

/**
 * Sets bf_arenden_by_stage from Temporal visibility: one count query per stage, in parallel. (GROUP BY would be one
 * query, but Temporal's visibility stores, the dev server's SQLite included, only group by ExecutionStatus:
 * "'GROUP BY' clause is not supported for search attribute BfStage", tried on the dev server 1.9.1.)
 */
export async function refreshStageGauge(client: Client): Promise<void> {
  const counts = await Promise.all(
    STAGES.map(async (stage) => [stage, (await client.workflow.count(`BfKind = 'arende' AND BfStage = '${stage}'`)).count] as const),
  );
  for (const [stage, count] of counts) metrics.arendenByStage.set({ stage }, count);
}
