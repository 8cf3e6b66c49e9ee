/** The web process alone (`npm run web`), for running several web processes against one Temporal. */
import { startWeb } from '../runtime/web';
import { loadConfig } from '../runtime/config';

async function main() {
  const config = loadConfig();
  if (!config.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS måste vara satt när webbprocessen körs ensam.');
  const web = await startWeb(config, config.TEMPORAL_ADDRESS);
  console.log(`Beslutsflöde: webbappen på ${web.url}`);
  const stop = () => void web.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
