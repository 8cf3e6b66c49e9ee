/**
 * The seam for cryptographic signatures IN a PDF (docs/signing.md). Whoever signs, the product hands over the bytes
 * of a final document and who signs it, and gets back the same document with one more signature added as an
 * incremental update: every earlier signature stays valid, and a PDF/A file stays PDF/A.
 *
 * Implementations:
 * - LocalPadesSigner (signing/local-pades.ts, the embedded default and the tests): PAdES B-B with test
 *   certificates of a local CA made per installation; proves integrity and order, not a person's identity.
 * - a BankID/Freja-based signing service plugs in here: `sign` returns when the person has signed (or throws
 *   PdfSigningRefused when they decline), docs/signing.md says what such a provider must do.
 *
 * Not to be confused with activities/signing.ts's SigningProvider, which asks a party to agree (and reports the
 * outcome to the workflow); this one puts the signature into the file.
 */

import type { DocumentSignature } from '../documents/store';

/** Who signs: the person, the title their right to sign comes with, and for which role (party, ordförande…). */
export interface SignerIdentity {
  name: string;
  title: string;
  /** The role they sign in, in the product's words: 'kommun', 'skr', 'ordforande', 'justerare'. */
  role: string;
  /** The organisation they sign for ("Exempels kommun", "Sveriges Kommuner och Regioner"). */
  organisation?: string;
}

export interface PdfSignatureRequest {
  signer: SignerIdentity;
  /** The signature dictionary's /Reason, shown by PDF readers ("Undertecknat för Exempels kommun"). */
  reason: string;
  /** /Location: where the signer signed (the place, or the organisation's seat). */
  location: string;
}

/** What the register keeps about one signature in a file (documents/store.ts). */
export type AppliedSignature = DocumentSignature;

export interface SignedPdf {
  pdf: Uint8Array;
  signature: AppliedSignature;
}

export interface PdfSigner {
  /** A name for the register and the logs ('lokal', 'bankid', …). */
  readonly name: string;
  /** Adds one signature to the PDF (incremental update) and returns the new bytes. */
  sign(pdf: Uint8Array, request: PdfSignatureRequest): Promise<SignedPdf>;
}

/** The signer declined (or the service refused) to sign: nothing was added; not worth retrying. */
export class PdfSigningRefused extends Error {
  override name = 'PdfSigningRefused';
}

/** The signer cannot work here (its tool or keys are missing): configuration, not a passing fault. */
export class PdfSignerUnavailable extends Error {
  override name = 'PdfSignerUnavailable';
}

/** Signs in order, each signature on top of the previous ones. */
export async function signInOrder(
  signer: PdfSigner,
  pdf: Uint8Array,
  requests: readonly PdfSignatureRequest[],
): Promise<{ pdf: Uint8Array; signatures: AppliedSignature[] }> {
  let bytes = pdf;
  const signatures: AppliedSignature[] = [];
  for (const request of requests) {
    const signed = await signer.sign(bytes, request);
    bytes = signed.pdf;
    signatures.push(signed.signature);
  }
  return { pdf: bytes, signatures };
}
