/**
 * What goes into the e-archive package of a closed ärende, read from its state and document register: the final
 * version of every handling with its PDF/A archive copy, the direction of each handling, its signatures, and the
 * dates of the ärende. Pure: the bytes are read by the caller (server/earkiv.ts), which checks them against these
 * checksums.
 */
import type { DocumentRef } from '../domain/documents/ref';
import { registerRows } from '../workflows/document-register';
import type { ArendeState } from '../domain/arende-state';
import { recordedSignatures, type RecordedSignature, type StateWithHolder } from './signatures';

/** ERMS 2.1 directionDefinition. */
export type Direction = 'incoming' | 'outgoing' | 'internal_memo_for_follow-up' | 'internal_memo_without_follow-up';

/**
 * Which way each document type goes (OSL 5 kap: inkommen or upprättad and expedierad): a yttrande comes in from the
 * body asked; a remiss, a protokollsutdrag (sent to those the decision concerns), an anslagsbevis (published), a
 * hemställan, the agreement, the startbesked and the avgiftsunderlag go out; the tjänsteutlåtande is the
 * förvaltning's own prepared document and the föredragningslista the meeting's working paper.
 */
export const DIRECTION: Record<string, Direction> = {
  yttrande: 'incoming',
  remiss: 'outgoing',
  protokollsutdrag: 'outgoing',
  anslagsbevis: 'outgoing',
  hemstallan: 'outgoing',
  anslutningsavtal: 'outgoing',
  startbesked: 'outgoing',
  avgiftsunderlag: 'outgoing',
  tjansteutlatande: 'internal_memo_for_follow-up',
  foredragningslista: 'internal_memo_without_follow-up',
};

export interface PackageRecord {
  doc: DocumentRef;
  handling: string;
  version: number;
  direction: Direction;
  /** The PDF/A-2b archive copy: its path in the package, and the register's checksum and size. */
  file: { path: string; sha256: string; size: number };
  signatures: RecordedSignature[];
}

export interface PackageContents {
  state: ArendeState;
  records: PackageRecord[];
  /** When the ärende reached its end state (ISO 8601). */
  closedAt: string;
  /** Final documents without an archive copy (made before the process archived, or still under way). */
  missingArchiveCopies: DocumentRef[];
}

export class NotClosedError extends Error {
  override name = 'NotClosedError';
}

/** When the ärende reached avslutad: the history's last stage change into it. */
export function closedAt(state: ArendeState): string | undefined {
  if (state.stage !== 'avslutad') return undefined;
  const entry = [...state.history].reverse().find((h) => h.action === 'stage' && h.stage === 'avslutad');
  return entry?.at ?? state.history.at(-1)?.at;
}

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');

/** The contents of the package; NotClosedError unless the ärende is in its end state (domain/stages.ts: avslutad). */
export function packageContents(state: StateWithHolder, archivedSha256?: (doc: DocumentRef) => { sha256: string; size: number } | undefined): PackageContents {
  const closed = closedAt(state);
  if (!closed) throw new NotClosedError(`Ärendet är inte avslutat (skede: ${state.stage})`);
  const rows = registerRows(state).filter((r) => r.status === 'slutlig');
  const records: PackageRecord[] = [];
  const missing: DocumentRef[] = [];
  for (const row of rows) {
    const copy = row.doc.archived ?? archivedSha256?.(row.doc);
    if (!copy) {
      missing.push(row.doc);
      continue;
    }
    const n = records.length + 1;
    records.push({
      doc: row.doc,
      handling: row.handling,
      version: row.version,
      direction: DIRECTION[row.doc.type] ?? 'internal_memo_without_follow-up',
      file: { path: `${String(n).padStart(3, '0')}-${slug(row.doc.title) || row.doc.type}-v${row.version}.pdf`, sha256: copy.sha256, size: copy.size },
      signatures: recordedSignatures(state, row.doc),
    });
  }
  // In the order the register recorded them (oldest first), numbered in that order.
  const order = new Map(state.documents.map((d, i) => [d.id, i]));
  records.sort((a, b) => order.get(a.doc.id)! - order.get(b.doc.id)!);
  records.forEach((r, i) => (r.file.path = r.file.path.replace(/^\d{3}/, String(i + 1).padStart(3, '0'))));
  return { state, records, closedAt: closed, missingArchiveCopies: missing };
}
