/**
 * What the ärende (and the onboarding) keeps of each document it produced: the register's entry without the
 * stored input's hash. The document register (documents/store.ts DocumentRecord) holds the same fields and more.
 */
export interface DocumentRef {
  id: string;
  arendeId: string;
  /** The document type (documents/types/), as text: records keep types that may since have been renamed. */
  type: string;
  title: string;
  /**
   * Set by the workflow: 1 for the first version of its handling (below), the next number for each edit of it.
   * Records written before handlings existed number versions per type within the ärende.
   */
  version: number;
  /**
   * Which allmän handling this is a version of (domain/document-identity.ts): "remiss|Äldrenämnden",
   * "protokollsutdrag|Socialnämnden|2026-12-02|§ 17". Absent on records written before handlings existed.
   */
  handling?: string;
  /** 'utkast' (marked UTKAST in the PDF) or 'slutlig'; absent on older records (see documentStatusOf). */
  status?: 'utkast' | 'slutlig';
  sha256: string;
  size: number;
  /** The step of the process that produced it (e.g. "utkast", "namndbeslut"). */
  step: string;
  createdAt: string;
  createdBy: string;
  diarienummer?: string;
  /**
   * The PDF/A-2b archive copy (activities/archive-document.ts), set by the workflow once the copy is in the register.
   * Absent: not final (an utkast), made before the process archived (patch 'archive-final-documents'), or still under way.
   */
  archived?: { sha256: string; size: number };
  /**
   * A handling that was not made here (issue 15 p. 3): inkommande (received) or upprättad (drawn up elsewhere in the
   * förvaltning), with its date, sender, the file's name and media type as received. Absent: a document the
   * process made (a PDF). The bytes are stored as they came and never opened by the server.
   */
  direction?: 'inkommande' | 'upprattad';
  registeredDate?: string;
  sender?: string;
  fileName?: string;
  contentType?: string;
}
