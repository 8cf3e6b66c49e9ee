/** The protokollsutdrag's data: what its template prints, validated before rendering. */
import { z } from 'zod';
import { isoDateSchema } from '../../../domain/iso-date';
import { lineSchema, paragraphSchema, optionalLine, blocksSchema, diarienummerSchema, positiveIntSchema, notBefore } from '../../../domain/documents/parts';

/** The Swedish name of the type, as printed in the document header. */
export const title = 'Protokollsutdrag';

export const reservationSchema = z.object({
  /** who dissents, e.g. "Anna Andersson (V)" or "Vänsterpartiets ledamöter" */
  who: lineSchema,
  /** optional written reservation */
  text: paragraphSchema.optional(),
});

export const schema = z
  .object({
    /** "Socialnämnden", "Kommunfullmäktige" */
    organ: lineSchema,
    meetingDate: isoDateSchema,
    paragraph: positiveIntSchema,
    diarienummer: diarienummerSchema,
    /** the ärende's title */
    title: lineSchema,
    /** the text before the decision; default "<organ> beslutar" */
    decisionIntro: optionalLine,
    /** the decision as decided, numbered */
    decision: z.array(paragraphSchema).min(1, { error: 'beslutet får inte vara tomt' }),
    /** ärendebeskrivning (optional) */
    background: blocksSchema.optional(),
    /** beslutsgång: yrkanden, propositionsordning (optional) */
    decisionProcess: blocksSchema.optional(),
    reservations: z.array(reservationSchema).default([]),
    justering: z.object({
      date: isoDateSchema,
      /** ordförande */
      chair: lineSchema,
      /** justerare */
      adjusters: z.array(lineSchema).min(1, { error: 'minst en justerare' }),
      /** omedelbart justerad paragraf */
      immediate: z.boolean().default(false),
    }),
    /** "Utdrag bestyrkes": the sekreterare */
    certifiedBy: z.object({ name: lineSchema, title: lineSchema.default('Nämndsekreterare') }),
    /** Beslut sänds till */
    sentTo: z.array(lineSchema).default([]),
  })
  .superRefine((d, ctx) => notBefore(ctx, d.justering.date, d.meetingDate, ['justering', 'date'], 'justering kan inte ske före sammanträdet'));
