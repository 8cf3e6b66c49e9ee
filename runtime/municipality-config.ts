import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DIARIENUMMER_PATTERN, diarienummerPatternSchema } from '../domain/diarienummer';
import { StaticLookProvider } from '../documents/looks';
import { PROJECT_ROOT } from './temporal-binaries';

/** config/kommuner/<kommunkod>.json: a municipality's look and diarium format. */
const fileSchema = z.object({
  look: z.record(z.string(), z.unknown()).default({}),
  diarienummerPattern: diarienummerPatternSchema.default(DEFAULT_DIARIENUMMER_PATTERN),
});

export interface MunicipalityConfig {
  looks: StaticLookProvider;
  diarienummerPattern(kommunkod: string): string;
}

export function loadMunicipalityConfig(nameOf: (kod: string) => string | undefined, dir = path.join(PROJECT_ROOT, 'config', 'kommuner')): MunicipalityConfig {
  const looks: Record<string, unknown> = {};
  const patterns = new Map<string, string>();
  let files: string[] = [];
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
  }
  return {
    looks: new StaticLookProvider(looks, nameOf),
    diarienummerPattern: (kod) => patterns.get(kod) ?? DEFAULT_DIARIENUMMER_PATTERN,
  };
}
