import type { ProgrammeRegistry } from '../domain/programmes';
import { loadProgrammes } from '../runtime/programmes';

let defaultProgrammes: ProgrammeRegistry | undefined;

/** The worker's programmes: those it was given (BF_PROGRAMMES_DIR, tests), or config/programmes read once. */
export function programmesOf(deps: { programmes?: ProgrammeRegistry }): ProgrammeRegistry {
  return deps.programmes ?? (defaultProgrammes ??= loadProgrammes());
}
