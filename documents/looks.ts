import { municipalityLookSchema, type MunicipalityLook } from '../domain/documents/look';

/** The municipality's look (name, logo, colours, signatories) is configuration, not a fork of a template. */
export interface LookProvider {
  lookFor(kommunkod: string): Promise<MunicipalityLook>;
}

export const DEFAULT_PRIMARY_COLOR = '#1f3a5f';

/** Looks from configuration, validated once; a municipality without one gets its name and a neutral colour. */
export class StaticLookProvider implements LookProvider {
  private readonly looks = new Map<string, MunicipalityLook>();

  constructor(
    configured: Record<string, unknown>,
    private readonly nameOf: (kommunkod: string) => string | undefined,
  ) {
    for (const [kod, look] of Object.entries(configured)) {
      const parsed = municipalityLookSchema.safeParse({ ...this.fallback(kod), ...(look as object) });
      if (!parsed.success) {
        throw new Error(`Utseendet för kommun ${kod} är felaktigt: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      this.looks.set(kod, parsed.data);
    }
  }

  private fallback(kommunkod: string) {
    return { kommunName: this.nameOf(kommunkod) ?? `Kommun ${kommunkod}`, primaryColor: DEFAULT_PRIMARY_COLOR };
  }

  async lookFor(kommunkod: string): Promise<MunicipalityLook> {
    return this.looks.get(kommunkod) ?? municipalityLookSchema.parse(this.fallback(kommunkod));
  }
}
