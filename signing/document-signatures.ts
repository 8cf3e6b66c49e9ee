/**
 * Which cryptographic signatures a final document's archive copy carries, in signing order, read from the input
 * that produced the document (the register keeps it beside the PDF). Today: the anslutningsavtal, signed by the
 * municipality and then by SKR (the order of docs/signing.md). The justering of a protokoll will add its own rule
 * (the ordförande, then the justerare) when the meeting exists.
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
 * without a rule gets no signatures. The justerat protokoll adds its rule here (ordförande, then the justerare).
 */
export const SIGNATURE_RULES: Readonly<Record<string, (data: unknown) => PdfSignatureRequest[]>> = {
  anslutningsavtal: (data) => agreementSignatures(data as AgreementInput | undefined),
};

function agreementSignatures(data: AgreementInput | undefined): PdfSignatureRequest[] {
  const kommun = data?.signatures?.municipality ?? [];
  const skr = data?.signatures?.skr ?? [];
  // Both parties must have signed (each with a date): the signed version's placeholders are not signatures.
  const signed = (list: Signatory[]) => list.length > 0 && list.every((s) => s.name && s.date);
  if (!signed(kommun) || !signed(skr)) return [];
  return [...kommun.map((s) => request(s, 'kommun', data?.parties?.municipality?.name)), ...skr.map((s) => request(s, 'skr', data?.parties?.skr?.name))];
}
