/**
 * The real Temporal server (the Go module go.temporal.io/server) and its schema tool, pinned to one version and
 * cached outside the clone, keyed on that version: a build takes 10–15 min on two cores, so it happens once per
 * machine (`.ci/run` and `npm run cluster` build only when the cached binaries are missing).
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The server version; docker-compose.yml's temporalio/server and admin-tools images carry the same (unit-tested). */
export const TEMPORAL_SERVER_VERSION = '1.32.2';
/** v1.32.2 needs Go ≥ 1.26.10; GOTOOLCHAIN fetches that toolchain through the Go module proxy. */
export const GO_TOOLCHAIN = 'go1.26.10';

const MODULE = 'go.temporal.io/server';
/** The two commands of the module that the cluster uses, and the names of their binaries (`go install` names). */
const COMMANDS = { server: 'cmd/server', sqlTool: 'cmd/tools/sql' } as const;
const BINARY_NAMES = { server: 'server', sqlTool: 'sql' } as const;

export interface ClusterBinaries {
  server: string;
  sqlTool: string;
  dir: string;
}

/** `BF_TEMPORAL_SERVER_CACHE`, else `~/.cache/beslutsflode/temporal-server-v<version>`. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BF_TEMPORAL_SERVER_CACHE) return env.BF_TEMPORAL_SERVER_CACHE;
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'beslutsflode', `temporal-server-v${TEMPORAL_SERVER_VERSION}`);
}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The cached binaries, or undefined when one is missing. */
export function findClusterBinaries(env: NodeJS.ProcessEnv = process.env): ClusterBinaries | undefined {
  const dir = cacheDir(env);
  const server = path.join(dir, BINARY_NAMES.server);
  const sqlTool = path.join(dir, BINARY_NAMES.sqlTool);
  return executable(server) && executable(sqlTool) ? { server, sqlTool, dir } : undefined;
}

/** The Go command: GO, else /usr/local/go/bin/go, else `go` on PATH. */
export function goCommand(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GO) return env.GO;
  return existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : 'go';
}

/** The `go install` arguments that build what is missing into the cache (also printed for people and for CI). */
export function buildCommand(which: ReadonlyArray<keyof typeof COMMANDS> = ['server', 'sqlTool']): string[] {
  return ['install', ...which.map((k) => `${MODULE}/${COMMANDS[k]}@v${TEMPORAL_SERVER_VERSION}`)];
}

/** Finds the cached binaries or builds the missing ones with Go (10–15 min for the server on two cores). */
export function ensureClusterBinaries(log: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): ClusterBinaries {
  const found = findClusterBinaries(env);
  if (found) return found;
  const dir = cacheDir(env);
  mkdirSync(dir, { recursive: true });
  const missing = (Object.keys(COMMANDS) as Array<keyof typeof COMMANDS>).filter((k) => !executable(path.join(dir, BINARY_NAMES[k])));
  const args = buildCommand(missing);
  log(`Bygger Temporal-servern ${TEMPORAL_SERVER_VERSION} (${missing.join(', ')}) till ${dir}; första gången tar det 10–15 minuter …`);
  try {
    execFileSync(goCommand(env), args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...env, GOTOOLCHAIN: env.GOTOOLCHAIN ?? GO_TOOLCHAIN, GOBIN: dir },
    });
  } catch (err) {
    throw new Error(
      `Temporal-servern kunde inte byggas (${goCommand(env)} ${args.join(' ')}): ${(err as Error).message}. ` +
        'Go (≥ 1.21, som hämtar ' +
        GO_TOOLCHAIN +
        ') och nätåtkomst till Go-modulproxyn behövs, eller lägg binärerna i ' +
        dir,
      { cause: err },
    );
  }
  const built = findClusterBinaries(env);
  if (!built) throw new Error(`Bygget gick igenom men binärerna saknas i ${dir}`);
  return built;
}
