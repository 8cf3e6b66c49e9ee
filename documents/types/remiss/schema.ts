/** The remiss's data: what its template prints, validated before rendering. */
import { z } from 'zod';
import { isoDateSchema } from '../../../domain/iso-date';
import {
  lineSchema,
  paragraphSchema,
  optionalLine,
  blocksSchema,
  attachmentsSchema,
  signaturesSchema,
  letterFields,
  notBefore,
} from '../../../domain/documents/parts';

/** The Swedish name of the type, as printed in the document header. */
export const title = 'Remiss';

export const schema = z
  .object({
    ...letterFields,
    /** the body sending the referral, e.g. "Socialnämnden" */
    sender: optionalLine,
    /** remissinstanser */
    recipients: z.array(lineSchema).min(1, { error: 'minst en remissinstans' }),
    title: lineSchema,
    body: blocksSchema,
    /** questions the referral wants answered (numbered) */
    questions: z.array(paragraphSchema).default([]),
    answerBy: isoDateSchema,
    /** where to send the answer, e.g. an e-mail address of the registry */
    answerTo: lineSchema,
    signatures: signaturesSchema,
    attachments: attachmentsSchema,
  })
  .superRefine((d, ctx) => notBefore(ctx, d.answerBy, d.date, ['answerBy'], 'svarsdatum kan inte vara före remissens datum'));
