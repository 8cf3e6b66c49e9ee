import type { Client } from '@temporalio/client';
import type { DocumentStore } from '../documents/store';
import type { AuthDeps } from './auth/middleware';
import type { SignInOptions } from './routes/sign-in';

/** What the web process needs: a Temporal client, read access to the document store for downloads, and sign-in. */
export interface ServerContext {
  client: Client;
  taskQueue: string;
  store: DocumentStore;
  /** Name of a municipality by kommunkod; undefined for an unknown code. */
  kommunName(kommunkod: string): string | undefined;
  /** The municipality's diarium format. */
  diarienummerPattern(kommunkod: string): string;
  /** Who is signed in: the Authenticator seam (config/users.json by default) and the session cookie codec. */
  auth: AuthDeps;
  /** Rate limits of /logga-in (defaults in routes/sign-in.ts). */
  signIn?: SignInOptions;
  /** Secure cookies and HSTS (behind TLS). */
  secure?: boolean;
}
