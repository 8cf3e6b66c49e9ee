/**
 * `npm start`: the whole product on one machine. Starts the Temporal dev server (unless TEMPORAL_ADDRESS points
 * at a cluster) with its SQLite file under data/, registers the search attributes, starts the worker and the web
 * app, seeds demo data on an empty data folder, and stops all of it on Ctrl-C.
 */
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { loadConfig } from './config';
import { createLogger, setLogger } from './logger';
import { startDevServer, type RunningDevServer } from './dev-server';
import { ensureSearchAttributes } from './search-attributes';
import { startConfiguredWorker } from './worker';
import { startWeb } from './web';
import { demoCredentials, demoUsersConfigured, hasNoArenden, seedDemoData } from './demo-data';

/** A Temporal server started by someone else that the product runs on (`npm run cluster`: runtime/cluster-main.ts). */
export interface ExternalTemporal {
  address: string;
  /** What to print instead of the dev server's UI line. */
  describe: string;
  stop(): Promise<void>;
}

export async function main(external?: ExternalTemporal) {
  const config = loadConfig();
  // One machine, one terminal: keep the console for people (warnings only) unless LOG_LEVEL asks for more.
  setLogger(createLogger({ level: process.env.LOG_LEVEL ?? 'warn', role: 'all' }));
  let devServer: RunningDevServer | undefined;
  let address = external?.address ?? config.TEMPORAL_ADDRESS;
  if (!address) {
    devServer = await startDevServer({
      dataDir: path.join(config.BF_DATA_DIR, 'temporal'),
      port: config.TEMPORAL_DEV_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
    });
    address = devServer.address;
  }
  const connection = await Connection.connect({ address });
  await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
  await connection.close();

  const { worker, renderer } = await startConfiguredWorker(config, address);
  const web = await startWeb(config, address);

  console.log('');
  console.log('Beslutsflöde är igång.');
  console.log(`  Webbappen:    ${web.url}`);
  if (external) console.log(`  Temporal:     ${external.describe}`);
  else if (devServer?.uiUrl) console.log(`  Temporal UI:  ${devServer.uiUrl}${devServer.reused ? ' (en redan startad server)' : ''}`);
  else console.log(`  Temporal:     ${address}`);
  console.log(`  Data:         ${config.BF_DATA_DIR}`);
  console.log('Avsluta med Ctrl-C.');
  if (config.BF_DEMO_DATA === 'on') {
    // Demo users and, on an empty data folder, demo ärenden (runtime/demo-data.ts); BF_DEMO_DATA=off turns both off.
    if (await hasNoArenden(web.context)) {
      console.log('Skapar demoärenden …');
      seedDemoData(web.context, (line) => console.log(line))
        .then(() => console.log('Demoärendena är klara.'))
        .catch((err) => console.error('Demodata kunde inte skapas:', err instanceof Error ? err.message : err));
    }
    if (await demoUsersConfigured(web.context)) console.log(demoCredentials().join('\n'));
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStänger Beslutsflöde …');
    await web.stop().catch((e) => console.error(e));
    await worker.shutdown().catch((e) => console.error(e));
    await renderer.close();
    await devServer?.stop();
    await external?.stop().catch((e) => console.error(e));
    console.log('Stängt.');
    process.exit(0);
  };
  // Ctrl-C reaches every process of the terminal's group (npm, tsx, this one): later signals are ignored while stopping.
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  worker.done.catch((err) => {
    console.error('Workern stannade:', err);
    void stop();
  });
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
