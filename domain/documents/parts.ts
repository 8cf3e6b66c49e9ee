/**
 * The building blocks of every document's data (documents/types/<type>/schema.ts): lines, paragraphs, blocks,
 * sections, signatories, the letter fields. Pure zod; validation messages are Swedish because they reach the user.
 */
import { z } from 'zod';
import { isoDateSchema, type IsoDate } from '../iso-date';
import { NO_CONTROL, NO_CONTROL_MESSAGE } from '../text';

/** A single line of text (name, title, heading). */
export const lineSchema = z
  .string()
  .trim()
  .min(1, { error: 'får inte vara tom' })
  .max(500, { error: 'högst 500 tecken' })
  .regex(NO_CONTROL, { error: NO_CONTROL_MESSAGE })
  .refine((s) => !/[\r\n]/.test(s), { error: 'ska vara en rad' });

/** A paragraph of running text. */
export const paragraphSchema = z
  .string()
  .trim()
  .min(1, { error: 'ett stycke får inte vara tomt' })
  .max(20_000, { error: 'högst 20 000 tecken per stycke' })
  .regex(NO_CONTROL, { error: NO_CONTROL_MESSAGE });

export const optionalLine = lineSchema.optional();

/**
 * A block of a section: a paragraph (string), a bullet list or a numbered list.
 * A paragraph string containing blank lines is split into several paragraphs when rendered.
 */
export const blockSchema = z.union([
  paragraphSchema,
  z.object({ bullets: z.array(paragraphSchema).min(1) }),
  z.object({ numbered: z.array(paragraphSchema).min(1) }),
]);
export type Block = z.infer<typeof blockSchema>;

export const blocksSchema = z.array(blockSchema).min(1, { error: 'minst ett stycke' });
export const optionalBlocksSchema = z.array(blockSchema).default([]);

/** A section with its own heading (h2). */
export const sectionSchema = z.object({ heading: lineSchema, blocks: blocksSchema });
export type Section = z.infer<typeof sectionSchema>;

export const signatorySchema = z.object({
  name: lineSchema,
  title: lineSchema,
  /** förvaltning or organisation printed under the title ("Socialförvaltningen") */
  unit: optionalLine,
  /** the day the signature was recorded; printed "Undertecknat <date>" (a final version shows who signed and when) */
  signedAt: isoDateSchema.optional(),
});
export type Signatory = z.infer<typeof signatorySchema>;

export const caseOfficerSchema = z.object({
  name: lineSchema,
  title: optionalLine,
  phone: optionalLine,
  email: optionalLine,
});
export type CaseOfficer = z.infer<typeof caseOfficerSchema>;

export const diarienummerSchema = lineSchema.max(60, { error: 'högst 60 tecken' });

export const moneyOreSchema = z.number().int({ error: 'belopp anges i hela öre (heltal)' }).nonnegative();
export const rateOreSchema = z.number().int({ error: 'taxan anges i hela öre per invånare (heltal)' }).nonnegative();
export const positiveIntSchema = z.number().int().positive();
export const timeSchema = z.string().regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, { error: 'tid på formen TT:MM (t.ex. 13:00)' });
export const orgNumberSchema = z.string().regex(/^\d{6}-\d{4}$/, { error: 'organisationsnummer på formen NNNNNN-NNNN' });

export const attachmentsSchema = z.array(lineSchema).default([]);
export const signaturesSchema = z.array(signatorySchema).max(4, { error: 'högst fyra underskrifter' }).optional();

/** Fields every letter-like document has. Förvaltning/avdelning override the look's for this document. */
export const letterFields = {
  diarienummer: diarienummerSchema,
  date: isoDateSchema,
  caseOfficer: caseOfficerSchema.optional(),
  forvaltning: optionalLine,
  avdelning: optionalLine,
};

/** Adds an issue at `path` when `later` is before `earlier` (for a schema's superRefine). */
export function notBefore(ctx: z.RefinementCtx, later: IsoDate, earlier: IsoDate, path: (string | number)[], message: string) {
  if (later < earlier) ctx.addIssue({ code: 'custom', path, message });
}
