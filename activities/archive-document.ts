import { ApplicationFailure } from '@temporalio/activity';
import { ArchivalError, toPdfA2b } from '../documents/archival';
import type { DocumentRecord, DocumentSignature, DocumentStore } from '../documents/store';
import { renderDocumentHtml } from '../documents/templates';
import { signatureRequestsFor } from '../signing/document-signatures';
import { PdfSignerUnavailable, PdfSigningRefused, signInOrder, type PdfSigner } from '../signing/pdf-signer';

export interface ArchivedDocument {
  docId: string;
  sha256: string;
  size: number;
  /** The cryptographic signatures in the copy, in signing order (absent: none). */
  signatures?: DocumentSignature[];
}

/**
 * Makes the PDF/A-2b archival copy of a stored document and adds it to the register (the tagged original stays
 * the published one). A document that the parties have signed (the anslutningsavtal) gets their cryptographic
 * signatures in the copy, each as an incremental update (signing/document-signatures.ts, docs/signing.md), when a
 * signer is configured. Idempotent: a document that already has its copy gets that copy back.
 */
export function makeArchiveDocument(deps: { store: DocumentStore; signer?: PdfSigner }) {
  return async function archiveDocument(docId: string): Promise<ArchivedDocument> {
    const record = await deps.store.getRecord(docId);
    if (!record) throw ApplicationFailure.nonRetryable(`Dokumentet ${docId} finns inte i dokumentregistret`, 'DocumentNotFound');
    if (record.archival) return archived(docId, record.archival);
    const bytes = await deps.store.getBytes(record.sha256);
    if (!bytes) throw new Error(`Filen till dokument ${docId} saknas i dokumentlagret`);
    const input = await deps.store.getInput(record.inputSha256);
    const meta = originalMetadata(input);
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
    let signatures: DocumentSignature[] = [];
    const requests = deps.signer ? signatureRequestsFor(record, input) : [];
    if (deps.signer && requests.length > 0) {
      try {
        ({ pdf: archival, signatures } = await signInOrder(deps.signer, archival, requests));
      } catch (err) {
        // An unsigned copy would be kept for good (the register adds it once): no copy until the signer works.
        if (err instanceof PdfSignerUnavailable) throw ApplicationFailure.nonRetryable(err.message, 'PdfSignerUnavailable');
        if (err instanceof PdfSigningRefused) throw ApplicationFailure.nonRetryable(err.message, 'PdfSigningRefused');
        throw err;
      }
    }
    const updated = await deps.store.putArchival(docId, archival, new Date().toISOString(), signatures);
    return archived(docId, updated.archival!);
  };
}

function archived(docId: string, copy: NonNullable<DocumentRecord['archival']>): ArchivedDocument {
  return { docId, sha256: copy.sha256, size: copy.size, ...(copy.signatures?.length ? { signatures: copy.signatures } : {}) };
}

/** Title, author and subject exactly as the original PDF has them, from the stored input that produced it. */
function originalMetadata(stored: unknown) {
  const input = stored as { type?: string; data?: unknown; look?: unknown; options?: never } | undefined;
  if (!input?.type || !input.look) return undefined;
  try {
    const { title, author, subject, keywords } = renderDocumentHtml(input.type as never, input.data, input.look as never, input.options);
    return { title, author, subject, keywords };
  } catch {
    return undefined; // the templates have moved on since; the register's own title is enough
  }
}
