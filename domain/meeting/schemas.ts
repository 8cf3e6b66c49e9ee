import { z } from 'zod';
import { actorSchema, DECISION_OUTCOMES, requestIdSchema, reservationSchema } from '../actions';
import { diarieserieSchema } from '../diarienummer';
import { isoDateSchema } from '../iso-date';
import { line, text } from '../text';
import { STANDARD_ITEM_KINDS } from './model';

/**
 * The payloads of the meeting's steps (one Temporal Update each, workflows/meeting/messages.ts). One schema, one
 * source: the API validates a body with it and the workflow's validator again. Every payload has `requestId` (the same
 * request twice is recorded once) and `actor` (filled by the web app from the signed-in user).
 */

const base = { requestId: requestIdSchema, actor: actorSchema };
const timeSchema = z.string({ error: 'måste vara text' }).regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, 'tid på formen TT:MM (t.ex. 13:00)');
const names = (max: number) => z.array(line(200), { error: 'måste vara en lista' }).max(max);
const itemIdSchema = z.string({ error: 'måste vara text' }).regex(/^[A-Za-z0-9-]{8,64}$/, 'okänt id för en punkt');

export const createMeetingSchema = z.object({
  organ: diarieserieSchema,
  date: isoDateSchema,
  time: timeSchema.default('13:00'),
  place: line(200).default('Sammanträdesrummet'),
});

export const setTimePlaceSchema = z.object({ ...base, time: timeSchema, place: line(200) });

/** An adoption ärende on the meeting; the web app fills title, diarienummer and proposals from the ärende. */
export const addArendeSchema = z.object({
  ...base,
  arendeId: z.string({ error: 'måste vara text' }).regex(/^[A-Za-z0-9_-]{1,120}$/, 'okänt ärende-id'),
  title: line(300),
  diarienummer: line(60).optional(),
  rapporteur: line(200).optional(),
  proposals: z.array(text(2_000)).max(30).default([]),
});

/** Other business of the meeting, which the engine does not drive: title, diarienummer, föredragande. */
export const addItemSchema = z.object({
  ...base,
  title: line(300),
  diarienummer: line(60).optional(),
  rapporteur: line(200).optional(),
  proposals: z.array(text(2_000)).max(30).default([]),
});

export const addStandardItemSchema = z.object({
  ...base,
  standard: z.enum(STANDARD_ITEM_KINDS as [string, ...string[]], { error: `måste vara en av ${STANDARD_ITEM_KINDS.join(', ')}` }),
});

export const removeItemSchema = z.object({ ...base, itemId: itemIdSchema });

export const reorderItemsSchema = z.object({ ...base, order: z.array(itemIdSchema, { error: 'måste vara en lista' }).min(1).max(200) });

export const sendKallelseSchema = z.object({ ...base, comment: text(2_000).optional() });

export const openMeetingSchema = z.object({ ...base });

const personSchema = z.object({ name: line(200), party: line(60).optional() });

export const setAttendanceSchema = z
  .object({
    ...base,
    present: z.array(personSchema).min(1, 'minst en närvarande ledamot').max(200),
    serving: z
      .array(personSchema.extend({ replaces: line(200) }))
      .max(200)
      .default([]),
    absent: z.array(personSchema).max(200).default([]),
    others: z.array(personSchema).max(200).default([]),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    [...d.present, ...d.serving].forEach((p, i) => {
      const k = p.name.toLocaleLowerCase('sv');
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i < d.present.length ? 'present' : 'serving'], message: `${p.name} finns två gånger` });
      seen.add(k);
    });
  });

const signerSchema = z.object({ name: line(200), userId: z.string({ error: 'måste vara text' }).min(1).max(120) });

/** Val av justerare och tid för justering: the ordförande and one or two justerare, each a user who signs in. */
export const setSignersSchema = z.object({
  ...base,
  ordforande: signerSchema,
  justerare: z.array(signerSchema, { error: 'måste vara en lista' }).min(1, 'minst en justerare').max(2, 'högst två justerare'),
  plannedDate: isoDateSchema.optional(),
});

export const voteSchema = z.enum(['ja', 'nej', 'avstar'], { error: "måste vara 'ja', 'nej' eller 'avstar'" });

export const recordItemSchema = z
  .object({
    ...base,
    itemId: itemIdSchema,
    jav: names(50).default([]),
    yrkanden: z
      .array(z.object({ who: line(200), text: text(5_000) }))
      .max(50)
      .default([]),
    propositionsordning: text(5_000).optional(),
    outcome: z.enum(DECISION_OUTCOMES, { error: "måste vara 'bifall', 'avslag', 'aterremiss' eller 'bordlaggning'" }).optional(),
    decision: z.array(text(5_000)).max(30).default([]),
    reason: text(5_000).optional(),
    votering: z
      .object({
        question: text(1_000),
        ja: line(300),
        nej: line(300),
        votes: z
          .array(z.object({ member: line(200), vote: voteSchema }))
          .min(1)
          .max(400),
        casting: z.enum(['ja', 'nej']).optional(),
      })
      .optional(),
    reservations: z.array(reservationSchema).max(50).default([]),
    anteckningar: z
      .array(z.object({ who: line(200), text: text(5_000) }))
      .max(50)
      .default([]),
    immediateJustering: z.boolean({ error: 'måste vara true eller false' }).default(false),
  })
  .superRefine((d, ctx) => {
    if (d.outcome === 'aterremiss' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'en återremiss måste ha ett motiv' });
  });

export const closeMeetingSchema = z.object({ ...base });
export const sendForJusteringSchema = z.object({ ...base });

/** The signed-in ordförande or justerare justerar; userId is the signed-in user's (never from the request body). */
export const justeraSchema = z.object({ ...base, userId: z.string().min(1).max(120) });
export const rejectJusteringSchema = z.object({ ...base, userId: z.string().min(1).max(120), comment: text(5_000) });

/** The notice that the protokoll is justerat goes up on the anslagstavla (KL 8 kap. 12 §). */
export const publishAnslagSchema = z.object({
  ...base,
  /** the day it goes up: today or later, never earlier (a backdated notice is refused) */
  date: isoDateSchema,
  protocolKeptAt: line(300),
});

export const MEETING_ACTION_SCHEMAS = {
  setTimePlace: setTimePlaceSchema,
  addArende: addArendeSchema,
  addItem: addItemSchema,
  addStandardItem: addStandardItemSchema,
  removeItem: removeItemSchema,
  reorderItems: reorderItemsSchema,
  sendKallelse: sendKallelseSchema,
  openMeeting: openMeetingSchema,
  setAttendance: setAttendanceSchema,
  setSigners: setSignersSchema,
  recordItem: recordItemSchema,
  closeMeeting: closeMeetingSchema,
  sendForJustering: sendForJusteringSchema,
  justera: justeraSchema,
  rejectJustering: rejectJusteringSchema,
  publishAnslag: publishAnslagSchema,
} as const;

export type MeetingAction = keyof typeof MEETING_ACTION_SCHEMAS;
export const MEETING_ACTIONS = Object.keys(MEETING_ACTION_SCHEMAS) as MeetingAction[];
export type MeetingPayload = { [A in MeetingAction]: z.output<(typeof MEETING_ACTION_SCHEMAS)[A]> };
export type MeetingInput = { [A in MeetingAction]: z.input<(typeof MEETING_ACTION_SCHEMAS)[A]> };

export const MEETING_ACTION_LABELS: Record<MeetingAction, string> = {
  setTimePlace: 'Ändra tid och plats',
  addArende: 'Lägg till ärende',
  addItem: 'Lägg till punkt',
  addStandardItem: 'Lägg till stående punkt',
  removeItem: 'Ta bort punkt',
  reorderItems: 'Ändra ordning',
  sendKallelse: 'Skicka kallelse',
  openMeeting: 'Öppna sammanträdet',
  setAttendance: 'Registrera närvaro',
  setSigners: 'Välj justerare',
  recordItem: 'Protokollför punkt',
  closeMeeting: 'Avsluta sammanträdet',
  sendForJustering: 'Skicka för justering',
  justera: 'Justera protokollet',
  rejectJustering: 'Avvisa protokollet',
  publishAnslag: 'Sätt upp anslag',
};
