import { execFileSync } from 'node:child_process';
import { accessSync, constants, rmSync } from 'node:fs';
import path from 'node:path';
import { TOOLS_DIR } from './temporal-binaries';

/**
 * The E-ARK validator (eark-validator on PyPI, DILCIS Board / Open Preservation Foundation, Apache-2.0), for the tests
 * only: validates the e-archive package against E-ARK CSIP/SIP 2.1 (structure, METS schema, Schematron rules).
 * Pinned and installed like veraPDF: a Python virtual environment in .tools/eark-validator-<version>/ (git-ignored)
 * with `pip install eark-validator==<version>`. It runs offline through archive/validation/eark_offline.py, which
 * answers the vocabulary downloads the validator makes at start-up from the copies in its own wheel.
 *
 * Where it comes from, in order: EARK_VALIDATOR_PYTHON (a Python with eark-validator installed), the project's
 * .tools/ install. Needs python3 with venv (Debian: python3-venv; .ci/run installs it).
 */
export const EARK_VALIDATOR = { version: '1.1.3', envVar: 'EARK_VALIDATOR_PYTHON' } as const;

export const EARK_VALIDATOR_DIR = path.join(TOOLS_DIR, `eark-validator-${EARK_VALIDATOR.version}`);
export const EARK_OFFLINE_WRAPPER = path.join(__dirname, '..', 'archive', 'validation', 'eark_offline.py');

const venvPython = (dir: string) => path.join(dir, 'bin', 'python');

function runs(python: string): boolean {
  try {
    accessSync(python, constants.X_OK);
    execFileSync(python, ['-c', 'import eark_validator'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The Python that has eark-validator, without installing anything; undefined: not here. */
export function findEarkValidator(env = process.env): string | undefined {
  const configured = env[EARK_VALIDATOR.envVar];
  if (configured) {
    if (runs(configured)) return configured;
    throw new Error(`${EARK_VALIDATOR.envVar}=${configured} är ingen Python med eark-validator installerat.`);
  }
  return runs(venvPython(EARK_VALIDATOR_DIR)) ? venvPython(EARK_VALIDATOR_DIR) : undefined;
}

export function describeMissingEarkValidator(): string {
  return (
    `eark-validator ${EARK_VALIDATOR.version} saknas. Kör "npm test" med python3 och venv installerade (Debian: ` +
    `"apt-get install python3-venv"; "bash .ci/run" gör det), så installeras det från PyPI till .tools/; eller sätt ${EARK_VALIDATOR.envVar}.`
  );
}

/** Installs the pinned eark-validator into .tools/ when it is not there (a venv, then pip from PyPI). */
export function ensureEarkValidator(log: (msg: string) => void = console.log, env = process.env): string | undefined {
  const found = findEarkValidator(env);
  if (found) return found;
  try {
    log(`Installerar eark-validator ${EARK_VALIDATOR.version} från PyPI till ${path.relative(path.dirname(TOOLS_DIR), EARK_VALIDATOR_DIR)}/ …`);
    // A venv's scripts name its own folder, so it is made in place; a failed install is removed whole.
    rmSync(EARK_VALIDATOR_DIR, { recursive: true, force: true });
    execFileSync('python3', ['-m', 'venv', EARK_VALIDATOR_DIR], { stdio: 'inherit' });
    execFileSync(venvPython(EARK_VALIDATOR_DIR), ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', `eark-validator==${EARK_VALIDATOR.version}`], {
      stdio: 'inherit',
    });
  } catch (err) {
    rmSync(EARK_VALIDATOR_DIR, { recursive: true, force: true });
    log(`${describeMissingEarkValidator()} (${(err as Error).message.split('\n')[0]})`);
    return undefined;
  }
  if (!runs(venvPython(EARK_VALIDATOR_DIR))) throw new Error(`Installationen av eark-validator i ${EARK_VALIDATOR_DIR} fungerar inte.`);
  return venvPython(EARK_VALIDATOR_DIR);
}

export interface EarkMessage {
  rule_id: string;
  severity: string;
  location?: string;
  message?: string;
}

export interface EarkReport {
  structure: { status: string; messages: EarkMessage[] };
  metadata?: { schema_results?: { status: string; messages: EarkMessage[] }; schematron_results?: { status: string; messages: EarkMessage[] } } | null;
}

/** Runs eark-validator (offline) on a package zip or folder; its JSON report. */
export function runEarkValidator(python: string, target: string): EarkReport {
  const out = execFileSync(python, [EARK_OFFLINE_WRAPPER, target], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as EarkReport;
}
