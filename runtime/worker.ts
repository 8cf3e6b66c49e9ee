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
import { backgroundTaskQueue } from '../domain/task-queues';

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
  /**
   * Which queues this process polls (BF_WORKER_QUEUES, domain/task-queues.ts): 'all' (default) the workflows and
   * interactive activities on taskQueue and the background queue beside it; 'interactive' or 'background' one of them,
   * for a cluster that runs the background work in processes of its own.
   */
  queues?: WorkerQueues;
  /** Background activities (archive copies, signatures, bulk invitations) run at once (BF_BACKGROUND_SLOTS); default 2. */
  backgroundSlots?: number;
}

export type WorkerQueues = 'all' | 'interactive' | 'background';

export interface RunningWorker {
  /** The worker of the interactive queue (the background one when the process polls only that). */
  worker: Worker;
  /** Every worker of the process: the interactive and the background queue's. */
  workers: Worker[];
  /** Resolves when the worker has stopped; rejects if it failed. */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Starts the process's workers: the workflows with the interactive activities on taskQueue, and the background
 * queue's (archive copies, signatures, bulk invitations) with a few slots, sharing one connection and one set of
 * activities (domain/task-queues.ts). `shutdown()` drains them and closes the connections.
 */
export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  installRuntime();
  const queues = opts.queues ?? 'all';
  const connection = await NativeConnection.connect({ address: opts.address });
  const clientConnection = await Connection.connect({ address: opts.address, interceptors: [temporalRetryInterceptor()] });
  const client = new Client({ connection: clientConnection, namespace: opts.namespace });
  const activities = createActivities({
    client,
    taskQueue: opts.taskQueue,
    renderer: opts.renderer,
    store: opts.store,
    looks: opts.looks,
    mail: opts.mail,
    ...(opts.programmes ? { programmes: opts.programmes } : {}),
  });
  const common = {
    connection,
    namespace: opts.namespace,
    ...(opts.identity ? { identity: opts.identity } : {}),
    interceptors: { activity: [observeActivities] },
    activities,
    ...(opts.shutdownGraceTime ? { shutdownGraceTime: opts.shutdownGraceTime } : {}),
    ...(opts.deployment ? { workerDeploymentOptions: workerDeploymentOptions(opts.deployment) } : {}),
  };
  const workers: Worker[] = [];
  try {
    if (queues !== 'background') {
      workers.push(
        await Worker.create({
          ...common,
          taskQueue: opts.taskQueue,
          workflowBundle: opts.workflowBundle ?? (await bundleWorkflows()),
          // A cached workflow costs ~0.1 MiB (its workflows/ modules and state; the domain's modules are shared: runtime/workflow-preload.ts); the SDK's default (~2 300 here, from the heap limit) is not a memory budget (docs/benchmarks.md).
          maxCachedWorkflows: opts.maxCachedWorkflows ?? 400,
        }),
      );
    }
    if (queues !== 'interactive') {
      // Activities only: few at once, so that the Ghostscript and pyHanko processes (niced: runtime/background-process.ts)
      // leave the cores to the interactive work; the rest wait on the server, not in this process.
      workers.push(
        await Worker.create({
          ...common,
          taskQueue: backgroundTaskQueue(opts.taskQueue),
          maxConcurrentActivityTaskExecutions: opts.backgroundSlots ?? 2,
        }),
      );
    }
  } catch (err) {
    await connection.close().catch(() => undefined);
    await clientConnection.close().catch(() => undefined);
    throw err;
  }
  const runs = workers.map((w) => w.run());
  // One worker stopping (a fatal error) stops the others: the process is one unit for its supervisor.
  const done = Promise.all(
    runs.map((run) =>
      run.catch((err: unknown) => {
        for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
        throw err;
      }),
    ),
  ).then(() => undefined);
  return {
    worker: workers[0],
    workers,
    done,
    async shutdown() {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
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
    queues: config.BF_WORKER_QUEUES,
    backgroundSlots: config.BF_BACKGROUND_SLOTS,
    renderer,
    store,
    looks,
    ...(config.BF_SMTP_URL ? { mail: { smtpUrl: config.BF_SMTP_URL, from: config.BF_MAIL_FROM, baseUrl: config.BF_PUBLIC_URL } } : {}),
    programmes,
    ...extra,
  });
  return { worker, renderer, store };
}
