import type { Client } from '@temporalio/client';
import type { DocumentStore } from '../documents/store';

/** What the web process needs: a Temporal client and read access to the document store for downloads. */
export interface ServerContext {
  client: Client;
  taskQueue: string;
  store: DocumentStore;
  /** Name of a municipality by kommunkod; undefined for an unknown code. */
  kommunName(kommunkod: string): string | undefined;
  /** The municipality's diarium format. */
  diarienummerPattern(kommunkod: string): string;
}
