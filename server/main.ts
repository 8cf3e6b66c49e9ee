/** The web process alone (`npm run web`), for running several web processes against one Temporal cluster. */
import { ConfigError, loadClusterConfig } from '../runtime/config';
import { createLogger, setLogger } from '../runtime/logger';
import { startWeb } from '../runtime/web';

async function main() {
  const config = loadClusterConfig();
  const log = setLogger(createLogger({ level: config.LOG_LEVEL, role: 'web' }));
  const web = await startWeb(config, config.TEMPORAL_ADDRESS);
  log.info({ url: web.url, address: config.TEMPORAL_ADDRESS }, 'webbappen är igång');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void web.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
