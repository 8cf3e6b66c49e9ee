import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../server/app';
import type { ServerContext } from '../server/context';
import type { Config } from './config';
import { loadMunicipalityConfig } from './municipality-config';
import { loadProgrammes } from './programmes';
import { loadMunicipalityRegistry } from './reference-data';
import { createDocumentStore } from './document-store';
import { ConfigFileAuthenticator } from '../server/auth/authenticator';
import { SessionCodec } from '../server/auth/session';
import { loadUsersFile } from '../server/auth/users-file';
import { sessionSecret } from './session-secret';
import { OidcSignIn } from '../server/auth/oidc';
import { loadOidcMapping } from '../server/auth/oidc-mapping';
import { recordSignIn } from '../server/reminders';

/** The municipality's own sign-in when BF_OIDC_* are set (docs/auth.md); a bad mapping file stops the start. */
function oidcSignIn(config: Config): OidcSignIn | undefined {
  if (!config.BF_OIDC_ISSUER || !config.BF_OIDC_CLIENT_ID || !config.BF_OIDC_REDIRECT_URI) return undefined;
  return new OidcSignIn({
    issuer: config.BF_OIDC_ISSUER,
    clientId: config.BF_OIDC_CLIENT_ID,
    clientSecret: config.BF_OIDC_CLIENT_SECRET,
    redirectUri: config.BF_OIDC_REDIRECT_URI,
    postLogoutRedirectUri: config.BF_OIDC_POST_LOGOUT_URI,
    scopes: config.BF_OIDC_SCOPES,
    label: config.BF_OIDC_LABEL,
    mapping: loadOidcMapping(config.BF_OIDC_MAPPING_FILE),
  });
}
import { temporalRetryInterceptor, WEB_GRPC_ATTEMPTS } from './temporal-errors';

export interface RunningWeb {
  url: string;
  server: Server;
  context: ServerContext;
  stop(): Promise<void>;
}

/** Starts the Express app against a Temporal frontend. */
export async function startWeb(config: Config, address: string): Promise<RunningWeb> {
  // The SDK's retries plus the namespace that is briefly "not found" after PostgreSQL restarts (runtime/temporal-errors.ts).
  const connection = await Connection.connect({ address, interceptors: [temporalRetryInterceptor(WEB_GRPC_ATTEMPTS)] });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const registry = loadMunicipalityRegistry();
  const nameOf = (kod: string) => registry.byKode(kod)?.name;
  const municipalityConfig = loadMunicipalityConfig(nameOf);
  const context: ServerContext = {
    client,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    store: createDocumentStore(config),
    kommunName: nameOf,
    diarienummerPattern: municipalityConfig.diarienummerPattern,
    organs: municipalityConfig.organs,
    programmes: loadProgrammes(config.BF_PROGRAMMES_DIR),
    series: config.BF_DIARIESERIER,
    auth: {
      authenticator: new ConfigFileAuthenticator(loadUsersFile(config.BF_USERS_FILE)),
      sessions: new SessionCodec({ secret: sessionSecret(config.BF_SESSION_SECRET, config.BF_DATA_DIR), cookieSecure: config.BF_COOKIE_SECURE === 'on' }),
      oidc: oidcSignIn(config),
    },
    secure: config.BF_COOKIE_SECURE === 'on',
    trustProxy: config.BF_TRUST_PROXY ?? false,
    metricsToken: config.BF_METRICS_TOKEN,
    maxUploadBytes: config.BF_UPLOAD_MAX_BYTES,
    reminderHour: config.BF_REMINDER_HOUR,
    mailEnabled: config.BF_SMTP_URL !== undefined,
  };
  // Who signs in is told to the reminder service (their e-mail and scope for the mails), when mail is configured.
  if (config.BF_SMTP_URL) context.auth.onSignIn = (p) => recordSignIn(context, p);
  const app = createApp(context);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  return {
    url: `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`,
    server,
    context,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await connection.close();
    },
  };
}
