import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The schema files shipped in every package (archive/schemas/, sources and licences in its README.md). */
export const PACKAGE_SCHEMAS = ['mets.xsd', 'xlink.xsd', 'DILCISExtensionMETS.xsd', 'DILCISExtensionSIPMETS.xsd', 'ERMS.xsd'] as const;

export const SCHEMA_DIR = path.join(__dirname, 'schemas');

let cache: Map<string, Uint8Array> | undefined;

export function packageSchemas(): Map<string, Uint8Array> {
  cache ??= new Map(PACKAGE_SCHEMAS.map((name) => [name, new Uint8Array(readFileSync(path.join(SCHEMA_DIR, name)))]));
  return cache;
}
