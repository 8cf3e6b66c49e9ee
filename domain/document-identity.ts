/**
 * Which allmän handling a document is, and whether a version of it is final.
 *
 * A handling is one official document: one remiss to one recipient, one yttrande from one body, one protokollsutdrag
 * of one § of one organ's meeting, one föredragningslista of one meeting, one anslagsbevis of one protocol, one
 * hemställan per nämnd decision, one anslutningsavtal per agreement period, one startbesked per addressee, one
 * avgiftsunderlag per fee year, and the one tjänsteutlåtande of the ärende. Its versions are edits of that same
 * handling (OSL 5 kap: a new version is registered beside the earlier one, never over it), numbered 1, 2, … per
 * handling. Two different handlings are never versions of each other.
 *
 * The key is derived from the document's own data (the schemas of documents/types/), so every place that
 * renders a document gets the same key without saying so: `type` plus the subject that tells handlings apart.
 */

/** Plain data of a document (validated later by its schema); only the fields named below are read. */
type Data = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');
const first = (v: unknown): string => (Array.isArray(v) ? str(v[0]) : '');
const at = (d: Data, key: string): Data => (d[key] && typeof d[key] === 'object' ? (d[key] as Data) : {});

/** The subject that tells two handlings of one type apart, from the document's data ('' for one per ärende). */
const SUBJECT: Record<string, (d: Data) => string[]> = {
  tjansteutlatande: () => [],
  remiss: (d) => [first(d.recipients)],
  yttrande: (d) => [str(d.sender)],
  foredragningslista: (d) => [str(d.organ), str(d.meetingDate)],
  protokollsutdrag: (d) => [str(d.organ), str(d.meetingDate), `§ ${str(d.paragraph)}`],
  anslagsbevis: (d) => [str(d.organ), str(d.meetingDate)],
  hemstallan: (d) => [str(d.from), str(d.meetingDate), d.paragraph !== undefined ? `§ ${str(d.paragraph)}` : ''],
  anslutningsavtal: (d) => [str(at(d, 'period').start)],
  startbesked: (d) => [str(d.addressee)],
  avgiftsunderlag: (d) => [str(d.year)],
  kallelse: (d) => [str(d.organ), str(d.meetingDate)],
  protokoll: (d) => [str(d.organ), str(d.meetingDate)],
};

/** "remiss|Äldrenämnden", "protokollsutdrag|Socialnämnden|2026-12-02|§ 17", "tjansteutlatande". */
export function handlingKey(type: string, data: unknown): string {
  const d = data && typeof data === 'object' ? (data as Data) : {};
  const parts = (SUBJECT[type]?.(d) ?? []).filter((p) => p !== '');
  return [type, ...parts].join('|');
}

/** The key of a document recorded before handlings existed and not linked from the state: type and title. */
export function legacyHandlingKey(type: string, title: string): string {
  return `${type}|${title}`;
}

export type DocumentStatus = 'utkast' | 'slutlig';

/** Swedish labels, as the ärende page and the PDF metadata show them. */
export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = { utkast: 'Utkast', slutlig: 'Slutlig' };

/**
 * When a version is final (docs/process.md, "Utkast och slutliga versioner"):
 * - tjänsteutlåtande: once both signatures (förvaltningschef and avdelningschef) are recorded; every earlier version,
 *   also one signed by only one of them, is an utkast;
 * - anslutningsavtal: once both parties have signed; before that it is the draft sent for signing;
 * - every other document is final when it is issued: the system writes it at the step that issues it (a remiss when
 *   sent, a yttrande when received, a protokollsutdrag at justering, an anslagsbevis at anslag, a hemställan after the
 *   nämnd's anslag, a föredragningslista when the meeting is booked, startbesked and avgiftsunderlag when due).
 */
export function documentStatus(type: string, facts: { signaturesComplete?: boolean }): DocumentStatus {
  if (type === 'tjansteutlatande' || type === 'anslutningsavtal') return facts.signaturesComplete ? 'slutlig' : 'utkast';
  return 'slutlig';
}
