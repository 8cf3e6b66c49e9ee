import { z } from 'zod';
import { diarieserieSchema, existingDiarienummerSchema } from './diarienummer';
import { isoDateSchema } from './iso-date';
import { kommunkodSchema } from './municipalities';
import { STAGES } from './stages';
import { line, text } from './text';

export { line, text } from './text';

export const personSchema = z.object({
  name: line(120),
  title: line(120).optional(),
  email: z.email({ error: 'måste vara en e-postadress' }).optional(),
  phone: line(40).optional(),
});
export type Person = z.infer<typeof personSchema>;

export const signatorySchema = z.object({ name: line(120), title: line(120), unit: line(200).optional() });

export const namndSchema = z.object({
  /** The diarieserie of the nämnd, e.g. SN for socialnämnden. */
  kod: diarieserieSchema,
  namn: line(120),
});
export type Namnd = z.infer<typeof namndSchema>;

/** A block of running text: a paragraph, a bullet list or a numbered list. */
export const blockSchema = z.union([text(20_000), z.object({ bullets: z.array(text(20_000)).min(1) }), z.object({ numbered: z.array(text(20_000)).min(1) })]);
const blocks = z.array(blockSchema).max(200).default([]);

/**
 * The content of the tjänsteutlåtande as the förvaltning writes it, in seed 000's order.
 * Sections may be empty in a draft (e.g. Ärendets beredning before the referrals); empty sections are not printed.
 */
export const tjansteutlatandeContentSchema = z.object({
  /** Förvaltningens förslag till beslut, numbered. */
  proposals: z.array(text(2_000)).min(1, 'minst ett förslag till beslut').max(30),
  summary: blocks,
  background: blocks,
  matter: blocks,
  preparation: blocks,
  assessment: blocks,
  signatures: z.array(signatorySchema).max(4).optional(),
  attachments: z.array(line(300)).max(50).default([]),
  date: isoDateSchema.optional(),
});
export type TjansteutlatandeContent = z.infer<typeof tjansteutlatandeContentSchema>;

/**
 * The programme's id. Which programmes exist is the installation's configuration (config/programmes, read by the web
 * process): the registration checks the id against it (server/arenden.ts), not this schema.
 */
export const programIdSchema = z.string({ error: 'måste vara text' }).regex(/^[a-z0-9-]{2,40}$/, 'okänt program');

/** POST /api/arenden: register an ärende. */
export const registerArendeSchema = z.object({
  kommunkod: kommunkodSchema,
  namnd: namndSchema,
  program: programIdSchema.default('yrkesresan'),
  title: line(300),
  forvaltning: line(200).optional(),
  avdelning: line(200).optional(),
  /** The handläggare who owns the ärende. */
  caseOfficer: personSchema,
  /**
   * An existing diarienummer (the ärende was registered in another diarium); otherwise one is drawn. It must belong to
   * the nämnd's series and not be taken in the municipality (server/diarienummer.ts; docs/process.md).
   */
  diarienummer: existingDiarienummerSchema.optional(),
  /** Whether kommunfullmäktige must decide too (matters of principle, budget, fees). */
  kfRequired: z.boolean({ error: 'måste vara true eller false' }).default(true),
  tjansteutlatande: tjansteutlatandeContentSchema,
  /** Policy: sign the agreement and start before laga kraft (while the appeal period runs). Default: wait for laga kraft. */
  actBeforeLagaKraft: z.boolean({ error: 'måste vara true eller false' }).default(false),
  /** The wished start in the programme; default the programme's start (Yrkesresan: 2027-07-01). */
  targetStart: isoDateSchema.optional(),
  /** Who runs the regional part: the county's RSS (regional fee) or the municipality itself (no regional fee). */
  regionalOrganisation: z.enum(['rss', 'egen'], { error: "måste vara 'rss' eller 'egen'" }).default('rss'),
  /** Client-chosen id: the same registration sent twice creates one ärende. */
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'måste vara 8–64 tecken A–Z, a–z, 0–9, _ eller -')
    .optional(),
});
export type RegisterArende = z.infer<typeof registerArendeSchema>;

/** GET /api/arenden: the filters of the ärendelista (one value each; a repeated parameter is a 400). */
export const arendeListQuerySchema = z.object({
  kommunkod: kommunkodSchema.optional(),
  namnd: diarieserieSchema.optional(),
  stage: z.enum(STAGES, { error: 'okänt skede' }).optional(),
  /** Free text: whole words of the title or the diarienummer, all of them (domain/search-text.ts). */
  q: z.string({ error: 'måste vara text' }).max(200, 'högst 200 tecken').optional(),
  /** Rows per page (the list is paged, newest first). */
  pageSize: z.coerce.number({ error: 'måste vara ett tal' }).int('måste vara ett heltal').min(1, 'minst 1').max(500, 'högst 500').optional(),
  /** The nextPageToken of the previous page. */
  pageToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,4000}$/, 'är ingen sidmarkör från en tidigare sida')
    .optional(),
});
