/** The protokoll of a whole meeting (KL 5 kap. 67–69 §§, docs/meeting.md). */
import { z } from 'zod';
import { isoDateSchema } from '../../../domain/iso-date';
import { diarienummerSchema, lineSchema, optionalLine, paragraphSchema, timeSchema } from '../../../domain/documents/parts';
import { reservationSchema } from '../protokollsutdrag/schema';

/** The Swedish name of the type, as printed in the document header. */
export const title = 'Protokoll';

export const schema = z.object({
  organ: lineSchema,
  meetingDate: isoDateSchema,
  time: timeSchema,
  place: lineSchema,
  paragraphs: z.string().max(100).default(''),
  present: z.array(lineSchema).default([]),
  serving: z.array(lineSchema).default([]),
  absent: z.array(lineSchema).default([]),
  others: z.array(lineSchema).default([]),
  secretary: optionalLine,
  items: z
    .array(
      z.object({
        paragraph: z.number().int().nonnegative(),
        title: lineSchema,
        diarienummer: diarienummerSchema.optional(),
        rapporteur: optionalLine,
        jav: z.array(lineSchema).default([]),
        yrkanden: z.array(z.object({ who: lineSchema, text: paragraphSchema })).default([]),
        propositionsordning: paragraphSchema.optional(),
        outcome: optionalLine,
        decision: z.array(paragraphSchema).default([]),
        votering: z
          .object({
            question: paragraphSchema,
            ja: lineSchema,
            nej: lineSchema,
            votes: z.array(z.object({ member: lineSchema, vote: lineSchema })),
            result: paragraphSchema,
          })
          .optional(),
        reservations: z.array(reservationSchema).default([]),
        anteckningar: z.array(z.object({ who: lineSchema, text: paragraphSchema })).default([]),
        immediate: z.boolean().default(false),
      }),
    )
    .min(1, { error: 'minst en paragraf' }),
  justering: z.object({
    justerat: z.boolean(),
    date: isoDateSchema.optional(),
    signers: z.array(z.object({ name: lineSchema, role: lineSchema, date: isoDateSchema.optional() })).default([]),
  }),
});
