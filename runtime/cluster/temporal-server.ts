/**
 * The Temporal server processes of a cluster: all four services in one process (the default), or frontend,
 * history, matching and worker as one process each (`split`), all from config/temporal/server.yaml with the
 * environment below. A process can be killed (`kill -9`) and started again on its own; that is what the fault
 * tests do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../temporal-binaries';
import { portIsOpen } from '../dev-server';

export const SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type TemporalService = (typeof SERVICES)[number];

export const SERVER_CONFIG_FILE = path.join(PROJECT_ROOT, 'config', 'temporal', 'server.yaml');
export const DYNAMIC_CONFIG_FILE = path.join(PROJECT_ROOT, 'config', 'temporal', 'dynamicconfig.yaml');

export interface ServerPorts {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  /** Membership ports: one per service. */
  membership: Record<TemporalService, number>;
}

export interface TemporalServerOptions {
  binary: string;
  ports: ServerPorts;
  postgres: { host: string; port: number; user: string; password: string };
  split: boolean;
  logFile: string;
  logLevel?: string;
}

/** The environment config/temporal/server.yaml is rendered with (docker-compose.yml sets the same names). */
export function serverEnv(opts: TemporalServerOptions): NodeJS.ProcessEnv {
  const p = opts.ports;
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOG_LEVEL: opts.logLevel ?? 'warn',
    POSTGRES_SEEDS: opts.postgres.host,
    DB_PORT: String(opts.postgres.port),
    POSTGRES_USER: opts.postgres.user,
    POSTGRES_PWD: opts.postgres.password,
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    FRONTEND_GRPC_PORT: String(p.frontend),
    FRONTEND_HTTP_PORT: String(p.frontendHttp),
    HISTORY_GRPC_PORT: String(p.history),
    MATCHING_GRPC_PORT: String(p.matching),
    WORKER_GRPC_PORT: String(p.worker),
    FRONTEND_MEMBERSHIP_PORT: String(p.membership.frontend),
    HISTORY_MEMBERSHIP_PORT: String(p.membership.history),
    MATCHING_MEMBERSHIP_PORT: String(p.membership.matching),
    WORKER_MEMBERSHIP_PORT: String(p.membership.worker),
    DYNAMIC_CONFIG_FILE_PATH: DYNAMIC_CONFIG_FILE,
  };
}

/** One running server process and the services in it. */
interface ServerProcess {
  services: readonly TemporalService[];
  child: ChildProcess;
  exited: Promise<void>;
}

export class TemporalServer {
  private readonly processes = new Map<string, ServerProcess>();
  private log?: WriteStream;
  private readonly killAll = () => {
    for (const p of this.processes.values()) p.child.kill('SIGKILL');
  };

  constructor(readonly opts: TemporalServerOptions) {}

  get address() {
    return `127.0.0.1:${this.opts.ports.frontend}`;
  }

  /** The groups of services, one process each. */
  get groups(): ReadonlyArray<readonly TemporalService[]> {
    // History first: see start().
    return this.opts.split ? (['history', 'frontend', 'matching', 'worker'] as const).map((s) => [s]) : [SERVICES];
  }

  /**
   * Starts every process. With one process per service, history starts first and the others once it listens: on a
   * fresh database the processes would otherwise race to write the cluster metadata and one of them exits.
   */
  async start(): Promise<void> {
    this.log ??= createWriteStream(this.opts.logFile, { flags: 'a' });
    process.once('exit', this.killAll); // never leave a server behind
    const [first, ...rest] = this.groups;
    this.startGroup(first);
    if (rest.length === 0) return;
    const p = this.processOf(first[0]);
    const deadline = Date.now() + 60_000;
    while (!(await portIsOpen(this.opts.ports[first[0] as 'history'], '127.0.0.1'))) {
      if (p.child.exitCode !== null) throw new Error(`Temporal-servern (${first.join(', ')}) avslutades med kod ${p.child.exitCode}; se ${this.opts.logFile}`);
      if (Date.now() > deadline) throw new Error(`Temporal-servern (${first.join(', ')}) lyssnar inte efter 60 s; se ${this.opts.logFile}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const group of rest) this.startGroup(group);
  }

  private key(group: readonly TemporalService[]) {
    return group.join(',');
  }

  private startGroup(group: readonly TemporalService[]): void {
    const args = ['--config-file', SERVER_CONFIG_FILE, '--allow-no-auth', 'start', ...group.flatMap((s) => ['--service', s])];
    const child = spawn(this.opts.binary, args, { env: serverEnv(this.opts), cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(this.log!, { end: false });
    child.stderr?.pipe(this.log!, { end: false });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.processes.set(this.key(group), { services: group, child, exited });
  }

  /** The process that runs a service (in the one-process mode: the whole server). */
  processOf(service: TemporalService): ServerProcess {
    for (const p of this.processes.values()) if (p.services.includes(service)) return p;
    throw new Error(`Ingen process kör ${service}`);
  }

  pidOf(service: TemporalService): number | undefined {
    return this.processOf(service).child.pid;
  }

  /** Rejects when a server process ends by itself (a bad config, a port taken): for waiting on start. */
  exitedEarly(): Promise<never> {
    return new Promise((_, reject) => {
      for (const p of this.processes.values()) {
        void p.exited.then(() => {
          if (p.child.signalCode === null)
            reject(new Error(`Temporal-servern (${p.services.join(', ')}) avslutades med kod ${p.child.exitCode}; se ${this.opts.logFile}`));
        });
      }
    });
  }

  /** `kill -9` of the process that runs the service; resolves when it is gone. */
  async kill(service: TemporalService): Promise<void> {
    const p = this.processOf(service);
    p.child.kill('SIGKILL');
    await p.exited;
  }

  /** Starts the process of a service again (after kill()). */
  restart(service: TemporalService): void {
    const p = this.processOf(service);
    if (p.child.exitCode === null && p.child.signalCode === null) throw new Error(`${service} körs redan`);
    this.startGroup(p.services);
  }

  /** `kill -9` of every process. */
  async killAllNow(): Promise<void> {
    for (const p of this.processes.values()) p.child.kill('SIGKILL');
    await Promise.all([...this.processes.values()].map((p) => p.exited));
  }

  /** Starts every process that is not running. */
  restartAll(): void {
    for (const p of [...this.processes.values()]) if (p.child.exitCode !== null || p.child.signalCode !== null) this.startGroup(p.services);
  }

  /** SIGTERM to every process (SIGKILL after the grace period). */
  async stop(graceMs = 10_000): Promise<void> {
    const running = [...this.processes.values()].filter((p) => p.child.exitCode === null && p.child.signalCode === null);
    for (const p of running) p.child.kill('SIGTERM');
    const timer = setTimeout(() => running.forEach((p) => p.child.kill('SIGKILL')), graceMs);
    await Promise.all(running.map((p) => p.exited));
    clearTimeout(timer);
    process.removeListener('exit', this.killAll);
    this.log?.end();
  }
}
