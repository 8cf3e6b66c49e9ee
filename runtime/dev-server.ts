import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, createWriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { describeMissing, findTemporalBinary } from './temporal-binaries';

export interface DevServerOptions {
  dataDir: string;
  port: number;
  uiPort?: number; // undefined: headless
  ip?: string;
  /** Durable by default; tests may pass extra pragmas for speed (never `synchronous=OFF` for `npm start`). */
  sqlitePragmas?: string[];
  logFile?: string;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  /** True when we found a server already listening (started by an earlier `npm start`) instead of starting one. */
  reused: boolean;
  stop(): Promise<void>;
}

export function portIsOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits until the frontend answers gRPC health checks. */
export async function waitForTemporal(address: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.healthService.check({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`Temporal svarar inte på ${address} efter ${timeoutMs / 1000} s: ${String(lastError)}`);
}

/**
 * Starts `temporal server start-dev` as a child process with its SQLite file under dataDir,
 * or reuses one that already listens on the port.
 */
export async function startDevServer(opts: DevServerOptions): Promise<RunningDevServer> {
  const ip = opts.ip ?? '127.0.0.1';
  const address = `${ip}:${opts.port}`;
  const uiUrl = opts.uiPort ? `http://${ip}:${opts.uiPort}` : undefined;
  if (await portIsOpen(opts.port, ip)) {
    await waitForTemporal(address);
    return { address, uiUrl, reused: true, stop: async () => undefined };
  }
  const cli = findTemporalBinary('cli');
  if (!cli) throw new Error(describeMissing('cli'));
  mkdirSync(opts.dataDir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(opts.dataDir, 'temporal.sqlite'),
    '--ip',
    ip,
    '--port',
    String(opts.port),
    '--log-level',
    'warn',
    '--sqlite-pragma',
    'journal_mode=WAL',
  ];
  for (const pragma of opts.sqlitePragmas ?? []) args.push('--sqlite-pragma', pragma);
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  const child = spawn(cli.path, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  const log = createWriteStream(opts.logFile ?? path.join(opts.dataDir, 'temporal-server.log'), { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  const killOnExit = () => child.kill('SIGKILL'); // never leave an orphaned server behind
  process.once('exit', killOnExit);
  child.once('exit', () => {
    exited = true;
    process.removeListener('exit', killOnExit);
  });
  try {
    await waitForTemporal(address);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return { address, uiUrl, reused: false, stop: () => stopChild(child, () => exited) };
}

export async function stopChild(child: ChildProcess, hasExited: () => boolean, graceMs = 10_000): Promise<void> {
  if (hasExited()) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}
