import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DocumentRef } from '../domain/documents/ref';
import type { RegisterHandling } from '../domain/attachments';

/**
 * The register of handlingar that were not made by the process (issue 15 p. 3): files received (inkommande) or drawn
 * up elsewhere (upprättad), one small workflow per ärende beside its adoption workflow (docs/attachments.md says why).
 */
export const handlingarWorkflowId = (arendeId: string) => `${arendeId}/handlingar`;

export interface HandlingarInput {
  arendeId: string;
  diarienummer?: string;
}

export interface HandlingEntry {
  document: DocumentRef;
  /** Registered as this remissinstans' answer. */
  referralRecipient?: string;
  registeredBy: string;
  requestId: string;
}

export interface HandlingarState {
  arendeId: string;
  handlingar: HandlingEntry[];
}

/** Registers one uploaded file; the same request id again returns the first entry and changes nothing. */
export const registerHandlingUpdate = defineUpdate<HandlingEntry, [RegisterHandling]>('registerHandling');
export const handlingarQuery = defineQuery<HandlingarState>('handlingar');
