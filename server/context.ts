import type { Client } from '@temporalio/client';
import type { Organ } from '../domain/organs';
import type { ProgrammeRegistry } from '../domain/programmes';
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
  /** The municipality's organs and their diarieserier (config/kommuner/<kommunkod>.json, else domain/organs.ts DEFAULT_ORGANS). */
  organs?(kommunkod: string): readonly Organ[];
  /** The installation's programmes (BF_PROGRAMMES_DIR, runtime/programmes.ts); unset: the built-in ones. */
  programmes?: ProgrammeRegistry;
  /**
   * 'open': a series not among the organs is accepted with the name the request gives (BF_DIARIESERIER=open: tests
   * that need a fresh series each, a trial installation). Default 'config': only the configured organs.
   */
  series?: 'config' | 'open';
  /** Who is signed in: the Authenticator seam (config/users.json by default) and the session cookie codec. */
  auth: AuthDeps;
  /** Rate limits of /logga-in (defaults in routes/sign-in.ts). */
  signIn?: SignInOptions;
  /** Secure cookies and HSTS (behind TLS). */
  secure?: boolean;
  /** Express's `trust proxy` (BF_TRUST_PROXY): which proxies may name the client's address; default none. */
  trustProxy?: false | number | string;
  /** Hour of the reminder service's morning run, Stockholm time (BF_REMINDER_HOUR; default 7). */
  reminderHour?: number;
  /** BF_SMTP_URL is set: reminder mail goes out (the worker sends it). */
  mailEnabled?: boolean;
  /** The largest file a handling may be (BF_UPLOAD_MAX_BYTES; default 20 MiB, domain/attachments.ts). */
  maxUploadBytes?: number;
  /** GET /metrics wants this bearer token (BF_METRICS_TOKEN); unset: the web app has no /metrics. */
  metricsToken?: string;
}
