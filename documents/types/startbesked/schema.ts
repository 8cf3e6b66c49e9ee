/** The startbesked's data: what its template prints, validated before rendering. */
import { z } from 'zod';
import { isoDateSchema } from '../../../domain/iso-date';
import { lineSchema, blocksSchema, caseOfficerSchema, attachmentsSchema, signaturesSchema, letterFields } from '../../../domain/documents/parts';

/** The Swedish name of the type, as printed in the document header. */
export const title = 'Startbesked';

export const schema = z.object({
  ...letterFields,
  addressee: lineSchema,
  title: lineSchema.default('Startbesked för Yrkesresan'),
  /** The programme's name (its configuration); data written before it was a field: Yrkesresan. */
  programme: lineSchema.default('Yrkesresan'),
  startDate: isoDateSchema,
  programmeParts: z.array(lineSchema).default([]),
  body: blocksSchema.optional(),
  contact: caseOfficerSchema.optional(),
  signatures: signaturesSchema,
  attachments: attachmentsSchema,
});
