/** Finding programs on this machine: the one test every binary finder (Chromium, Temporal, veraPDF, Ghostscript) uses. */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** True when `file` is a regular file this process may run. */
export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first `command` in a directory of PATH that is executable, or undefined. */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}
