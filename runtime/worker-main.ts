/**
 * The worker process alone (`npm run worker`): workflows and activities against a Temporal cluster at
 * TEMPORAL_ADDRESS, any number of them side by side. /healthz and /metrics on BF_WORKER_HTTP_PORT when set.
 * SIGTERM drains: no new tasks are taken, running ones (a PDF render) may finish within the grace time.
 */
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import { timingSafeEqual } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { Runtime, type LogLevel, type LogMetadata } from '@temporalio/worker';
import { ConfigError, loadClusterConfig } from './config';
import { waitForTemporal } from './dev-server';
import { createLogger, setLogger, type Logger } from './logger';
import { registry } from './metrics';
import { ensureSearchAttributes } from './search-attributes';
import { startConfiguredWorker, type RunningWorker } from './worker';
import { deploymentVersionFrom, makeCurrentVersion } from './worker-deployment';

const SHUTDOWN_GRACE_MS = 25_000;

async function main() {
  const config = loadClusterConfig();
  const log = setLogger(createLogger({ level: config.LOG_LEVEL, role: 'worker' }));
  installSdkLogger(log);
  const address = config.TEMPORAL_ADDRESS;

  log.info({ address, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, store: config.BF_DOCUMENT_STORE }, 'startar worker');
  await waitForTemporal(address, 120_000);
  await registerSearchAttributes(address, config.TEMPORAL_NAMESPACE);

  const deployment = deploymentVersionFrom(config);
  const { worker, renderer } = await startConfiguredWorker(config, address, {
    identity: `${os.hostname()}-${process.pid}`,
    ...(deployment ? { deployment } : {}),
    shutdownGraceTime: SHUTDOWN_GRACE_MS,
    ...(config.BF_WORKFLOW_BUNDLE ? { workflowBundle: { codePath: config.BF_WORKFLOW_BUNDLE } } : {}),
  });
  if (deployment) {
    // A new build's workers make it the current version once they poll; the old build's workers can then stop.
    const connection = await Connection.connect({ address });
    await makeCurrentVersion(connection, config.TEMPORAL_NAMESPACE, deployment).finally(() => connection.close());
    log.info({ deployment }, 'versionen är aktuell');
  }
  const http = config.BF_WORKER_HTTP_PORT !== undefined ? await startHttp(worker, config.BF_WORKER_HTTP_PORT, config.HOST, config.BF_METRICS_TOKEN) : undefined;
  const port = http ? (http.address() as { port: number }).port : undefined;
  log.info({ httpPort: port }, 'worker igång');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'andra signalen: avslutar direkt');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'stänger worker: tar inga nya uppgifter, låter pågående bli klara');
    const force = setTimeout(() => {
      log.error('workern stängde inte i tid; avslutar');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS + 5_000);
    force.unref();
    await worker.shutdown().catch((err) => log.error({ err }, 'fel vid stängning av workern'));
    await renderer.close().catch(() => undefined);
    await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
    log.info('worker stängd');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  worker.done.catch((err) => {
    log.fatal({ err: { message: (err as Error)?.message } }, 'workern stannade');
    process.exit(1);
  });
}

/** Every worker registers the search attributes; two starting at once may race, which is fine once they exist. */
async function registerSearchAttributes(address: string, namespace: string) {
  const connection = await Connection.connect({ address });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await ensureSearchAttributes(connection, namespace);
        return;
      } catch (err) {
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  } finally {
    await connection.close();
  }
}

function startHttp(worker: RunningWorker, port: number, host: string, token: string | undefined): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      const state = worker.worker.getState();
      const ok = state === 'RUNNING';
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'not_running', worker: state }));
      return;
    }
    if (req.method === 'GET' && path === '/metrics') {
      if (token && !bearerMatches(req.headers.authorization, token)) {
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' });
        res.end(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'Mätvärdena kräver en token', fields: [] } }));
        return;
      }
      registry.metrics().then(
        (body) => {
          res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
          res.end(body);
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Finns inte', fields: [] } }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The SDK's own log lines (core and worker) as JSON through pino, at WARN and above. */
function installSdkLogger(log: Logger) {
  // The SDK reports its own state changes at INFO; only its warnings and errors are worth a line, unless LOG_LEVEL is stricter.
  const sdk = log.child({ component: 'temporal-sdk' }, { level: log.levelVal > 40 ? log.level : 'warn' });
  const write = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const fields = { ...(meta ?? {}) };
    if (level === 'ERROR') sdk.error(fields, message);
    else if (level === 'WARN') sdk.warn(fields, message);
    else if (level === 'INFO') sdk.info(fields, message);
    else sdk.debug(fields, message);
  };
  try {
    Runtime.install({
      logger: {
        log: write,
        trace: (m, meta) => write('TRACE', m, meta),
        debug: (m, meta) => write('DEBUG', m, meta),
        info: (m, meta) => write('INFO', m, meta),
        warn: (m, meta) => write('WARN', m, meta),
        error: (m, meta) => write('ERROR', m, meta),
      },
      telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} } },
    });
  } catch {
    // a runtime is already installed in this process
  }
}

main().catch((err) => {
  // Configuration errors are for a person reading the container log: the message alone, in Swedish.
  console.error(err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
