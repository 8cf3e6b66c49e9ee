/** The yttrande's data: what its template prints, validated before rendering. */
import { z } from 'zod';
import { isoDateSchema } from '../../../domain/iso-date';
import {
  lineSchema,
  paragraphSchema,
  optionalLine,
  sectionSchema,
  diarienummerSchema,
  attachmentsSchema,
  signaturesSchema,
  letterFields,
} from '../../../domain/documents/parts';

/** The Swedish name of the type, as printed in the document header. */
export const title = 'Yttrande';

export const schema = z.object({
  ...letterFields,
  /** who the answer goes to (the referring body) */
  addressee: lineSchema,
  /** the answering body, e.g. "Äldrenämnden" */
  sender: optionalLine,
  referral: z.object({
    title: lineSchema,
    diarienummer: diarienummerSchema,
    date: isoDateSchema.optional(),
    sender: optionalLine,
  }),
  title: lineSchema,
  /** förslag till beslut of the answering body (optional) */
  proposals: z.array(paragraphSchema).default([]),
  sections: z.array(sectionSchema).min(1, { error: 'minst ett avsnitt' }),
  signatures: signaturesSchema,
  attachments: attachmentsSchema,
});
