import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, TOOLS_DIR } from '../runtime/temporal-binaries';

/**
 * pyHanko (PyPI `pyhanko`, MIT), the PAdES signer behind the local signer (signing/local-pades.ts). Pinned like the
 * Temporal binaries and veraPDF and installed the same way into .tools/ (git-ignored): a virtual environment
 * .tools/pyhanko-<version>/ made with the machine's python3 (its `venv` module; Debian: python3-venv), into which
 * pip installs the pinned requirements below, wheels only.
 *
 * Where the interpreter comes from, in order:
 * 1. BF_PYHANKO_PYTHON: a python with pyHanko importable (an install of its own),
 * 2. the project-local virtual environment .tools/pyhanko-<version>/.
 */
export const PYHANKO = {
  version: '0.38.0',
  /** pyHanko and the libraries the signature depends on, pinned as they worked here (pip fetches the rest). */
  requirements: ['pyhanko==0.38.0', 'pyhanko-certvalidator==0.33.0', 'cryptography==50.0.2', 'asn1crypto==1.5.1'],
  envVar: 'BF_PYHANKO_PYTHON',
} as const;

export const PYHANKO_DIR = path.join(TOOLS_DIR, `pyhanko-${PYHANKO.version}`);

/** The signing script that the local signer runs with the interpreter below. */
export const PADES_SCRIPT = path.join(PROJECT_ROOT, 'signing', 'pades_sign.py');

export interface FoundPyhanko {
  python: string;
  source: 'env' | 'project';
}

function imports(python: string): boolean {
  const r = spawnSync(python, ['-c', 'import pyhanko.sign, cryptography'], { stdio: 'ignore', timeout: 60_000 });
  return r.status === 0;
}

const venvPython = (dir: string) => path.join(dir, 'bin', 'python');
/** Written last by the install: the requirements it installed. Without it (or with others) the folder is not used. */
const marker = (dir: string) => path.join(dir, 'beslutsflode-installed.json');
const MARKER_TEXT = JSON.stringify(PYHANKO.requirements);

function installedHere(dir: string): boolean {
  try {
    return readFileSync(marker(dir), 'utf8') === MARKER_TEXT && existsSync(venvPython(dir));
  } catch {
    return false;
  }
}

/** Finds pyHanko without installing anything; undefined means "not here". */
export function findPyhanko(env = process.env): FoundPyhanko | undefined {
  const configured = env[PYHANKO.envVar];
  if (configured) {
    if (imports(configured)) return { python: configured, source: 'env' };
    throw new Error(`${PYHANKO.envVar}=${configured} är ingen python där pyHanko går att importera.`);
  }
  if (installedHere(PYHANKO_DIR)) return { python: venvPython(PYHANKO_DIR), source: 'project' };
  return undefined;
}

export function describeMissingPyhanko(): string {
  return (
    `pyHanko ${PYHANKO.version} (den lokala PAdES-signeraren) saknas. Kör "npm start" eller "npm test" med python3 ` +
    `och dess venv-modul installerade (Debian: "apt-get install python3-venv"; "bash .ci/run" gör det), så ` +
    `installeras ${PYHANKO.requirements.join(' ')} från PyPI till .tools/; eller sätt ${PYHANKO.envVar}.`
  );
}

/**
 * Installs the pinned pyHanko into .tools/pyhanko-<version>/ when it is nowhere to be found and python3 is here.
 * The virtual environment is made in its final place (its scripts name it) and counts only when the marker file,
 * written last, is there: a half-made one is made again.
 */
export function ensurePyhanko(log: (msg: string) => void = console.log, env = process.env): FoundPyhanko | undefined {
  const found = findPyhanko(env);
  if (found) return found;
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0);
  if (!python) {
    log(describeMissingPyhanko());
    return undefined;
  }
  mkdirSync(TOOLS_DIR, { recursive: true });
  rmSync(PYHANKO_DIR, { recursive: true, force: true });
  log(`Installerar pyHanko ${PYHANKO.version} från PyPI till ${path.relative(PROJECT_ROOT, PYHANKO_DIR)}/ …`);
  try {
    execFileSync(python, ['-m', 'venv', PYHANKO_DIR], { stdio: 'inherit', timeout: 5 * 60_000 });
    execFileSync(venvPython(PYHANKO_DIR), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--only-binary=:all:', ...PYHANKO.requirements], {
      stdio: 'inherit',
      timeout: 10 * 60_000,
    });
    if (!imports(venvPython(PYHANKO_DIR))) throw new Error('pyHanko går inte att importera efter installationen');
    writeFileSync(marker(PYHANKO_DIR), MARKER_TEXT);
  } catch (err) {
    rmSync(PYHANKO_DIR, { recursive: true, force: true });
    log(`Kunde inte installera pyHanko: ${(err as Error).message}`);
    return undefined;
  }
  return findPyhanko(env);
}
