/**
 * Electronic signing of agreements (in practice an advanced signature service, e.g. BankID-based). The product
 * talks to it through `SigningProvider`: the onboarding workflow asks for a signature per party; the service later
 * reports the outcome by sending the workflow's `signAgreement` or `rejectAgreement` update (a webhook in a real
 * integration).
 *
 * Implementations, selected by BF_SIGNING_PROVIDER:
 * - `manuell` (default): nothing is sent anywhere; the parties' signatures are registered by hand (API/dashboard).
 * - `fake`: a stand-in for the external service that signs (or rejects, as told) by sending the update itself.
 *
 * The cryptographic signature in the PDF file itself is another seam: `PdfSigner` (signing/pdf-signer.ts,
 * docs/signing.md), which signs the archive copy once the parties have agreed.
 */
import type { Client } from '@temporalio/client';
import { PARTY_LABELS, type Party } from '../domain/onboarding-actions';
import { rejectAgreementUpdate, signAgreementUpdate } from '../workflows/onboarding-messages';

export interface SignatureRequest {
  /** The onboarding workflow to report back to. */
  workflowId: string;
  kommunkod: string;
  docId: string;
  documentTitle: string;
  version: number;
  party: Party;
}

export interface SigningProvider {
  /** Asks the party to sign the document; returns the service's reference. Must be idempotent per (docId, party). */
  requestSignature(request: SignatureRequest): Promise<{ externalId: string }>;
}

/** No external service: the request is only recorded; signatures are registered through the API or the dashboard. */
export class ManualSigningProvider implements SigningProvider {
  async requestSignature(request: SignatureRequest) {
    return { externalId: `manuell-${request.docId}-${request.party}` };
  }
}

export type FakeSigningOutcome =
  | { kind: 'sign'; signer?: { name: string; title: string } }
  | { kind: 'reject'; comment: string }
  /** Leave the request unanswered. */
  | { kind: 'none' };

/**
 * The fake signing service: answers every request in the background, like a person signing a moment later, by
 * sending the workflow's update (retried until the workflow accepts or refuses it for good).
 */
export class FakeSigningProvider implements SigningProvider {
  readonly requests: SignatureRequest[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly client: Client,
    private readonly decide: (request: SignatureRequest) => FakeSigningOutcome = () => ({ kind: 'sign' }),
    private readonly retryDelayMs = 200,
  ) {}

  async requestSignature(request: SignatureRequest) {
    const externalId = `fake-${request.docId}-${request.party}`;
    if (this.requests.some((r) => r.docId === request.docId && r.party === request.party)) return { externalId };
    this.requests.push(request);
    const outcome = this.decide(request);
    if (outcome.kind !== 'none') {
      const p = this.answer(request, outcome, externalId).finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
    return { externalId };
  }

  /** Resolves when every answer sent so far has been delivered (tests). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async answer(request: SignatureRequest, outcome: Exclude<FakeSigningOutcome, { kind: 'none' }>, externalId: string) {
    const handle = this.client.workflow.getHandle(request.workflowId);
    const actor = { name: `Signeringstjänsten (${PARTY_LABELS[request.party]})` };
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        if (outcome.kind === 'sign') {
          const signer = outcome.signer ?? {
            name: request.party === 'skr' ? 'Anna Skr' : 'Kim Kommun',
            title: request.party === 'skr' ? 'Avdelningschef' : 'Kommundirektör',
          };
          await handle.executeUpdate(signAgreementUpdate, {
            args: [{ requestId: externalId, actor, party: request.party, version: request.version, signer }],
            updateId: externalId,
          });
        } else {
          await handle.executeUpdate(rejectAgreementUpdate, {
            args: [{ requestId: externalId, actor, party: request.party, version: request.version, comment: outcome.comment }],
            updateId: externalId,
          });
        }
        return;
      } catch (err) {
        const type = (err as { cause?: { type?: string } }).cause?.type;
        // The workflow may not have reached "avtal_signeras" yet; anything else (an old version, already signed) is final.
        if (type !== 'ACTION_NOT_ALLOWED_IN_STAGE' && type !== undefined) return;
        await new Promise((r) => setTimeout(r, this.retryDelayMs));
      }
    }
  }
}

export type SigningProviderName = 'manuell' | 'fake';

export function signingProviderFromEnv(client: Client, env: NodeJS.ProcessEnv = process.env): SigningProvider {
  const name = (env.BF_SIGNING_PROVIDER ?? 'manuell') as SigningProviderName;
  if (name === 'fake') return new FakeSigningProvider(client);
  if (name === 'manuell') return new ManualSigningProvider();
  throw new Error(`BF_SIGNING_PROVIDER=${String(name)} är okänd: använd "manuell" eller "fake".`);
}

/** Activity: ask one party to sign one version of an agreement. */
export function makeRequestSignature(provider: SigningProvider) {
  return async function requestSignature(request: SignatureRequest): Promise<{ externalId: string }> {
    return provider.requestSignature(request);
  };
}
