/**
 * The programmes the web process offers: those it was started with (runtime/web.ts reads BF_PROGRAMMES_DIR and
 * createApp sets them here), until then the built-in ones. One holder for the process, because the request schemas
 * (server/skr/schemas.ts, the registration) are module-level zod schemas that check a programme id against it.
 */
import { BUILT_IN_PROGRAMMES, programmeRegistry, type Programme, type ProgrammeRegistry } from '../domain/programmes';

let configured: ProgrammeRegistry = programmeRegistry(Object.values(BUILT_IN_PROGRAMMES));

export function useProgrammes(registry: ProgrammeRegistry): void {
  configured = registry;
}

export function configuredProgrammes(): ProgrammeRegistry {
  return configured;
}

/** The configured programme `id` (validated by the request's schema first). */
export function programmeById(id: string): Programme {
  return configured.byId(id);
}

export function isConfiguredProgramme(id: string): boolean {
  return configured.get(id) !== undefined;
}

/** "yrkesresan, ledarresan": for the messages that list what may be chosen. */
export function programmeIds(): string {
  return configured.all.map((p) => p.id).join(', ');
}
