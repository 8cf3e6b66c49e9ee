/** The hemställan's data: what its template prints, validated before rendering. */
import { z } from 'zod';
import { isoDateSchema } from '../../../domain/iso-date';
import {
  lineSchema,
  paragraphSchema,
  blocksSchema,
  signatorySchema,
  positiveIntSchema,
  attachmentsSchema,
  signaturesSchema,
  letterFields,
} from '../../../domain/documents/parts';

/** The Swedish name of the type, as printed in the document header. */
export const title = 'Hemställan';

export const schema = z.object({
  ...letterFields,
  /** the nämnd that asks, e.g. "Socialnämnden" */
  from: lineSchema,
  to: lineSchema.default('Kommunfullmäktige'),
  /** via kommunstyrelsen; null for none */
  via: lineSchema.nullable().default('Kommunstyrelsen'),
  title: lineSchema,
  /** the nämnd's meeting and § where it decided to make the request */
  meetingDate: isoDateSchema,
  paragraph: positiveIntSchema.optional(),
  /** what the nämnd asks KF to decide, numbered */
  request: z.array(paragraphSchema).min(1, { error: 'minst en punkt' }),
  /** the nämnd's decision as decided at that meeting, numbered (printed under "<nämndens> beslut") */
  decision: z.array(paragraphSchema).default([]),
  body: blocksSchema.optional(),
  /**
   * Who may sign the missive, by role; the municipality's look (hemstallanSignedBy) chooses which of them sign,
   * by default the nämnd's ordförande and sekreterare. `signatures`, when given, is used as it is.
   */
  signatoriesByRole: z
    .object({
      ordforande: signatorySchema.optional(),
      sekreterare: signatorySchema.optional(),
      forvaltningschef: signatorySchema.optional(),
    })
    .optional(),
  signatures: signaturesSchema,
  attachments: attachmentsSchema,
});

export { MISSIVE_SIGNER_ROLES, type MissiveSignerRole } from '../../../domain/documents/look';
