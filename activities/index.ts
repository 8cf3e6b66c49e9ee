/**
 * The activities: the only place with I/O. Each use case in its own file; the worker builds them from its dependencies.
 * Workflows import only the types (`import type * as activities`).
 */
import type { Client } from '@temporalio/client';
import type { PdfRenderer } from '../documents/renderer';
import type { DocumentStore } from '../documents/store';
import type { LookProvider } from '../documents/looks';
import { makeAllocateDiarienummer } from './allocate-diarienummer';
import { makeRenderDocument } from './render-document';

export interface ActivityDeps {
  client: Client;
  taskQueue: string;
  renderer: PdfRenderer;
  store: DocumentStore;
  looks: LookProvider;
}

export function createActivities(deps: ActivityDeps) {
  return {
    allocateDiarienummer: makeAllocateDiarienummer(deps.client, deps.taskQueue),
    renderDocument: makeRenderDocument(deps),
  };
}

/** What workflows proxy: `proxyActivities<Activities>(…)` after `import type { Activities }`. */
export type Activities = ReturnType<typeof createActivities>;
