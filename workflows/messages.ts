/**
 * The messages of the adoption workflow: its input, the state its query returns, and its updates.
 * server/ and cli/ import these definitions without importing the workflow code.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Organ, Stage } from '../domain/stages';
import type { RegisterArende } from '../domain/arende';
import type { IsoDate } from '../domain/iso-date';
import type { DocumentRef } from '../activities/render-document';

export type AdoptionInput = RegisterArende & {
  /** The workflow id, also the ärende's id in the API. */
  arendeId: string;
  registeredBy: string;
  /** Pattern of the municipality's diarium (see domain/diarienummer.ts). */
  diarienummerPattern: string;
};

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  text: string;
  requestId?: string;
}

export interface Deadline {
  kind: string;
  label: string;
  date: IsoDate;
}

export interface ArendeState {
  id: string;
  kommunkod: string;
  namnd: { kod: string; namn: string };
  program: string;
  title: string;
  diarienummer?: string;
  stage: Stage;
  organ: Organ;
  kfRequired: boolean;
  caseOfficer: { name: string; title?: string };
  registeredAt: string;
  history: HistoryEntry[];
  documents: DocumentRef[];
  deadlines: Deadline[];
}

export const stateQuery = defineQuery<ArendeState>('state');

/** Resolves once the ärende has its diarienummer (drawn from the diarium at registration). */
export const registrationUpdate = defineUpdate<{ diarienummer: string }>('registration');
