/**
 * The municipality's look on its documents (name, units, colour, logo, default signatories). Validated before it
 * reaches a template: the colour is written into CSS and the logo is the src of an <img>.
 */
import { z } from 'zod';
import { lineSchema, optionalLine, signatorySchema } from './parts';

/** #rgb or #rrggbb, nothing else (no names, no rgb(), no url(), no semicolons): it is written into CSS. */
export const CSS_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
/** A base64 PNG or SVG data URL, nothing else: it is the src of an <img>. */
export const LOGO_DATA_URL = /^data:image\/(?:png|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;
export const LOGO_MAX_CHARS = 1_000_000;

/** Who may sign a nämnd's hemställan (missive) to kommunfullmäktige, by role. */
export const MISSIVE_SIGNER_ROLES = ['ordforande', 'sekreterare', 'forvaltningschef'] as const;
export type MissiveSignerRole = (typeof MISSIVE_SIGNER_ROLES)[number];

export const municipalityLookSchema = z.object({
  /** "Stockholms stad", "Malmö stad", "Kiruna kommun" */
  kommunName: lineSchema,
  forvaltning: optionalLine,
  avdelning: optionalLine,
  logoDataUrl: z
    .string()
    .max(LOGO_MAX_CHARS, { error: 'logotypen är för stor (högst 1 000 000 tecken som data-URL)' })
    .regex(LOGO_DATA_URL, {
      error: 'logotypen måste vara en data-URL av typen data:image/png;base64,… eller data:image/svg+xml;base64,…',
    })
    .optional(),
  primaryColor: z.string().regex(CSS_COLOR, { error: 'färgen måste skrivas #rgb eller #rrggbb (t.ex. #005a9c)' }),
  /** the registry's numbering format; not used by the templates (they print the diarienummer as given) */
  diarienummerFormat: lineSchema.max(100).optional(),
  /** default signatories, used when a document's data has none */
  signatories: z.array(signatorySchema).max(4).optional(),
  /**
   * Who signs a nämnd's hemställan to kommunfullmäktige, in order (the municipality's rules, e.g. its
   * reglemente): default the nämnd's ordförande and its sekreterare.
   */
  hemstallanSignedBy: z.array(z.enum(MISSIVE_SIGNER_ROLES)).min(1).max(3).default(['ordforande', 'sekreterare']),
});
export type MunicipalityLook = z.output<typeof municipalityLookSchema>;
export type MunicipalityLookInput = z.input<typeof municipalityLookSchema>;
