import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DIARIENUMMER_PATTERN, diarienummerPatternSchema } from '../domain/diarienummer';
import { DEFAULT_ORGANS, organsSchema, type Organ } from '../domain/organs';
import { StaticLookProvider } from '../documents/looks';
import { PROJECT_ROOT } from './temporal-binaries';

/** config/kommuner/<kommunkod>.json: a municipality's look, diarium format, and organs with their diarieserier. */
const fileSchema = z.object({
  look: z.record(z.string(), z.unknown()).default({}),
  diarienummerPattern: diarienummerPatternSchema.default(DEFAULT_DIARIENUMMER_PATTERN),
  /** The nämnder and styrelse an ärende can be registered for (domain/organs.ts); absent: DEFAULT_ORGANS. */
  organs: organsSchema.optional(),
});

export interface MunicipalityConfig {
  looks: StaticLookProvider;
  diarienummerPattern(kommunkod: string): string;
  /** The municipality's organs and their diarieserier (its own list, or DEFAULT_ORGANS). */
  organs(kommunkod: string): readonly Organ[];
}

export function loadMunicipalityConfig(nameOf: (kod: string) => string | undefined, dir = path.join(PROJECT_ROOT, 'config', 'kommuner')): MunicipalityConfig {
  const looks: Record<string, unknown> = {};
  const patterns = new Map<string, string>();
  const organs = new Map<string, readonly Organ[]>();
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /^\d{4}\.json$/.test(f));
  } catch {
    files = [];
  }
  for (const file of files) {
    const kod = file.slice(0, 4);
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    if (!parsed.success) {
      throw new Error(`${path.join(dir, file)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    looks[kod] = parsed.data.look;
    patterns.set(kod, parsed.data.diarienummerPattern);
    if (parsed.data.organs) organs.set(kod, parsed.data.organs);
  }
  return {
    looks: new StaticLookProvider(looks, nameOf),
    diarienummerPattern: (kod) => patterns.get(kod) ?? DEFAULT_DIARIENUMMER_PATTERN,
    organs: (kod) => organs.get(kod) ?? DEFAULT_ORGANS,
  };
}
