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

export interface RunningWeb {
  url: string;
  server: Server;
  context: ServerContext;
  stop(): Promise<void>;
}

/** Starts the Express app against a Temporal frontend. */
export async function startWeb(config: Config, address: string): Promise<RunningWeb> {
  const connection = await Connection.connect({ address });
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
    },
    secure: config.BF_COOKIE_SECURE === 'on',
    trustProxy: config.BF_TRUST_PROXY ?? false,
    metricsToken: config.BF_METRICS_TOKEN,
  };
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
