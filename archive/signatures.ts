/**
 * The signatures of a document as the ärende recorded them in the process (who signed, in which role, when), and
 * the point where a cryptographic verification of the signed PDF plugs in.
 *
 * Today the signatures are recorded by the workflow (the signing provider's answer: docs/process.md); the PAdES
 * signatures in the agreement's archive copy (issue 13 point 1, signing/) are verified by `pdfsig` in their own tests.
 * When that verification runs at export, it answers through `cryptographicVerification` below and the ERMS file
 * says "verified" with the time of the check instead of "recorded in the process".
 */
import type { ArendeState } from '../domain/arende-state';
import type { Agreement as HeldAgreement } from '../workflows/onboarding-messages';
import type { DocumentRef } from '../domain/documents/ref';

export interface RecordedSignature {
  /** förvaltningschef, avdelningschef, kommun, skr, ordforande, justerare. */
  role: string;
  name: string;
  title?: string;
  /** When it was recorded (workflow time, ISO 8601) or the signing date. */
  at: string;
}

export interface SignatureVerification {
  /** recorded: the process recorded the signature; verified / failed: a cryptographic check of the PDF's signature. */
  status: 'recorded' | 'verified' | 'failed';
  /** When the cryptographic check ran (absent for recorded). */
  verifiedAt?: string;
  /** How: "registrerad i Beslutsflödes process" or the verifier (e.g. "pdfsig 24.02: PAdES B-B giltig"). */
  method: string;
}

/**
 * THE PLUG-IN POINT for a cryptographic verification result (wt-pades / signing/): given the archived PDF's bytes and
 * the signature recorded in the process, return verified/failed with the time of the check; undefined means "no
 * cryptographic verification available" and the export records the signature as recorded in the process.
 */
export type CryptographicVerifier = (doc: DocumentRef, signature: RecordedSignature, pdf: Uint8Array) => SignatureVerification | undefined;

export const noCryptographicVerification: CryptographicVerifier = () => undefined;

export function cryptographicVerification(
  verifier: CryptographicVerifier,
  doc: DocumentRef,
  signature: RecordedSignature,
  pdf: Uint8Array,
): SignatureVerification {
  return (
    verifier(doc, signature, pdf) ?? {
      status: 'recorded',
      method: 'registrerad i Beslutsflödes process (signeringstjänstens svar), ej kryptografiskt kontrollerad vid exporten',
    }
  );
}

/** The ärende as the web app shows it: with the agreement held by SKR's anslutning when it was handed over. */
export type StateWithHolder = ArendeState & { agreementHolder?: { agreement?: HeldAgreement } };

/** The signatures the workflow recorded for this document (only final versions are signed). */
export function recordedSignatures(state: StateWithHolder, doc: DocumentRef): RecordedSignature[] {
  if (doc.status === 'utkast') return [];
  if (doc.type === 'tjansteutlatande') {
    return Object.entries(state.signatures ?? {}).map(([role, s]) => ({ role, name: s!.name, title: s!.title, at: s!.at }));
  }
  if (doc.type === 'anslutningsavtal' && state.agreement?.documentId === doc.id) {
    return Object.entries(state.agreement.signatures).map(([role, s]) => ({ role, name: s!.name, title: s!.title, at: s!.at }));
  }
  const held = state.agreementHolder?.agreement;
  if (doc.type === 'anslutningsavtal' && held && held.signedDocument?.id === doc.id) {
    return Object.entries(held.signatures).map(([role, s]) => ({ role, name: s!.name, title: s!.title, at: s!.at }));
  }
  if (doc.type === 'protokollsutdrag') {
    const d = (state.decisions ?? []).find((x) => x.justering?.documentId === doc.id);
    if (!d?.justering) return [];
    // Justering is recorded when the protocol is approved; the utdrag is written at that moment.
    return [
      { role: 'ordforande', name: d.justering.chair, at: doc.createdAt },
      ...d.justering.adjusters.map((name) => ({ role: 'justerare', name, at: doc.createdAt })),
    ];
  }
  return [];
}
