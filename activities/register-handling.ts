import { ApplicationFailure } from '@temporalio/activity';
import type { DocumentStore } from '../documents/store';
import { sha256Hex } from '../documents/store';
import { toRef } from './render-document';
import { type DocumentRef } from '../domain/documents/ref';

export interface RegisterHandlingInput {
  /** Chosen by the workflow (uuid4), so that a retried activity registers the file once. */
  docId: string;
  arendeId: string;
  diarienummer?: string;
  direction: 'inkommande' | 'upprattad';
  /** The register's short description (becomes the record's title). */
  description: string;
  registeredDate: string;
  sender?: string;
  fileName: string;
  contentType: string;
  sha256: string;
  size: number;
  createdBy: string;
  /** Workflow time, ISO 8601. */
  createdAt: string;
}

/**
 * Registers an uploaded file (staged by the web process with putBlob) as a handling of the ärende in the document
 * register: type "bilaga", one handling per file, version 1, final. The bytes are read back and their SHA-256 and
 * size checked against what the upload reported; nothing opens or renders them.
 */
export function makeRegisterHandling(deps: { store: DocumentStore }) {
  return async function registerHandling(input: RegisterHandlingInput): Promise<DocumentRef> {
    const existing = await deps.store.getRecord(input.docId);
    if (existing) return toRef(existing);
    const bytes = await deps.store.getBytes(input.sha256);
    if (!bytes || bytes.byteLength !== input.size || sha256Hex(bytes) !== input.sha256) {
      throw ApplicationFailure.nonRetryable(`Filen ${input.fileName} finns inte i dokumentlagret med angiven kontrollsumma`, 'FILE_NOT_STAGED');
    }
    const record = await deps.store.put(
      {
        id: input.docId,
        arendeId: input.arendeId,
        type: 'bilaga',
        title: input.description,
        version: 1,
        handling: `bilaga|${input.docId}`,
        status: 'slutlig',
        step: 'handling',
        createdAt: input.createdAt,
        createdBy: input.createdBy,
        diarienummer: input.diarienummer,
        direction: input.direction,
        registeredDate: input.registeredDate,
        sender: input.sender,
        fileName: input.fileName,
        contentType: input.contentType,
      },
      bytes,
      { registered: input },
    );
    return toRef(record);
  };
}
