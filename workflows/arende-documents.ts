import { patched } from '@temporalio/workflow';
import type { DocumentRef } from '../domain/documents/ref';
import type { DocumentType } from '../documents/types';
import { documentStatus, handlingKey } from '../domain/document-identity';
import { archiveCopy, renderRequest } from './workflow-documents';
import type { Activities } from '../activities';
import { nextVersion } from './document-register';
import type { Outbox } from './engine';
import type { ArendeState } from '../domain/arende-state';

/**
 * The ärende's documents: each is a version of one allmän handling (domain/document-identity.ts: one remiss per
 * recipient, one protokollsutdrag per §, …), numbered within it, also when several are rendered in parallel; a
 * version that is not final (an unsigned tjänsteutlåtande) is printed and registered as an utkast. A final version
 * gets its archive copy (workflows/workflow-documents.ts).
 */
export class ArendeDocuments {
  /** Documents being rendered, by handling. */
  private readonly rendering = new Map<string, number>();

  constructor(
    private readonly state: ArendeState,
    private readonly renderDocument: Activities['renderDocument'],
    private readonly outbox: Outbox,
    private readonly log: (actor: string, action: string, text: string) => void,
    private readonly now: () => string,
  ) {}

  async render(type: DocumentType, data: unknown, opts: { step: string; createdBy?: string }): Promise<DocumentRef> {
    const state = this.state;
    const handling = handlingKey(type, data);
    const inFlight = this.rendering.get(handling) ?? 0;
    const version = nextVersion(state, handling, inFlight);
    const signaturesComplete =
      type === 'tjansteutlatande' ? !!(state.signatures.forvaltningschef && state.signatures.avdelningschef) : !!state.agreement?.signedAt;
    this.rendering.set(handling, inFlight + 1);
    const doc = await this.renderDocument({
      ...renderRequest(state.kommunkod, type, data, opts.step),
      version,
      handling,
      status: documentStatus(type, { signaturesComplete }),
      createdBy: opts.createdBy ?? 'system',
      createdAt: this.now(),
      diarienummer: state.diarienummer,
    }).finally(() => this.rendering.set(handling, (this.rendering.get(handling) ?? 1) - 1));
    state.documents.push(doc);
    this.log(opts.createdBy ?? 'system', 'document', `${doc.title} (version ${doc.version}${doc.status === 'utkast' ? ', utkast' : ''}) skapat`);
    if (doc.status !== 'utkast' && patched('archive-final-documents')) archiveCopy(this.outbox, doc, (text) => this.log('system', 'archive', text));
    return doc;
  }
}
