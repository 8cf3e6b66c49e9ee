/** The avgiftsunderlag's data: what its template prints, validated before rendering. */
import { z } from 'zod';
import { isoDateSchema } from '../../../domain/iso-date';
import { lineSchema, paragraphSchema, optionalLine, blocksSchema, diarienummerSchema, moneyOreSchema, rateOreSchema } from '../../../domain/documents/parts';

/** The Swedish name of the type, as printed in the document header. */
export const title = 'Avgiftsunderlag';

const feeLineSchema = z.object({
  rateOre: rateOreSchema,
  amountOre: moneyOreSchema,
  /** required when the amount is not population × rate (e.g. part of a year) */
  computation: paragraphSchema.optional(),
});

export const schema = z
  .object({
    diarienummer: diarienummerSchema.optional(),
    date: isoDateSchema,
    /** the fee year */
    year: z.number().int().min(2000).max(2100),
    municipality: lineSchema,
    /** The programme's name (its configuration); data written before it was a field: Yrkesresan. */
    programme: lineSchema.default('Yrkesresan'),
    population: z.object({
      count: z.number().int().nonnegative(),
      asOf: isoDateSchema,
      source: optionalLine,
    }),
    /** payee of the national fee */
    nationalPayee: lineSchema.default('Sveriges Kommuner och Regioner (SKR)'),
    national: feeLineSchema,
    /** the RSS's fee; rateOre and amountOre null = not yet set (ej fastställd): shown so, never as 0 kr */
    regional: z
      .union([
        feeLineSchema.extend({ payee: lineSchema }),
        z.object({
          payee: lineSchema,
          rateOre: z.null(),
          amountOre: z.null(),
          computation: paragraphSchema.optional(),
        }),
      ])
      .nullable()
      .default(null),
    /** the total of the amounts that are set (the national fee and a regional fee that is set) */
    totalOre: moneyOreSchema,
    notes: blocksSchema.optional(),
  })
  .superRefine((d, ctx) => {
    const check = (line: { rateOre: number; amountOre: number; computation?: string }, path: string) => {
      if (line.computation === undefined && line.amountOre !== d.population.count * line.rateOre)
        ctx.addIssue({
          code: 'custom',
          path: [path, 'amountOre'],
          message: 'beloppet är inte invånare × taxa; ange i så fall hur det är beräknat (computation)',
        });
    };
    check(d.national, 'national');
    if (d.regional && d.regional.amountOre !== null) check(d.regional as { rateOre: number; amountOre: number; computation?: string }, 'regional');
    const sum = d.national.amountOre + (d.regional?.amountOre ?? 0);
    if (sum !== d.totalOre)
      ctx.addIssue({
        code: 'custom',
        path: ['totalOre'],
        message: 'totalen är inte summan av nationell och regional avgift',
      });
  });
