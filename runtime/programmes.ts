/**
 * The installation's programmes: every `<id>.json` in BF_PROGRAMMES_DIR (default config/programmes), validated when
 * a process starts (domain/programme-schema.ts). A file that does not validate stops the start with a Swedish
 * message naming the file and the field; the product never runs on a half-read programme.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { programmeFileProblems, programmeFileSchema } from '../domain/programme-schema';
import { programmeRegistry, type Programme, type ProgrammeRegistry } from '../domain/programmes';
import { PROJECT_ROOT } from './temporal-binaries';

export const DEFAULT_PROGRAMMES_DIR = path.join(PROJECT_ROOT, 'config', 'programmes');

export class ProgrammeConfigError extends Error {
  override name = 'ProgrammeConfigError';
}

/** One file → its programme; throws ProgrammeConfigError naming the file and each field at fault. */
export function readProgrammeFile(file: string): Programme {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ProgrammeConfigError(`Programfilen ${file} kunde inte läsas som JSON: ${(err as Error).message}`);
  }
  const parsed = programmeFileSchema.safeParse(raw);
  if (!parsed.success) throw new ProgrammeConfigError(`Programfilen ${file} är felaktig: ${programmeFileProblems(parsed.error).join('; ')}`);
  const expectedId = path.basename(file, '.json');
  if (parsed.data.id !== expectedId) {
    throw new ProgrammeConfigError(`Programfilen ${file} är felaktig: id: måste vara filens namn (${expectedId}), inte ${parsed.data.id}`);
  }
  return parsed.data;
}

/** Every programme of `dir`; at least one must be there. */
export function loadProgrammes(dir: string = DEFAULT_PROGRAMMES_DIR): ProgrammeRegistry {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (err) {
    throw new ProgrammeConfigError(`Programmappen ${dir} (BF_PROGRAMMES_DIR) kunde inte läsas: ${(err as Error).message}`);
  }
  if (files.length === 0) throw new ProgrammeConfigError(`Programmappen ${dir} (BF_PROGRAMMES_DIR) har inga program (<id>.json)`);
  return programmeRegistry(files.map((f) => readProgrammeFile(path.join(dir, f))));
}
