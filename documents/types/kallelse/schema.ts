/** The kallelse with the föredragningslista of a whole meeting (docs/meeting.md); version 2 and later are marked as changed. */
import { z } from 'zod';
import { isoDateSchema } from '../../../domain/iso-date';
import { diarienummerSchema, lineSchema, optionalLine, paragraphSchema, positiveIntSchema, timeSchema } from '../../../domain/documents/parts';

/** The Swedish name of the type, as printed in the document header. */
export const title = 'Kallelse';

export const schema = z.object({
  organ: lineSchema,
  meetingDate: isoDateSchema,
  time: timeSchema,
  place: lineSchema,
  version: positiveIntSchema,
  changed: z.boolean().default(false),
  /** KF: the kungörelse must be up a week before (KL 5 kap. 12 §) */
  kallelseDeadline: isoDateSchema.optional(),
  secretary: optionalLine,
  items: z
    .array(
      z.object({
        number: positiveIntSchema,
        title: lineSchema,
        diarienummer: diarienummerSchema.optional(),
        rapporteur: optionalLine,
        proposals: z.array(paragraphSchema).default([]),
      }),
    )
    .min(1, { error: 'minst en punkt' }),
});
