/**
 * A programme's configuration file, `config/programmes/<id>.json` (docs/programmes.md): what an installation writes
 * to offer a programme, validated with Swedish messages that name the field. Rates are written as the documents
 * write them, kronor with a decimal comma ("2,43"); the parsed result is a `Programme` (domain/programmes.ts).
 *
 * Pure (zod only): the runtime reads the files (runtime/programmes.ts), the workflows get the parsed definition.
 */
import { z } from 'zod';
import { compareIsoDates, isoDateSchema } from './iso-date';
import { lanskodSchema } from './municipalities';
import { parseRate } from './money';
import type { Programme } from './programmes';

const text = (max: number) => z.string({ error: 'måste vara text' }).trim().min(1, 'får inte vara tomt').max(max, `får vara högst ${max} tecken`);

/** "2,43" (kr per invånare och år, at most four decimals) → Rate (hundredths of öre). */
const rateSchema = z
  .string({ error: 'måste vara en taxa i kronor som text, t.ex. "2,43"' })
  .regex(/^\d{1,3}(,\d{1,4})?$/, 'måste vara kronor med decimalkomma och högst fyra decimaler, t.ex. "2,43"')
  .transform((v) => parseRate(v));

export const programmeIdSchema = z.string({ error: 'måste vara text' }).regex(/^[a-z0-9-]{2,40}$/, 'måste vara 2–40 tecken a–z, 0–9 eller -');

const regionalRateSchema = z.strictObject({ lanskod: lanskodSchema, rss: text(120), rate: rateSchema });

export const programmeFileSchema = z
  .strictObject({
    id: programmeIdSchema,
    name: text(80),
    owner: z.strictObject({
      name: text(200),
      shortName: text(40),
      orgNumber: z.string({ error: 'måste vara text' }).regex(/^\d{6}-\d{4}$/, 'måste vara ett organisationsnummer, t.ex. 222000-0315'),
      address: text(200),
    }),
    agreementTitle: text(200),
    agreementNumberPrefix: z.string({ error: 'måste vara text' }).regex(/^[A-ZÅÄÖ]{1,6}$/, 'måste vara 1–6 versaler, t.ex. YR'),
    purpose: text(2000),
    parts: z
      .array(z.strictObject({ name: text(120), description: text(500) }))
      .min(1, 'måste ha minst en del')
      .max(30, 'får ha högst 30 delar'),
    defaultStart: isoDateSchema,
    earliestStart: isoDateSchema,
    nationalRates: z
      .array(
        z.strictObject({
          year: z.number({ error: 'måste vara ett årtal' }).int('måste vara ett heltal').min(2000).max(2100),
          rate: rateSchema,
          source: text(400),
          setOn: isoDateSchema,
        }),
      )
      .min(1, 'måste ha minst en nationell taxa'),
    periods: z
      .array(
        z.strictObject({
          end: isoDateSchema,
          nationalRate: rateSchema,
          regionalRates: z.array(regionalRateSchema).default([]),
          source: text(400),
        }),
      )
      .min(1, 'måste ha minst en avtalsperiod'),
  })
  .superRefine((p, ctx) => {
    if (compareIsoDates(p.defaultStart, p.earliestStart) < 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultStart'],
        message: `får inte vara före earliestStart (${p.earliestStart})`,
      });
    }
    p.nationalRates.forEach((r, i) => {
      if (i > 0 && r.year <= p.nationalRates[i - 1].year)
        ctx.addIssue({
          code: 'custom',
          path: ['nationalRates', i, 'year'],
          message: 'åren måste stå i stigande ordning, utan dubbletter',
        });
    });
    p.periods.forEach((period, i) => {
      if (i > 0 && compareIsoDates(period.end, p.periods[i - 1].end) <= 0)
        ctx.addIssue({
          code: 'custom',
          path: ['periods', i, 'end'],
          message: 'avtalsperioderna måste stå i tidsordning',
        });
    });
  });

/** The parsed file is a Programme (the compiler checks that the schema and the type agree). */
export type ProgrammeFile = z.infer<typeof programmeFileSchema>;
const _agrees: (f: ProgrammeFile) => Programme = (f) => f;
void _agrees;

/** The problems of a parsed file, one Swedish line per field ("periods.0.end: …"); empty when it is valid. */
export function programmeFileProblems(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(filen)'}: ${i.message}`);
}
