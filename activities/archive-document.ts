import { ApplicationFailure } from '@temporalio/activity';
import { ArchivalError, toPdfA2b } from '../documents/archival';
import type { DocumentStore } from '../documents/store';
import { renderDocumentHtml } from '../documents/templates';

export interface ArchivedDocument {
  docId: string;
  sha256: string;
  size: number;
}

/**
 * Makes the PDF/A-2b archival copy of a stored document and adds it to the register (the tagged original stays
 * the published one). Idempotent: a document that already has its copy gets that copy back.
 */
export function makeArchiveDocument(deps: { store: DocumentStore }) {
  return async function archiveDocument(docId: string): Promise<ArchivedDocument> {
    const record = await deps.store.getRecord(docId);
    if (!record) throw ApplicationFailure.nonRetryable(`Dokumentet ${docId} finns inte i dokumentregistret`, 'DocumentNotFound');
    if (record.archival) return { docId, sha256: record.archival.sha256, size: record.archival.size };
    const bytes = await deps.store.getBytes(record.sha256);
    if (!bytes) throw new Error(`Filen till dokument ${docId} saknas i dokumentlagret`);
    const meta = await originalMetadata(deps.store, record.inputSha256);
    let archival: Uint8Array;
    try {
      archival = await toPdfA2b(bytes, {
        title: meta?.title ?? record.title,
        author: meta?.author,
        subject: meta?.subject ?? (record.diarienummer ? `${record.title}, ${record.diarienummer}` : record.title),
        keywords: meta?.keywords,
        lang: 'sv',
        date: new Date(record.createdAt), // the same document: it keeps its date
      });
    } catch (err) {
      // A missing Ghostscript is configuration, not a passing fault: retrying does not help.
      if (err instanceof ArchivalError && /saknas|finns inte/.test(err.message)) {
        throw ApplicationFailure.nonRetryable(err.message, 'ArchivalToolMissing');
      }
      throw err;
    }
    const updated = await deps.store.putArchival(docId, archival, new Date().toISOString());
    return { docId, sha256: updated.archival!.sha256, size: updated.archival!.size };
  };
}

/** Title, author and subject exactly as the original PDF has them, from the stored input that produced it. */
async function originalMetadata(store: DocumentStore, inputSha256: string) {
  const input = (await store.getInput(inputSha256)) as { type?: string; data?: unknown; look?: unknown; options?: never } | undefined;
  if (!input?.type || !input.look) return undefined;
  try {
    const { title, author, subject, keywords } = renderDocumentHtml(input.type as never, input.data, input.look as never, input.options);
    return { title, author, subject, keywords };
  } catch {
    return undefined; // the templates have moved on since; the register's own title is enough
  }
}
