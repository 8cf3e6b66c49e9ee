// Longer than 300 lines on purpose: the one zod schema per ärende action (API, workflow validation, OpenAPI and forms read it).
import { z } from 'zod';
import { renewalDecisionSchema } from './renewal';
import { namndSchema, signatorySchema, tjansteutlatandeContentSchema } from './arende';
import { line, text } from './text';
import { isoDateSchema } from './iso-date';
import type { Action } from './stages';

/**
 * The payload of every human action on an ärende (one Temporal Update per action, see workflows/messages.ts).
 * One schema, one source: the API validates the body with it, the workflow's update validator validates it again,
 * and the web app builds its forms from it. Messages are Swedish because they reach the user.
 *
 * Every payload has
 * - `requestId`: chosen by the client; the same request sent twice is recorded once (it is also the update id);
 * - `actor`: who acts (the web app fills it from the signed-in user).
 */

export const requestIdSchema = z.string({ error: 'måste vara text' }).regex(/^[A-Za-z0-9_-]{8,64}$/, 'måste vara 8–64 tecken A–Z, a–z, 0–9, _ eller -');

export const actorSchema = z.object({
  name: line(120),
  /** e.g. nämndsekreterare, handläggare, förvaltningschef */
  role: line(120).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** How an actor is written in a history: "Sara Sekreterare (nämndsekreterare)", or the name alone without a role. */
export function actorName(actor: { name: string; role?: string }): string {
  return actor.role ? `${actor.name} (${actor.role})` : actor.name;
}

/** The actor back from how a history writes it: "Sara Sekreterare (nämndsekreterare)" → name and role. */
export function actorFromName(written: string): { name: string; role?: string } {
  const m = /^(.*) \((.*)\)$/.exec(written);
  return m ? { name: m[1], role: m[2] } : { name: written };
}

const base = { requestId: requestIdSchema, actor: actorSchema };

const lines = (max: number, label: string) => z.array(text(2_000), { error: `${label} måste vara en lista` }).max(max);

// ---------------------------------------------------------------- utkast och beredning

/** A new version of the tjänsteutlåtande (utkast, signering; after an återremiss). */
export const reviseDraftSchema = z.object({
  ...base,
  tjansteutlatande: tjansteutlatandeContentSchema,
  comment: text(2_000).optional(),
});

export const referralSchema = z.object({
  /** remissinstans, e.g. "Äldrenämnden", "Rådet för funktionshinderfrågor" */
  recipient: line(200),
  dueDate: isoDateSchema,
  questions: lines(20, 'Frågorna').default([]),
});

/** Referrals (remisser) to several bodies at once; each gets its own remiss document. */
export const sendReferralsSchema = z
  .object({
    ...base,
    referrals: z.array(referralSchema, { error: 'måste vara en lista' }).min(1, 'minst en remissinstans').max(20, 'högst 20 remissinstanser'),
    /** What the referral is about (printed in the remiss); default: the tjänsteutlåtande's summary. */
    body: text(20_000).optional(),
    /** Where answers go, e.g. the registry's e-mail address. */
    answerTo: line(200).default('Registrator'),
    /** The policy: go on without the answers still missing once every one of them is overdue. Default: wait for all. */
    proceedWhenOverdue: z.boolean({ error: 'måste vara true eller false' }).default(false),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.referrals.forEach((r, i) => {
      const key = r.recipient.toLocaleLowerCase('sv');
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['referrals', i, 'recipient'], message: 'remissinstansen finns redan i listan' });
      seen.add(key);
    });
  });

/** A referral's answer: a written yttrande, or "avstår" (declines to comment). */
export const recordReferralAnswerSchema = z
  .object({
    ...base,
    /** the remissinstans as named in sendReferrals */
    recipient: line(200),
    answer: z.enum(['yttrande', 'avstar'], { error: "måste vara 'yttrande' eller 'avstar'" }),
    /** the yttrande's text (required for a yttrande) */
    text: z.array(text(20_000)).max(50).default([]),
    /** förslag till beslut of the answering body (optional) */
    proposals: lines(20, 'Förslagen').default([]),
    date: isoDateSchema.optional(),
    signatory: signatorySchema.optional(),
    /**
     * The yttrande arrived as a file: the handling it was registered as (server/handlingar.ts, issue 15 p. 3). The
     * file is the answer; no yttrande document is drawn up.
     */
    documentId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,100}$/, 'måste vara ett dokument-id')
      .optional(),
  })
  .superRefine((d, ctx) => {
    if (d.answer === 'yttrande' && d.text.length === 0 && !d.documentId)
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'ett yttrande måste ha text' });
  });

/** End the beredning without the answers still missing (allowed only when every one of them is overdue). */
export const finishBeredningSchema = z.object({ ...base, comment: text(2_000).optional() });

export const SIGNING_ROLES = ['forvaltningschef', 'avdelningschef'] as const;
export type SigningRole = (typeof SIGNING_ROLES)[number];

/** One of the two signatures of the tjänsteutlåtande (förvaltningschef and avdelningschef). */
export const signTjansteutlatandeSchema = z.object({
  ...base,
  role: z.enum(SIGNING_ROLES, { error: "måste vara 'forvaltningschef' eller 'avdelningschef'" }),
  signatory: signatorySchema,
});

// ---------------------------------------------------------------- sammanträde och beslut

/** Put the ärende on a meeting of the deciding body: the named meeting from the plan, else the next open one. */
export const placeOnMeetingSchema = z.object({
  ...base,
  meetingDate: isoDateSchema.optional(),
  /** for the föredragningslista */
  time: z
    .string()
    .regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, 'tid på formen TT:MM (t.ex. 13:00)')
    .default('13:00'),
  place: line(200).default('Sammanträdesrummet'),
  rapporteur: line(200).optional(),
});

export const DECISION_OUTCOMES = ['bifall', 'avslag', 'aterremiss', 'bordlaggning'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const reservationSchema = z.object({ who: line(200), text: text(5_000).optional() });

/** The decision of the meeting (nämnd or KF), a numbered paragraph of its protocol. */
export const recordDecisionSchema = z
  .object({
    ...base,
    outcome: z.enum(DECISION_OUTCOMES, { error: "måste vara 'bifall', 'avslag', 'aterremiss' eller 'bordlaggning'" }),
    /** the § of the protocol */
    paragraph: z.number({ error: 'måste vara ett heltal' }).int('måste vara ett heltal').positive('måste vara större än noll'),
    /** the decision as decided when amended; default: the proposals of the tjänsteutlåtande (or of KS) */
    decisionText: lines(30, 'Beslutstexten').optional(),
    /** required for återremiss: why the ärende is sent back */
    reason: text(5_000).optional(),
    reservations: z.array(reservationSchema).max(50).default([]),
    /**
     * KF only: an återremiss or bordläggning forced by a minority, once per ärende: the ärende "ska bordläggas eller
     * återremitteras om det begärs av minst en tredjedel av de närvarande ledamöterna" (kommunallagen (2017:725)
     * 5 kap. 50 §; 51 §: not for val; 52 §: the minority states the motivering). With minority: true the counts below
     * are required for a new request (checked by the workflow's validator, so that older recorded decisions that
     * carried only the flag still replay): the rule applies only when requesting × 3 ≥ present.
     */
    minority: z.boolean({ error: 'måste vara true eller false' }).default(false),
    /** KF minority rule: how many members (ledamöter and tjänstgörande ersättare) were present */
    membersPresent: z
      .number({ error: 'måste vara ett heltal' })
      .int('måste vara ett heltal')
      .positive('måste vara större än noll')
      .max(1_000, 'högst 1 000')
      .optional(),
    /** KF minority rule: how many of those present asked for the återremiss or bordläggning */
    membersRequesting: z
      .number({ error: 'måste vara ett heltal' })
      .int('måste vara ett heltal')
      .positive('måste vara större än noll')
      .max(1_000, 'högst 1 000')
      .optional(),
    /**
     * The meeting decided that this paragraph is justerad at once (omedelbar justering: a choice made at the meeting
     * and recorded in the protokoll; the law only requires justering, KL 5 kap. 69 §, not when). Only for bifall and
     * avslag, the outcomes that are justerade here. Printed in the protokollsutdrag only when chosen; the justering
     * is still recorded (who justerade), on the meeting day (domain/arende-rules.ts).
     */
    immediateJustering: z.boolean({ error: 'måste vara true eller false' }).default(false),
    /** beslutsgång (yrkanden, propositionsordning), printed in the protokollsutdrag */
    decisionProcess: text(20_000).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.outcome === 'aterremiss' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'en återremiss måste ha ett motiv' });
    if (d.minority && d.outcome !== 'aterremiss' && d.outcome !== 'bordlaggning')
      ctx.addIssue({ code: 'custom', path: ['minority'], message: 'minoritetsåterremiss gäller bara återremiss eller bordläggning' });
    if (!d.minority && (d.membersPresent !== undefined || d.membersRequesting !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['minority'],
        message: 'antalet närvarande och begärande anges bara när en minoritet begär återremiss eller bordläggning (minority: true)',
      });
    if (d.membersPresent !== undefined && d.membersRequesting !== undefined && d.membersRequesting > d.membersPresent)
      ctx.addIssue({ code: 'custom', path: ['membersRequesting'], message: `fler begärande (${d.membersRequesting}) än närvarande (${d.membersPresent})` });
    if (d.immediateJustering && d.outcome !== 'bifall' && d.outcome !== 'avslag')
      ctx.addIssue({
        code: 'custom',
        path: ['immediateJustering'],
        message: 'omedelbar justering gäller bara bifall och avslag (återremiss och bordläggning justeras inte här)',
      });
    if (d.decisionText && d.decisionText.length === 0) ctx.addIssue({ code: 'custom', path: ['decisionText'], message: 'beslutstexten får inte vara tom' });
  });

/** The protocol is justerat (by the ordförande and the justerare); the protokollsutdrag is written. */
export const recordJusteringSchema = z.object({
  ...base,
  date: isoDateSchema,
  chair: line(200),
  adjusters: z.array(line(200), { error: 'måste vara en lista' }).min(1, 'minst en justerare').max(4),
  /** "Utdrag bestyrkes": the sekreterare; default the actor */
  certifiedBy: signatorySchema.optional(),
  sentTo: lines(30, 'Mottagarna').default([]),
});

/** The notice of the justerat protocol is on the anslagstavla; the appeal period (three weeks) starts. */
export const recordAnslagSchema = z.object({
  ...base,
  date: isoDateSchema,
  protocolKeptAt: line(300),
  certifiedBy: signatorySchema.optional(),
});

/** Kommunstyrelsen has prepared the ärende for kommunfullmäktige (its förslag to KF). */
export const recordKsBeredningSchema = z.object({
  ...base,
  meetingDate: isoDateSchema,
  paragraph: z.number({ error: 'måste vara ett heltal' }).int('måste vara ett heltal').positive('måste vara större än noll').optional(),
  /** KS's förslag till KF; default the nämnd's decision */
  proposals: lines(30, 'Förslagen').optional(),
  comment: text(5_000).optional(),
});

// ---------------------------------------------------------------- överklagande

/** An appeal (laglighetsprövning, KL 13 kap) has been lodged with förvaltningsrätten. */
export const registerOverklagandeSchema = z.object({
  ...base,
  receivedDate: isoDateSchema,
  appellant: line(200),
  court: line(200).default('Förvaltningsrätten'),
  caseNumber: line(60).optional(),
  grounds: text(5_000).optional(),
});

/** The court's judgment: upheld (the appeal is rejected; laga kraft) or quashed (the decision falls). */
export const recordCourtJudgmentSchema = z
  .object({
    ...base,
    date: isoDateSchema,
    outcome: z.enum(['upheld', 'quashed'], { error: "måste vara 'upheld' (beslutet står fast) eller 'quashed' (upphävt)" }),
    /** when quashed: end the ärende, or rectify it (back to utkast for a new decision; documents stay) */
    then: z.enum(['end', 'rectify'], { error: "måste vara 'end' eller 'rectify'" }).optional(),
    caseNumber: line(60).optional(),
    comment: text(5_000).optional(),
    /** Whose appeal the judgment decides, as registered; needed when more than one appeal waits for a judgment. */
    appellant: line(200).optional(),
    /** The day the judgment was delgiven; it becomes final three weeks later unless appealed (FPL 6 a §). */
    delgivningDate: isoDateSchema.optional(),
    /** The day the judgment became final (laga kraft), when known, e.g. from the court's lagakraftbevis. */
    finalDate: isoDateSchema.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.delgivningDate && d.delgivningDate < d.date)
      ctx.addIssue({ code: 'custom', path: ['delgivningDate'], message: 'domen kan inte delges före domens datum' });
    if (d.finalDate && d.finalDate < d.date)
      ctx.addIssue({ code: 'custom', path: ['finalDate'], message: 'domen kan inte vinna laga kraft före domens datum' });
    if (d.outcome === 'quashed' && !d.then)
      ctx.addIssue({ code: 'custom', path: ['then'], message: "ange 'end' (avsluta) eller 'rectify' (rätta) när beslutet upphävts" });
  });

// ---------------------------------------------------------------- avtal och anslutning

export const AGREEMENT_PARTIES = ['kommun', 'skr'] as const;
export type AgreementParty = (typeof AGREEMENT_PARTIES)[number];

export const signAgreementSchema = z.object({
  ...base,
  party: z.enum(AGREEMENT_PARTIES, { error: "måste vara 'kommun' eller 'skr'" }),
  signatory: signatorySchema,
  place: line(120).optional(),
  date: isoDateSchema.optional(),
});

/** A party rejects the agreement with a comment; it goes back to the sender and both must sign again. */
export const rejectAgreementSchema = z.object({
  ...base,
  party: z.enum(AGREEMENT_PARTIES, { error: "måste vara 'kommun' eller 'skr'" }),
  comment: text(5_000),
});

/** At the end of an agreement period: a new period (fornya) or the end of the anslutning (domain/renewal.ts). */
export const decideRenewalSchema = z.object({
  ...base,
  decision: renewalDecisionSchema,
  /** fornya: the last day of the new period; default one year after the current end */
  newPeriodEnd: isoDateSchema.optional(),
  comment: text(5_000).optional(),
});

/** A later decision by another nämnd that joins the same anslutning (e.g. äldrenämnden). */
export const joinNamndSchema = z.object({
  ...base,
  namnd: namndSchema,
  decisionDate: isoDateSchema,
  paragraph: z.number({ error: 'måste vara ett heltal' }).int('måste vara ett heltal').positive('måste vara större än noll').optional(),
  diarienummer: line(60).optional(),
  comment: text(5_000).optional(),
});

/** The schema of each action's payload, by action id (the web app builds its forms from these). */
export const ACTION_SCHEMAS = {
  reviseDraft: reviseDraftSchema,
  sendReferrals: sendReferralsSchema,
  recordReferralAnswer: recordReferralAnswerSchema,
  finishBeredning: finishBeredningSchema,
  signTjansteutlatande: signTjansteutlatandeSchema,
  placeOnMeeting: placeOnMeetingSchema,
  recordDecision: recordDecisionSchema,
  recordJustering: recordJusteringSchema,
  recordAnslag: recordAnslagSchema,
  registerOverklagande: registerOverklagandeSchema,
  recordCourtJudgment: recordCourtJudgmentSchema,
  recordKsBeredning: recordKsBeredningSchema,
  signAgreement: signAgreementSchema,
  rejectAgreement: rejectAgreementSchema,
  decideRenewal: decideRenewalSchema,
  joinNamnd: joinNamndSchema,
} as const satisfies Record<Action, z.ZodType>;

/** What the client sends (defaults may be omitted). */
export type ActionInput = { [A in Action]: z.input<(typeof ACTION_SCHEMAS)[A]> };
/** What the workflow records (defaults applied). */
export type ActionPayload = { [A in Action]: z.output<(typeof ACTION_SCHEMAS)[A]> };

export type ReviseDraft = ActionPayload['reviseDraft'];
export type SendReferrals = ActionPayload['sendReferrals'];
export type RecordReferralAnswer = ActionPayload['recordReferralAnswer'];
export type RecordDecision = ActionPayload['recordDecision'];
export type RecordJustering = ActionPayload['recordJustering'];
export type RecordAnslag = ActionPayload['recordAnslag'];
export type RecordCourtJudgment = ActionPayload['recordCourtJudgment'];
export type SignAgreement = ActionPayload['signAgreement'];
export type JoinNamnd = ActionPayload['joinNamnd'];
