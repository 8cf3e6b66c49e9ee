/**
 * The payload of every human action on an onboarding (one Temporal Update per action, see
 * workflows/onboarding-messages.ts). One schema, one source: the API validates the body with it and the workflow's
 * update validator validates it again. Every payload has `requestId` (the same request twice is recorded once; it is
 * also the update id) and `actor` (filled from the signed-in user by the web app).
 */
import { z } from 'zod';
import { actorSchema, requestIdSchema } from './actions';
import { line, text } from './text';
import { isoDateSchema } from './iso-date';
import { renewalDecisionSchema } from './renewal';
import type { OnboardingAction } from './onboarding-stages';

const base = { requestId: requestIdSchema, actor: actorSchema };

export const arendeIdSchema = z.string({ error: 'måste vara text' }).regex(/^arende-[A-Za-z0-9_-]{8,80}$/, 'måste vara ett ärende-id (arende-…)');
export const programSchema = z.string({ error: 'måste vara text' }).regex(/^[a-z0-9-]{2,40}$/, 'måste vara 2–40 tecken a–z, 0–9 eller -');
export const organisationSchema = z.enum(['rss', 'egen'], { error: "måste vara 'rss' (länets RSS) eller 'egen' (kommunen själv)" });

export const accountAdminSchema = z.object({ name: line(120), email: z.email({ error: 'måste vara en e-postadress' }) });
export type AccountAdmin = z.infer<typeof accountAdminSchema>;

/** Agreement terms the decision (or SKR) may state; anything left out takes the default (domain/onboarding-terms.ts). */
export const agreementTermsSchema = z
  .object({
    startDate: isoDateSchema.optional(),
    /** Last day of the agreement; default: the end of the national period the start falls in. */
    endDate: isoDateSchema.optional(),
    organisation: organisationSchema.optional(),
    /** kontoadministratörer for the learning platform */
    admins: z.array(accountAdminSchema).max(10, 'högst 10 kontoadministratörer').optional(),
  })
  .superRefine((t, ctx) => {
    if (t.startDate && t.endDate && t.endDate <= t.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'avtalet måste sluta efter startdatum' });
    }
  });
export type AgreementTermsInput = z.infer<typeof agreementTermsSchema>;

export const inviteSchema = z.object({ ...base, message: text(2_000).optional() });

export const expressInterestSchema = z.object({
  ...base,
  contact: accountAdminSchema.optional(),
  comment: text(2_000).optional(),
});

/** The ärende is named by its id, or by its diarienummer (the web app resolves it to the id within the municipality). */
export const linkAdoptionSchema = z.object({ ...base, arendeId: arendeIdSchema.optional(), diarienummer: line(60).optional() }).superRefine((d, ctx) => {
  if (!d.arendeId && !d.diarienummer) ctx.addIssue({ code: 'custom', path: ['diarienummer'], message: 'ange ärendets diarienummer (eller ärende-id)' });
});

export const ONBOARDING_DECISION_OUTCOMES = ['bifall', 'avslag'] as const;

/** The municipality's decision, registered by SKR when it was made outside Beslutsflöde. */
export const municipalityDecisionSchema = z.object({
  /** "Kommunfullmäktige", "Socialnämnden" */
  organ: line(120),
  date: isoDateSchema,
  paragraph: z.number({ error: 'måste vara ett heltal' }).int('måste vara ett heltal').min(1, 'måste vara minst 1').max(100_000, 'är för stort'),
  outcome: z.enum(ONBOARDING_DECISION_OUTCOMES, { error: "måste vara 'bifall' eller 'avslag'" }),
  terms: agreementTermsSchema.optional(),
});
export type MunicipalityDecision = z.infer<typeof municipalityDecisionSchema>;

export const registerDecisionSchema = municipalityDecisionSchema.extend(base);

export const PARTIES = ['kommun', 'skr'] as const;
export type Party = (typeof PARTIES)[number];
export const PARTY_LABELS: Record<Party, string> = { kommun: 'kommunen', skr: 'SKR' };
const partySchema = z.enum(PARTIES, { error: "måste vara 'kommun' eller 'skr'" });
const versionSchema = z.number({ error: 'måste vara ett heltal' }).int('måste vara ett heltal').min(1, 'måste vara minst 1');

export const signAgreementSchema = z.object({
  ...base,
  party: partySchema,
  version: versionSchema,
  /** The web app fills it from the signed-in person (name, the title of their signing right, user id). */
  signer: z.object({ name: line(120), title: line(120), userId: line(64).optional() }),
});

export const rejectAgreementSchema = z.object({ ...base, party: partySchema, version: versionSchema, comment: text(2_000) });

export const reviseAgreementSchema = z.object({ ...base, comment: text(2_000).optional(), terms: agreementTermsSchema.optional() });

export const decideRenewalSchema = z.object({
  ...base,
  decision: renewalDecisionSchema,
  comment: text(2_000).optional(),
  terms: agreementTermsSchema.optional(),
});

export const ONBOARDING_ACTION_SCHEMAS = {
  invite: inviteSchema,
  expressInterest: expressInterestSchema,
  linkAdoption: linkAdoptionSchema,
  registerDecision: registerDecisionSchema,
  signAgreement: signAgreementSchema,
  rejectAgreement: rejectAgreementSchema,
  reviseAgreement: reviseAgreementSchema,
  decideRenewal: decideRenewalSchema,
} as const satisfies Record<OnboardingAction, z.ZodType>;

export type OnboardingActionInput = { [A in OnboardingAction]: z.infer<(typeof ONBOARDING_ACTION_SCHEMAS)[A]> };
