import type { DocumentStore, DocumentRecord } from '../documents/store';
import type { PdfRenderer } from '../documents/renderer';
import { renderDocumentHtml } from '../documents/templates';
import { revealForbiddenCharacters } from '../domain/text';
import type { DocumentType } from '../documents/types';
import type { LookProvider } from '../documents/looks';
import type { DocumentRef } from '../domain/documents/ref';

export interface RenderDocumentInput {
  /** Chosen by the workflow (uuid4), so that a retried activity stores the same document once. */
  docId: string;
  arendeId: string;
  kommunkod: string;
  type: DocumentType;
  data: unknown;
  step: string;
  version: number;
  /** The allmän handling this is a version of (domain/document-identity.ts handlingKey); absent: numbered per type. */
  handling?: string;
  /** 'utkast' prints the UTKAST marks and says so in the metadata; absent: final (callers older than the marks). */
  status?: 'utkast' | 'slutlig';
  createdBy: string;
  /** Workflow time, ISO 8601. */
  createdAt: string;
  diarienummer?: string;
}

export function toRef(record: DocumentRecord): DocumentRef {
  const { inputSha256: _i, archival: _a, ...ref } = record;
  return ref;
}

/** Renders a document from its template to a tagged PDF in Chromium and stores it in the document register. */
export function makeRenderDocument(deps: { renderer: PdfRenderer; store: DocumentStore; looks: LookProvider }) {
  return async function renderDocument(input: RenderDocumentInput): Promise<DocumentRef> {
    const existing = await deps.store.getRecord(input.docId);
    if (existing) return toRef(existing); // the activity is being retried after the document was stored
    const look = await deps.looks.lookFor(input.kommunkod);
    const status = input.status ?? 'slutlig';
    const options = { status, version: input.version };
    // Text from before the rules of domain/text.ts may hold hidden characters: shown, not refused (issue 10 p. 12).
    const printable = renderDocumentHtml(input.type, revealForbiddenCharacters(input.data) as never, look, options);
    const pdf = await deps.renderer.render({ ...printable, createdAt: new Date(input.createdAt) });
    const record = await deps.store.put(
      {
        id: input.docId,
        arendeId: input.arendeId,
        type: input.type,
        title: printable.title,
        version: input.version,
        handling: input.handling,
        status,
        step: input.step,
        createdAt: input.createdAt,
        createdBy: input.createdBy,
        diarienummer: input.diarienummer,
      },
      pdf,
      { type: input.type, data: input.data, look, options },
    );
    return toRef(record);
  };
}
