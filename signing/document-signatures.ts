/**
 * Which cryptographic signatures a final document's archive copy carries, in signing order, read from the input
 * that produced the document (the register keeps it beside the PDF): the anslutningsavtal, signed by the
 * municipality and then by SKR (the order of docs/signing.md); the justerat protokoll and an omedelbart justerat
 * § (its utdrag), signed by the ordförande and then the justerare (docs/meeting.md).
 */
import { formatDateLong } from '../documents/format';
import type { PdfSignatureRequest } from './pdf-signer';

interface Signatory {
  name: string;
  title: string;
  place?: string;
  date?: string;
}

interface AgreementInput {
  parties?: { skr?: { name?: string }; municipality?: { name?: string } };
  signatures?: { skr?: Signatory[]; municipality?: Signatory[] };
}

function request(s: Signatory, role: string, organisation: string | undefined): PdfSignatureRequest {
  const forWhom = organisation ? ` för ${organisation}` : '';
  const when = s.date && /^\d{4}-\d{2}-\d{2}$/.test(s.date) ? ` den ${formatDateLong(s.date)}` : '';
  return {
    signer: { name: s.name, title: s.title, role, ...(organisation ? { organisation } : {}) },
    reason: `Undertecknat${forWhom}${when}`,
    location: s.place ?? organisation ?? '',
  };
}

/**
 * The signatures for a register entry, or none. `record` is the register's entry (type and status), `input` the
 * stored `{ type, data }` that rendered it. A document that is not final, or whose parties have not both signed
 * (a "Behörig företrädare" placeholder has no date), gets none.
 */
export function signatureRequestsFor(record: { type: string; status?: string }, input: unknown): PdfSignatureRequest[] {
  if (record.status !== 'slutlig') return [];
  const rule = SIGNATURE_RULES[record.type];
  return rule ? rule((input as { data?: unknown } | undefined)?.data) : [];
}

/**
 * Per document type: who signs its final version's archive copy, in order, from the data that rendered it. A type
 * without a rule gets no signatures.
 */
export const SIGNATURE_RULES: Readonly<Record<string, (data: unknown) => PdfSignatureRequest[]>> = {
  anslutningsavtal: (data) => agreementSignatures(data as AgreementInput | undefined),
  protokoll: (data) => protokollSignatures(data as ProtokollInput | undefined),
  protokollsutdrag: (data) => immediateUtdragSignatures(data as UtdragInput | undefined),
};

interface ProtokollInput {
  organ?: string;
  justering?: { justerat?: boolean; date?: string; signers?: Array<{ name: string; role: string; date?: string }> };
}

/**
 * The justerat protokoll (KL 5 kap. 69 §): the ordförande and the justerare sign it, the ordförande first. Only the
 * justerat version (every signer with a date); the copy sent for justering is an utkast and gets none.
 */
function protokollSignatures(data: ProtokollInput | undefined): PdfSignatureRequest[] {
  const j = data?.justering;
  if (!j?.justerat || !j.signers?.length || j.signers.some((x) => !x.date)) return [];
  const order = [...j.signers].sort((a, b) => Number(!/ordf/i.test(a.role)) - Number(!/ordf/i.test(b.role)));
  return order.map((x) => ({
    signer: { name: x.name, title: x.role, role: /ordf/i.test(x.role) ? 'ordforande' : 'justerare', ...(data?.organ ? { organisation: data.organ } : {}) },
    reason: `Justerat${x.date ? ` den ${formatDateLong(x.date)}` : ''}`,
    location: data?.organ ?? '',
  }));
}

interface UtdragInput {
  organ?: string;
  justering?: { date?: string; chair?: string; adjusters?: string[]; immediate?: boolean };
}

/**
 * An omedelbart justerad paragraf is justerad as its own utdrag at the meeting (KL 5 kap. 69 § andra stycket): the
 * ordförande and the justerare sign that utdrag. An utdrag of a justerat protokoll is a certified copy ("Utdrag
 * bestyrkes") and carries no signatures of its own: the protokoll it is taken from does.
 */
function immediateUtdragSignatures(data: UtdragInput | undefined): PdfSignatureRequest[] {
  const j = data?.justering;
  if (!j?.immediate || !j.chair) return [];
  const when = j.date ? ` den ${formatDateLong(j.date)}` : '';
  const org = data?.organ ? { organisation: data.organ } : {};
  return [
    { signer: { name: j.chair, title: 'Ordförande', role: 'ordforande', ...org }, reason: `Omedelbart justerat${when}`, location: data?.organ ?? '' },
    ...(j.adjusters ?? []).map((name) => ({
      signer: { name, title: 'Justerare', role: 'justerare', ...org },
      reason: `Omedelbart justerat${when}`,
      location: data?.organ ?? '',
    })),
  ];
}

function agreementSignatures(data: AgreementInput | undefined): PdfSignatureRequest[] {
  const kommun = data?.signatures?.municipality ?? [];
  const skr = data?.signatures?.skr ?? [];
  // Both parties must have signed (each with a date): the signed version's placeholders are not signatures.
  const signed = (list: Signatory[]) => list.length > 0 && list.every((s) => s.name && s.date);
  if (!signed(kommun) || !signed(skr)) return [];
  return [...kommun.map((s) => request(s, 'kommun', data?.parties?.municipality?.name)), ...skr.map((s) => request(s, 'skr', data?.parties?.skr?.name))];
}
