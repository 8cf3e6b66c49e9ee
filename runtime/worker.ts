import path from 'node:path';
import { temporalRetryInterceptor } from './temporal-errors';
import type { WorkerDeploymentVersion } from '@temporalio/common';
import { workerDeploymentOptions } from './worker-deployment';
import { sharedWorkflowModules } from './workflow-preload';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode, type LogLevel, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { MailSettings } from '../activities/send-daily-mail';
import { ChromiumPdfRenderer, type PdfRenderer } from '../documents/renderer';
import { FileDocumentStore, type DocumentStore } from '../documents/store';
import type { LookProvider } from '../documents/looks';
import { CHROMIUM_ARGS, findChromium } from './chromium';
import type { Config } from './config';
import { createDocumentStore, prepareDocumentStore } from './document-store';
import { loadMunicipalityConfig } from './municipality-config';
import { loadMunicipalityRegistry, ownNameOf } from './reference-data';
import { observeActivities } from './activity-interceptor';
import { loadProgrammes } from './programmes';
import type { ProgrammeRegistry } from '../domain/programmes';

export const WORKFLOWS_PATH = require.resolve('../workflows');

/** Bundles the workflow code once; hand the result to every worker of the process (or of a test run). */
export async function bundleWorkflows(): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger, preloadModules: sharedWorkflowModules() });
}

const quietLogger = {
  log() {},
  trace() {},
  debug() {},
  info() {},
  warn(message: string) {
    console.warn(message);
  },
  error(message: string) {
    console.error(message);
  },
};

let runtimeInstalled = false;

/** The SDK's own logging at the product's level (once per process; the SDK's default is chatty INFO). */
export function installRuntime(level: LogLevel = 'WARN'): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch {
    // already installed by someone else in this process
  }
}

export function createRenderer(pages?: number): ChromiumPdfRenderer {
  return new ChromiumPdfRenderer({ executablePath: findChromium(), args: CHROMIUM_ARGS, pages });
}

export function documentStoreAt(dataDir: string): DocumentStore {
  return new FileDocumentStore(path.join(dataDir, 'documents'));
}

export interface WorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  renderer: PdfRenderer;
  store: DocumentStore;
  looks: LookProvider;
  workflowBundle?: WorkflowBundleOption;
  identity?: string;
  /** Workflows kept in the cache (BF_WORKER_CACHE); default 400. */
  maxCachedWorkflows?: number;
  /** How long shutdown() lets running activities (a PDF render) finish; default 0 (the SDK's). */
  shutdownGraceTime?: number;
  /** Reminder mail (BF_SMTP_URL …); unset: the reminder service sends nothing. */
  mail?: MailSettings;
  /** Worker Versioning: this build's deployment version (runtime/worker-deployment.ts); unset: unversioned. */
  deployment?: WorkerDeploymentVersion;
  /** The installation's programmes (BF_PROGRAMMES_DIR); default config/programmes. */
  programmes?: ProgrammeRegistry;
}

export interface RunningWorker {
  worker: Worker;
  /** Resolves when the worker has stopped; rejects if it failed. */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

/** Starts a worker with all workflows and activities; `shutdown()` drains it and closes its connections. */
export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  installRuntime();
  const connection = await NativeConnection.connect({ address: opts.address });
  const clientConnection = await Connection.connect({ address: opts.address, interceptors: [temporalRetryInterceptor()] });
  const client = new Client({ connection: clientConnection, namespace: opts.namespace });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.identity ? { identity: opts.identity } : {}),
    workflowBundle: opts.workflowBundle ?? (await bundleWorkflows()),
    interceptors: { activity: [observeActivities] },
    // A cached workflow costs ~0.1 MiB (its workflows/ modules and state; the domain's modules are shared: runtime/workflow-preload.ts); the SDK's default (~2 300 here, from the heap limit) is not a memory budget (docs/benchmarks.md).
    maxCachedWorkflows: opts.maxCachedWorkflows ?? 400,
    ...(opts.shutdownGraceTime ? { shutdownGraceTime: opts.shutdownGraceTime } : {}),
    ...(opts.deployment ? { workerDeploymentOptions: workerDeploymentOptions(opts.deployment) } : {}),
    activities: createActivities({
      client,
      taskQueue: opts.taskQueue,
      renderer: opts.renderer,
      store: opts.store,
      looks: opts.looks,
      mail: opts.mail,
      ...(opts.programmes ? { programmes: opts.programmes } : {}),
    }),
  });
  const done = worker.run();
  return {
    worker,
    done,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done.catch(() => undefined);
      await connection.close();
      await clientConnection.close();
    },
  };
}

/**
 * The worker as the environment configures it, for `npm start` and `npm run worker` alike: the document store (the
 * S3 bucket created and checked writable), Chromium with BF_RENDER_PAGES pages, the municipalities' looks, the cache
 * size. The caller closes the renderer after the worker's shutdown.
 */
export async function startConfiguredWorker(
  config: Config,
  address: string,
  extra: Pick<WorkerOptions, 'identity' | 'shutdownGraceTime' | 'workflowBundle' | 'deployment'> = {},
): Promise<{ worker: RunningWorker; renderer: ChromiumPdfRenderer; store: DocumentStore }> {
  const store = createDocumentStore(config);
  await prepareDocumentStore(store);
  const registry = loadMunicipalityRegistry();
  // A municipality without a configured look is printed under its own name ("Göteborgs Stad"), not "Göteborg".
  const looks = loadMunicipalityConfig(ownNameOf(registry)).looks;
  // Read before Chromium starts: a programme file at fault stops the start with its file and field named.
  const programmes = loadProgrammes(config.BF_PROGRAMMES_DIR);
  const renderer = createRenderer(config.BF_RENDER_PAGES);
  const worker = await startWorker({
    address,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    maxCachedWorkflows: config.BF_WORKER_CACHE,
    renderer,
    store,
    looks,
    ...(config.BF_SMTP_URL ? { mail: { smtpUrl: config.BF_SMTP_URL, from: config.BF_MAIL_FROM, baseUrl: config.BF_PUBLIC_URL } } : {}),
    programmes,
    ...extra,
  });
  return { worker, renderer, store };
}
