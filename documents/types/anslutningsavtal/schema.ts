/** The anslutningsavtal's data: what its template prints, validated before rendering. */
import { z } from 'zod';
import { isoDateSchema } from '../../../domain/iso-date';
import {
  lineSchema,
  paragraphSchema,
  optionalLine,
  blocksSchema,
  sectionSchema,
  signatorySchema,
  diarienummerSchema,
  rateOreSchema,
  orgNumberSchema,
} from '../../../domain/documents/parts';

/** The Swedish name of the type, as printed in the document header. */
export const title = 'Anslutningsavtal';

export const partySchema = z.object({
  name: lineSchema,
  orgNumber: orgNumberSchema.optional(),
  address: optionalLine,
  /** "nedan kallad SKR" / "nedan kallad kommunen" */
  shortName: optionalLine,
});

const partySignatureSchema = signatorySchema.extend({ place: optionalLine, date: isoDateSchema.optional() });

export const schema = z
  .object({
    /** avtalsnummer or the municipality's diarienummer */
    diarienummer: diarienummerSchema,
    date: isoDateSchema,
    title: lineSchema.default('Anslutningsavtal för Yrkesresan'),
    parties: z.object({ skr: partySchema, municipality: partySchema }),
    purpose: blocksSchema.optional(),
    programmeParts: z.array(z.object({ name: lineSchema, description: paragraphSchema.optional() })).min(1, { error: 'minst en del av programmet' }),
    fees: z.object({
      nationalRateOre: rateOreSchema,
      /** the national rate of each fee year of the period (each fee statement uses its year's rate) */
      yearlyRates: z
        .array(
          z.object({
            year: z.number().int().min(2000).max(2100),
            rateOre: rateOreSchema,
            preliminary: z.boolean().default(false),
          }),
        )
        .default([]),
      /** the RSS's fee; rateOre null = the RSS's rate is not known (ej fastställd), never printed as 0 kr */
      regional: z.object({ payee: lineSchema, rateOre: rateOreSchema.nullable() }).nullable().default(null),
      /** how the fees are computed and invoiced */
      computation: blocksSchema,
    }),
    period: z.object({ start: isoDateSchema, end: isoDateSchema }),
    /** further clauses, each its own numbered section */
    terms: z.array(sectionSchema).default([]),
    signatures: z.object({
      skr: z.array(partySignatureSchema).min(1).max(2),
      municipality: z.array(partySignatureSchema).min(1).max(2),
    }),
  })
  .superRefine((d, ctx) => {
    if (d.period.end <= d.period.start)
      ctx.addIssue({
        code: 'custom',
        path: ['period', 'end'],
        message: 'avtalsperioden måste sluta efter att den börjat',
      });
  });
