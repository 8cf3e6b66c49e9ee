/**
 * What every workflow that writes documents shares (the ärende, SKR's onboarding, the sammanträde): the start of a
 * rendering request, and the archive copy of a final version.
 */
import { proxyActivities, uuid4, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DocumentRef } from '../domain/documents/ref';
import type { Outbox } from './engine';
import { inBackground } from './background';
import { ARCHIVE_ACTIVITIES } from './engine/activity-options';

type RenderInput = Parameters<Activities['renderDocument']>[0];

/** A new document id, the case it belongs to (this workflow), the municipality, the type, its data and the step. */
export function renderRequest(kommunkod: string, type: RenderInput['type'], data: unknown, step: string) {
  return { docId: uuid4(), arendeId: workflowInfo().workflowId, kommunkod, type, data, step };
}

/**
 * The archive copy (a Ghostscript run, pyHanko for signed documents): a few tries (engine/activity-options.ts), on the
 * background queue (workflows/background.ts) when the caller wraps it with inBackground; the activity is idempotent.
 */
export const archiving = proxyActivities<Pick<Activities, 'archiveDocument'>>(ARCHIVE_ACTIVITIES);

/**
 * Makes the PDF/A-2b archive copy of a final version (signed, justerat, sent) and marks it on the document. Off the
 * critical path: started here and awaited with the outbox (before the run ends or continues as new), so the person
 * whose action made the document gets the answer without waiting for it. A failure is noted; the original stays the
 * register's document (activities/archive-document.ts).
 */
export function archiveCopy(
  outbox: Outbox,
  doc: DocumentRef,
  note: (text: string) => void,
  archiveDocument: Activities['archiveDocument'] = inBackground(archiving.archiveDocument),
): void {
  outbox.add(
    archiveDocument(doc.id).then(
      (copy) => {
        doc.archived = { sha256: copy.sha256, size: copy.size };
      },
      (err: unknown) => {
        const why = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
        note(`Arkivexemplar (PDF/A) av ${doc.title} (version ${doc.version}) kunde inte skapas: ${why}`);
      },
    ),
  );
}
