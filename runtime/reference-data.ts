import { officialMunicipalityName } from '../domain/municipality-names';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRegistry, parseKommunerCsv, parseRssCsv, type Registry } from '../domain/municipalities';
import { PROJECT_ROOT } from './temporal-binaries';

export const REFERENCE_DIR = path.join(PROJECT_ROOT, 'reference');

let cached: Registry | undefined;

/** All 290 municipalities (SCB) with their county's RSS, from reference/ (see reference/SOURCES.md). */
export function loadMunicipalityRegistry(): Registry {
  if (!cached) {
    const kommuner = parseKommunerCsv(readFileSync(path.join(REFERENCE_DIR, 'kommuner.csv'), 'utf8'));
    const rss = parseRssCsv(readFileSync(path.join(REFERENCE_DIR, 'rss.csv'), 'utf8'));
    cached = createRegistry(kommuner, rss);
  }
  return cached;
}

/** The name a municipality uses for itself ("Göteborgs Stad"), by kommunkod: the letterhead of one without a configured look. */
export function ownNameOf(registry: Registry = loadMunicipalityRegistry()): (kommunkod: string) => string | undefined {
  return (kommunkod) => {
    const m = registry.byKode(kommunkod);
    return m && officialMunicipalityName(m);
  };
}
