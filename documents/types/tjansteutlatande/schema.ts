/** The tjänsteutlåtande's data: what its template prints, validated before rendering. */
import { z } from 'zod';
import { lineSchema, paragraphSchema, optionalBlocksSchema, attachmentsSchema, signaturesSchema, letterFields } from '../../../domain/documents/parts';

/** The Swedish name of the type, as printed in the document header. */
export const title = 'Tjänsteutlåtande';

/** Section headings of the tjänsteutlåtande, in seed 000's order (test/fixtures/seed-000.txt). */
export const TJANSTEUTLATANDE_SECTIONS = [
  ['summary', 'Sammanfattning'],
  ['background', 'Bakgrund'],
  ['matter', 'Ärendet'],
  ['preparation', 'Ärendets beredning'],
  ['assessment', 'Förvaltningens synpunkter och förslag'],
] as const;

export const schema = z.object({
  ...letterFields,
  /** the nämnd addressed: "Socialnämnden" → printed "Till Socialnämnden" */
  addressee: lineSchema,
  title: lineSchema,
  /** Förvaltningens förslag till beslut, numbered */
  proposals: z.array(paragraphSchema).min(1, { error: 'minst ett förslag till beslut' }),
  /** A draft may leave a section empty (e.g. Ärendets beredning before the referrals); empty sections are not printed. */
  summary: optionalBlocksSchema,
  background: optionalBlocksSchema,
  matter: optionalBlocksSchema,
  preparation: optionalBlocksSchema,
  assessment: optionalBlocksSchema,
  /** when omitted, the look's signatories are used */
  signatures: signaturesSchema,
  attachments: attachmentsSchema,
});
