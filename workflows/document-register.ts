/**
 * The ärende's documents as allmänna handlingar: which handling each recorded document is a version of, its version
 * number within that handling, and whether it is final. Pure (workflows and the web app's document table use it).
 *
 * Documents recorded before handlings existed carry no `handling`: it is derived from the state that links to them
 * (referrals → remiss and yttrande, decisions → protokollsutdrag and anslagsbevis, the agreement, the fee statements),
 * otherwise from their type and title (titles differ between handlings of one type: the meeting of a
 * föredragningslista, the § of a protokollsutdrag). Their status is derived from the step that wrote them.
 */
import type { DocumentRef } from '../domain/documents/ref';
import { handlingKey, legacyHandlingKey, type DocumentStatus } from '../domain/document-identity';
import type { ArendeState } from '../domain/arende-state';

type Linkable = Pick<ArendeState, 'referrals' | 'decisions' | 'agreement' | 'fees' | 'meeting'>;

/** Handling keys of the documents the state links to, by document id (for records without their own key). */
function linkedHandlings(state: Linkable): Map<string, string> {
  const links = new Map<string, string>();
  for (const r of state.referrals ?? []) {
    if (r.documentId) links.set(r.documentId, handlingKey('remiss', { recipients: [r.recipient] }));
    if (r.answer?.documentId) links.set(r.answer.documentId, handlingKey('yttrande', { sender: r.recipient }));
  }
  for (const d of state.decisions ?? []) {
    const meeting = { organ: d.organName, meetingDate: d.meetingDate };
    if (d.justering?.documentId) links.set(d.justering.documentId, handlingKey('protokollsutdrag', { ...meeting, paragraph: d.paragraph }));
    if (d.anslag?.documentId) links.set(d.anslag.documentId, handlingKey('anslagsbevis', meeting));
  }
  if (state.meeting?.documentId)
    links.set(state.meeting.documentId, handlingKey('foredragningslista', { organ: state.meeting.organName, meetingDate: state.meeting.date }));
  if (state.agreement?.documentId) links.set(state.agreement.documentId, handlingKey('anslutningsavtal', { period: state.agreement.period }));
  for (const f of state.fees ?? []) links.set(f.documentId, handlingKey('avgiftsunderlag', { year: f.year }));
  return links;
}

/** The handling of every recorded document, by id. */
export function handlingsOf(state: Linkable & { documents: DocumentRef[] }): Map<string, string> {
  const links = linkedHandlings(state);
  return new Map(
    state.documents.map((d) => [
      d.id,
      d.handling ?? (d.type === 'tjansteutlatande' || d.type === 'hemstallan' ? d.type : (links.get(d.id) ?? legacyHandlingKey(d.type, d.title))),
    ]),
  );
}

/** The next version number of a handling: one more than the versions the ärende already has of it. */
export function nextVersion(state: Linkable & { documents: DocumentRef[] }, handling: string, inFlight = 0): number {
  const handlings = handlingsOf(state);
  return state.documents.filter((d) => handlings.get(d.id) === handling).length + inFlight + 1;
}

/** Utkast or slutlig; older records without a status: a tjänsteutlåtande is final only as the signed version. */
export function documentStatusOf(doc: Pick<DocumentRef, 'type' | 'step'> & { status?: DocumentStatus }): DocumentStatus {
  if (doc.status) return doc.status;
  return doc.type === 'tjansteutlatande' && doc.step !== 'signering' ? 'utkast' : 'slutlig';
}

export interface RegisterRow {
  doc: DocumentRef;
  handling: string;
  /** The version within its handling (for older records: counted in order, since they were numbered per type). */
  version: number;
  status: DocumentStatus;
}

/** The documents grouped by handling (in order of each handling's first version), newest version first within it. */
export function registerRows(state: Linkable & { documents: DocumentRef[] }): RegisterRow[] {
  const handlings = handlingsOf(state);
  const groups = new Map<string, DocumentRef[]>();
  for (const d of state.documents) {
    const key = handlings.get(d.id)!;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const rows: RegisterRow[] = [];
  for (const [handling, docs] of groups) {
    const numbered = docs.map((doc, i) => ({ doc, handling, version: doc.handling ? doc.version : i + 1, status: documentStatusOf(doc) }));
    rows.push(...numbered.reverse());
  }
  return rows;
}
