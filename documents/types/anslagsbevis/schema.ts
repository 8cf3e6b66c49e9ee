/** The anslagsbevis's data: what its template prints, validated before rendering. */
import { z } from 'zod';
import { isoDateSchema } from '../../../domain/iso-date';
import { lineSchema, optionalLine, diarienummerSchema, notBefore } from '../../../domain/documents/parts';

/** The Swedish name of the type, as printed in the document header. */
export const title = 'Anslagsbevis';

export const schema = z
  .object({
    organ: lineSchema,
    meetingDate: isoDateSchema,
    /** the paragraphs covered, e.g. "§§ 1–15" (optional) */
    paragraphs: optionalLine,
    diarienummer: diarienummerSchema.optional(),
    justeringDate: isoDateSchema,
    /** the day the notice goes up on the anslagstavla */
    postedFrom: isoDateSchema,
    /** the day it is taken down */
    postedTo: isoDateSchema,
    /** förvaringsplats för protokollet */
    protocolKeptAt: lineSchema,
    lastAppealDate: isoDateSchema,
    /** who certifies the notice (optional) */
    certifiedBy: z.object({ name: lineSchema, title: lineSchema }).optional(),
  })
  .superRefine((d, ctx) => {
    notBefore(ctx, d.justeringDate, d.meetingDate, ['justeringDate'], 'justering kan inte ske före sammanträdet');
    notBefore(ctx, d.postedFrom, d.justeringDate, ['postedFrom'], 'anslaget kan inte sättas upp före justeringen');
    notBefore(ctx, d.postedTo, d.postedFrom, ['postedTo'], 'anslaget kan inte tas ned före det satts upp');
    notBefore(ctx, d.lastAppealDate, d.postedFrom, ['lastAppealDate'], 'sista dag för överklagande kan inte vara före anslaget');
  });
