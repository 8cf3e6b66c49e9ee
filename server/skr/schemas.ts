import { z } from 'zod';
import { confirmationTokenSchema } from '../confirmation';
import { requestIdSchema } from '../../domain/actions';
import { isoDateSchema } from '../../domain/iso-date';
import { kommunkodSchema, lanskodSchema } from '../../domain/municipalities';
import { ONBOARDING_ACTIONS, ONBOARDING_STATUSES } from '../../domain/onboarding-stages';
import { organisationSchema } from '../../domain/onboarding-actions';
import { isConfiguredProgramme, programmeIds } from '../programmes';
import { DEFAULT_PROGRAM } from '../../domain/onboarding-terms';
import { forbiddenCharacter, forbiddenCharacterMessage, line, printable, text } from '../../domain/text';

/** The input of SKR's API routes (query strings and bodies), validated with Swedish messages. */

export const programParamSchema = z
  .string({ error: 'måste vara text' })
  // The installation's programmes (config/programmes), read when the message is written, not when the module loads.
  .refine((p) => isConfiguredProgramme(p), { error: () => `måste vara ett av programmen: ${programmeIds()}` })
  .default(DEFAULT_PROGRAM);

export const statusFilterSchema = z.enum(['anslutna', 'ej_anslutna', ...ONBOARDING_STATUSES] as [string, ...string[]], {
  error: `måste vara en av: ${[...ONBOARDING_STATUSES, 'anslutna', 'ej_anslutna'].join(', ')}`,
});

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const listQuerySchema = z.object({
  program: programParamSchema,
  lan: z.preprocess(emptyToUndefined, lanskodSchema.optional()),
  status: z.preprocess(emptyToUndefined, statusFilterSchema.optional()),
  namn: z.preprocess(emptyToUndefined, z.string().trim().max(60, 'får vara högst 60 tecken').optional()),
});

export const actionParamSchema = z.enum(ONBOARDING_ACTIONS, { error: `måste vara en av: ${ONBOARDING_ACTIONS.join(', ')}` });

export const bulkBodySchema = z.object({
  requestId: requestIdSchema.optional(),
  action: z.literal('invite', { error: "måste vara 'invite' (bjud in)" }),
  program: programParamSchema,
  filter: z
    .object({
      lanskod: lanskodSchema.optional(),
      /** 'ej_anslutna': every municipality that is not connected; else one status */
      status: statusFilterSchema.optional(),
      kommunkoder: z.array(kommunkodSchema).min(1, 'minst en kommun').max(290, 'högst 290 kommuner').optional(),
    })
    .default({}),
  message: text(2_000).optional(),
  /** The token of the confirmation step (server/confirmation.ts): a bulk operation of the whole country needs one. */
  confirmationToken: confirmationTokenSchema,
});

export const currentFeesQuerySchema = z.object({
  program: programParamSchema,
  kommunkod: kommunkodSchema,
  start: z.preprocess(emptyToUndefined, isoDateSchema.optional()),
  organisation: z.preprocess(emptyToUndefined, organisationSchema.default('rss')),
});

export const participantsSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('alla') }),
    z.object({ kind: z.literal('anslutna') }),
    z.object({ kind: z.literal('lan'), lanskod: lanskodSchema }),
    z.object({ kind: z.literal('kommuner'), kommunkoder: z.array(kommunkodSchema).min(1, 'minst en kommun').max(290, 'högst 290 kommuner') }),
  ],
  { error: "måste vara { kind: 'alla' | 'anslutna' | 'lan' | 'kommuner' }" },
);

export const model2019BodySchema = z.object({
  program: programParamSchema,
  kommunkod: kommunkodSchema,
  participants: participantsSchema,
});

export const populationImportSchema = z.object({
  requestId: requestIdSchema.optional(),
  csv: z
    .string({ error: 'måste vara text (CSV med kolumnerna kommunkod,folkmangd,folkmangd_datum)' })
    .min(1, 'får inte vara tomt')
    .max(200_000, 'får vara högst 200 000 tecken')
    .superRefine((csv, ctx) => {
      // A file saved by a spreadsheet may start with a BOM; anywhere else a hidden character is refused (domain/text.ts).
      const found = forbiddenCharacter(csv.replace(/^\uFEFF/, ''));
      if (found) ctx.addIssue({ code: 'custom', message: forbiddenCharacterMessage(found) });
    }),
  source: line(200).optional(),
});

/** POST /api/skr/anslutningsstatus and the page's form: the CSV of connection statuses (issue 15 p. 6). */
export const connectionImportSchema = z.object({
  requestId: requestIdSchema.optional(),
  program: programParamSchema,
  csv: z
    .string({ error: 'måste vara text (CSV med kolumnerna kommunkod,status,datum,kalla)' })
    .min(1, 'får inte vara tomt')
    .max(200_000, 'får vara högst 200 000 tecken')
    .superRefine((csv, ctx) => {
      const found = forbiddenCharacter(csv.replace(/^\uFEFF/, ''));
      if (found) ctx.addIssue({ code: 'custom', message: forbiddenCharacterMessage(found) });
    }),
});

/** POST /api/skr/taxor: SKR sets the national rate of a coming fee year. */
export const setNationalRateSchema = z.object({
  requestId: requestIdSchema.optional(),
  program: programParamSchema,
  /** the fee year (a calendar year that has not begun) */
  year: z.preprocess(
    (v) => (typeof v === 'string' && /^ *\d{4} *$/.test(v) ? Number(v) : v), // spaces only: \s would let U+FEFF/U+2028 through
    z.number({ error: 'måste vara ett årtal (fyra siffror)' }).int('måste vara ett årtal').min(2000, 'måste vara ett årtal').max(2100, 'måste vara ett årtal'),
  ),
  /** kr per inhabitant and year, e.g. "2,47" */
  rate: printable(z.string({ error: 'måste vara ett belopp i kronor, t.ex. 2,47' }))
    .trim()
    .regex(/^\d{1,3}([.,]\d{1,2})?$/, 'måste vara ett belopp i kronor med högst två decimaler, t.ex. 2,47'),
  /** where the rate comes from (SKR's decision) */
  source: line(300),
  /** the date the rate was decided; default today */
  setOn: z.preprocess(emptyToUndefined, isoDateSchema.optional()),
});
