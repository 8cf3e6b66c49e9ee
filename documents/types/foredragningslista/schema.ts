/** The föredragningslista's data: what its template prints, validated before rendering. */
import { z } from 'zod';
import { isoDateSchema } from '../../../domain/iso-date';
import { lineSchema, paragraphSchema, optionalLine, blocksSchema, diarienummerSchema, timeSchema } from '../../../domain/documents/parts';

/** The Swedish name of the type, as printed in the document header. */
export const title = 'Föredragningslista';

export const schema = z.object({
  organ: lineSchema,
  meetingDate: isoDateSchema,
  time: timeSchema,
  place: lineSchema,
  items: z
    .array(
      z.object({
        title: lineSchema,
        diarienummer: diarienummerSchema.optional(),
        /** föredragande */
        rapporteur: optionalLine,
        note: paragraphSchema.optional(),
      }),
    )
    .min(1, { error: 'minst ett ärende' }),
  chair: optionalLine,
  secretary: optionalLine,
  notes: blocksSchema.optional(),
});
