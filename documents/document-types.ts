/**
 * The document types Beslutsflöde writes (DOMAIN.md §3), a zod schema for each type's data, and the
 * municipality's look (name, units, colour, logo). Everything here is validated before it reaches a template.
 * Validation messages are Swedish because they reach the user.
 */
import { z } from 'zod';
import { isoDateSchema, type IsoDate } from '../domain/iso-date';
import { NO_CONTROL, NO_CONTROL_MESSAGE } from '../domain/text';

export const DOCUMENT_TYPES = [
  'tjansteutlatande',
  'remiss',
  'yttrande',
  'protokollsutdrag',
  'anslagsbevis',
  'hemstallan',
  'anslutningsavtal',
  'startbesked',
  'avgiftsunderlag',
  'foredragningslista',
  'kallelse',
  'protokoll',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The Swedish name of each document type, as printed in the document header. */
export const DOCUMENT_TITLES: Record<DocumentType, string> = {
  tjansteutlatande: 'Tjänsteutlåtande',
  remiss: 'Remiss',
  yttrande: 'Yttrande',
  protokollsutdrag: 'Protokollsutdrag',
  anslagsbevis: 'Anslagsbevis',
  hemstallan: 'Hemställan',
  anslutningsavtal: 'Anslutningsavtal',
  startbesked: 'Startbesked',
  avgiftsunderlag: 'Avgiftsunderlag',
  foredragningslista: 'Föredragningslista',
  kallelse: 'Kallelse',
  protokoll: 'Protokoll',
};

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------------------
// Building blocks


/** A single line of text (name, title, heading). */
export const lineSchema = z
  .string()
  .trim()
  .min(1, { error: 'får inte vara tom' })
  .max(500, { error: 'högst 500 tecken' })
  .regex(NO_CONTROL, { error: NO_CONTROL_MESSAGE })
  .refine((s) => !/[\r\n]/.test(s), { error: 'ska vara en rad' });

/** A paragraph of running text. */
export const paragraphSchema = z
  .string()
  .trim()
  .min(1, { error: 'ett stycke får inte vara tomt' })
  .max(20_000, { error: 'högst 20 000 tecken per stycke' })
  .regex(NO_CONTROL, { error: NO_CONTROL_MESSAGE });

const optionalLine = lineSchema.optional();

/**
 * A block of a section: a paragraph (string), a bullet list or a numbered list.
 * A paragraph string containing blank lines is split into several paragraphs when rendered.
 */
export const blockSchema = z.union([
  paragraphSchema,
  z.object({ bullets: z.array(paragraphSchema).min(1) }),
  z.object({ numbered: z.array(paragraphSchema).min(1) }),
]);
export type Block = z.infer<typeof blockSchema>;

export const blocksSchema = z.array(blockSchema).min(1, { error: 'minst ett stycke' });
export const optionalBlocksSchema = z.array(blockSchema).default([]);

/** A section with its own heading (h2). */
export const sectionSchema = z.object({ heading: lineSchema, blocks: blocksSchema });
export type Section = z.infer<typeof sectionSchema>;

export const signatorySchema = z.object({
  name: lineSchema,
  title: lineSchema,
  /** förvaltning or organisation printed under the title ("Socialförvaltningen") */
  unit: optionalLine,
  /** the day the signature was recorded; printed "Undertecknat <date>" (a final version shows who signed and when) */
  signedAt: isoDateSchema.optional(),
});
export type Signatory = z.infer<typeof signatorySchema>;

export const caseOfficerSchema = z.object({
  name: lineSchema,
  title: optionalLine,
  phone: optionalLine,
  email: optionalLine,
});
export type CaseOfficer = z.infer<typeof caseOfficerSchema>;

export const diarienummerSchema = lineSchema.max(60, { error: 'högst 60 tecken' });

const moneyOreSchema = z.number().int({ error: 'belopp anges i hela öre (heltal)' }).nonnegative();
const rateOreSchema = z.number().int({ error: 'taxan anges i hela öre per invånare (heltal)' }).nonnegative();
const positiveIntSchema = z.number().int().positive();
const timeSchema = z.string().regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, { error: 'tid på formen TT:MM (t.ex. 13:00)' });
const orgNumberSchema = z.string().regex(/^\d{6}-\d{4}$/, { error: 'organisationsnummer på formen NNNNNN-NNNN' });

const attachmentsSchema = z.array(lineSchema).default([]);
const signaturesSchema = z.array(signatorySchema).max(4, { error: 'högst fyra underskrifter' }).optional();

/** Fields every letter-like document has. Förvaltning/avdelning override the look's for this document. */
const letterFields = {
  diarienummer: diarienummerSchema,
  date: isoDateSchema,
  caseOfficer: caseOfficerSchema.optional(),
  forvaltning: optionalLine,
  avdelning: optionalLine,
};

function notBefore(ctx: z.RefinementCtx, later: IsoDate, earlier: IsoDate, path: (string | number)[], message: string) {
  if (later < earlier) ctx.addIssue({ code: 'custom', path, message });
}

// ---------------------------------------------------------------------------------------------------------
// Document types

/** Section headings of the tjänsteutlåtande, in seed 000's order (DOMAIN.md §3). */
export const TJANSTEUTLATANDE_SECTIONS = [
  ['summary', 'Sammanfattning'],
  ['background', 'Bakgrund'],
  ['matter', 'Ärendet'],
  ['preparation', 'Ärendets beredning'],
  ['assessment', 'Förvaltningens synpunkter och förslag'],
] as const;

export const tjansteutlatandeSchema = z.object({
  ...letterFields,
  /** the nämnd addressed: "Socialnämnden" → printed "Till Socialnämnden" */
  addressee: lineSchema,
  title: lineSchema,
  /** Förvaltningens förslag till beslut, numbered */
  proposals: z.array(paragraphSchema).min(1, { error: 'minst ett förslag till beslut' }),
  /** A draft may leave a section empty (e.g. Ärendets beredning before the referrals); empty sections are not printed. */
  summary: optionalBlocksSchema,
  background: optionalBlocksSchema,
  matter: optionalBlocksSchema,
  preparation: optionalBlocksSchema,
  assessment: optionalBlocksSchema,
  /** when omitted, the look's signatories are used */
  signatures: signaturesSchema,
  attachments: attachmentsSchema,
});

export const remissSchema = z
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

export const yttrandeSchema = z.object({
  ...letterFields,
  /** who the answer goes to (the referring body) */
  addressee: lineSchema,
  /** the answering body, e.g. "Äldrenämnden" */
  sender: optionalLine,
  referral: z.object({
    title: lineSchema,
    diarienummer: diarienummerSchema,
    date: isoDateSchema.optional(),
    sender: optionalLine,
  }),
  title: lineSchema,
  /** förslag till beslut of the answering body (optional) */
  proposals: z.array(paragraphSchema).default([]),
  sections: z.array(sectionSchema).min(1, { error: 'minst ett avsnitt' }),
  signatures: signaturesSchema,
  attachments: attachmentsSchema,
});

export const reservationSchema = z.object({
  /** who dissents, e.g. "Anna Andersson (V)" or "Vänsterpartiets ledamöter" */
  who: lineSchema,
  /** optional written reservation */
  text: paragraphSchema.optional(),
});

export const protokollsutdragSchema = z
  .object({
    /** "Socialnämnden", "Kommunfullmäktige" */
    organ: lineSchema,
    meetingDate: isoDateSchema,
    paragraph: positiveIntSchema,
    diarienummer: diarienummerSchema,
    /** the ärende's title */
    title: lineSchema,
    /** the text before the decision; default "<organ> beslutar" */
    decisionIntro: optionalLine,
    /** the decision as decided, numbered */
    decision: z.array(paragraphSchema).min(1, { error: 'beslutet får inte vara tomt' }),
    /** ärendebeskrivning (optional) */
    background: blocksSchema.optional(),
    /** beslutsgång: yrkanden, propositionsordning (optional) */
    decisionProcess: blocksSchema.optional(),
    reservations: z.array(reservationSchema).default([]),
    justering: z.object({
      date: isoDateSchema,
      /** ordförande */
      chair: lineSchema,
      /** justerare */
      adjusters: z.array(lineSchema).min(1, { error: 'minst en justerare' }),
      /** omedelbart justerad paragraf */
      immediate: z.boolean().default(false),
    }),
    /** "Utdrag bestyrkes": the sekreterare */
    certifiedBy: z.object({ name: lineSchema, title: lineSchema.default('Nämndsekreterare') }),
    /** Beslut sänds till */
    sentTo: z.array(lineSchema).default([]),
  })
  .superRefine((d, ctx) =>
    notBefore(ctx, d.justering.date, d.meetingDate, ['justering', 'date'], 'justering kan inte ske före sammanträdet'),
  );

export const anslagsbevisSchema = z
  .object({
    organ: lineSchema,
    meetingDate: isoDateSchema,
    /** the paragraphs covered, e.g. "§§ 1–15" (optional) */
    paragraphs: optionalLine,
    diarienummer: diarienummerSchema.optional(),
    justeringDate: isoDateSchema,
    /** the day the notice goes up on the anslagstavla */
    postedFrom: isoDateSchema,
    /** the day it is taken down */
    postedTo: isoDateSchema,
    /** förvaringsplats för protokollet */
    protocolKeptAt: lineSchema,
    lastAppealDate: isoDateSchema,
    /** who certifies the notice (optional) */
    certifiedBy: z.object({ name: lineSchema, title: lineSchema }).optional(),
  })
  .superRefine((d, ctx) => {
    notBefore(ctx, d.justeringDate, d.meetingDate, ['justeringDate'], 'justering kan inte ske före sammanträdet');
    notBefore(ctx, d.postedFrom, d.justeringDate, ['postedFrom'], 'anslaget kan inte sättas upp före justeringen');
    notBefore(ctx, d.postedTo, d.postedFrom, ['postedTo'], 'anslaget kan inte tas ned före det satts upp');
    notBefore(ctx, d.lastAppealDate, d.postedFrom, ['lastAppealDate'], 'sista dag för överklagande kan inte vara före anslaget');
  });

export const hemstallanSchema = z.object({
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
    .object({ ordforande: signatorySchema.optional(), sekreterare: signatorySchema.optional(), forvaltningschef: signatorySchema.optional() })
    .optional(),
  signatures: signaturesSchema,
  attachments: attachmentsSchema,
});

export const MISSIVE_SIGNER_ROLES = ['ordforande', 'sekreterare', 'forvaltningschef'] as const;
export type MissiveSignerRole = (typeof MISSIVE_SIGNER_ROLES)[number];

export const partySchema = z.object({
  name: lineSchema,
  orgNumber: orgNumberSchema.optional(),
  address: optionalLine,
  /** "nedan kallad SKR" / "nedan kallad kommunen" */
  shortName: optionalLine,
});

const partySignatureSchema = signatorySchema.extend({ place: optionalLine, date: isoDateSchema.optional() });

export const anslutningsavtalSchema = z
  .object({
    /** avtalsnummer or the municipality's diarienummer */
    diarienummer: diarienummerSchema,
    date: isoDateSchema,
    title: lineSchema.default('Anslutningsavtal för Yrkesresan'),
    parties: z.object({ skr: partySchema, municipality: partySchema }),
    purpose: blocksSchema.optional(),
    programmeParts: z
      .array(z.object({ name: lineSchema, description: paragraphSchema.optional() }))
      .min(1, { error: 'minst en del av programmet' }),
    fees: z.object({
      nationalRateOre: rateOreSchema,
      /** the national rate of each fee year of the period (each fee statement uses its year's rate) */
      yearlyRates: z
        .array(z.object({ year: z.number().int().min(2000).max(2100), rateOre: rateOreSchema, preliminary: z.boolean().default(false) }))
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
      ctx.addIssue({ code: 'custom', path: ['period', 'end'], message: 'avtalsperioden måste sluta efter att den börjat' });
  });

export const startbeskedSchema = z.object({
  ...letterFields,
  addressee: lineSchema,
  title: lineSchema.default('Startbesked för Yrkesresan'),
  startDate: isoDateSchema,
  programmeParts: z.array(lineSchema).default([]),
  body: blocksSchema.optional(),
  contact: caseOfficerSchema.optional(),
  signatures: signaturesSchema,
  attachments: attachmentsSchema,
});

const feeLineSchema = z.object({
  rateOre: rateOreSchema,
  amountOre: moneyOreSchema,
  /** required when the amount is not population × rate (e.g. part of a year) */
  computation: paragraphSchema.optional(),
});

export const avgiftsunderlagSchema = z
  .object({
    diarienummer: diarienummerSchema.optional(),
    date: isoDateSchema,
    /** the fee year */
    year: z.number().int().min(2000).max(2100),
    municipality: lineSchema,
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
        z.object({ payee: lineSchema, rateOre: z.null(), amountOre: z.null(), computation: paragraphSchema.optional() }),
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
      ctx.addIssue({ code: 'custom', path: ['totalOre'], message: 'totalen är inte summan av nationell och regional avgift' });
  });

export const foredragningslistaSchema = z.object({
  organ: lineSchema,
  meetingDate: isoDateSchema,
  time: timeSchema,
  place: lineSchema,
  items: z
    .array(
      z.object({
        title: lineSchema,
        diarienummer: diarienummerSchema.optional(),
        /** föredragande */
        rapporteur: optionalLine,
        note: paragraphSchema.optional(),
      }),
    )
    .min(1, { error: 'minst ett ärende' }),
  chair: optionalLine,
  secretary: optionalLine,
  notes: blocksSchema.optional(),
});

/** The kallelse with the föredragningslista of a whole meeting (issue 12 p. 2); version 2 and later are marked as changed. */
export const kallelseSchema = z.object({
  organ: lineSchema,
  meetingDate: isoDateSchema,
  time: timeSchema,
  place: lineSchema,
  version: positiveIntSchema,
  changed: z.boolean().default(false),
  /** KF: the kungörelse must be up a week before (KL 5 kap. 12 §) */
  kallelseDeadline: isoDateSchema.optional(),
  secretary: optionalLine,
  items: z
    .array(z.object({ number: positiveIntSchema, title: lineSchema, diarienummer: diarienummerSchema.optional(), rapporteur: optionalLine, proposals: z.array(paragraphSchema).default([]) }))
    .min(1, { error: 'minst en punkt' }),
});

/** The protokoll of a whole meeting (KL 5 kap. 67–69 §§, issue 12 p. 3). */
export const protokollSchema = z.object({
  organ: lineSchema,
  meetingDate: isoDateSchema,
  time: timeSchema,
  place: lineSchema,
  paragraphs: z.string().max(100).default(''),
  present: z.array(lineSchema).default([]),
  serving: z.array(lineSchema).default([]),
  absent: z.array(lineSchema).default([]),
  others: z.array(lineSchema).default([]),
  secretary: optionalLine,
  items: z.array(
    z.object({
      paragraph: z.number().int().nonnegative(),
      title: lineSchema,
      diarienummer: diarienummerSchema.optional(),
      rapporteur: optionalLine,
      jav: z.array(lineSchema).default([]),
      yrkanden: z.array(z.object({ who: lineSchema, text: paragraphSchema })).default([]),
      propositionsordning: paragraphSchema.optional(),
      outcome: optionalLine,
      decision: z.array(paragraphSchema).default([]),
      votering: z
        .object({ question: paragraphSchema, ja: lineSchema, nej: lineSchema, votes: z.array(z.object({ member: lineSchema, vote: lineSchema })), result: paragraphSchema })
        .optional(),
      reservations: z.array(reservationSchema).default([]),
      anteckningar: z.array(z.object({ who: lineSchema, text: paragraphSchema })).default([]),
      immediate: z.boolean().default(false),
    }),
  ).min(1, { error: 'minst en paragraf' }),
  justering: z.object({
    justerat: z.boolean(),
    date: isoDateSchema.optional(),
    signers: z.array(z.object({ name: lineSchema, role: lineSchema, date: isoDateSchema.optional() })).default([]),
  }),
});

export const DOCUMENT_SCHEMAS = {
  tjansteutlatande: tjansteutlatandeSchema,
  remiss: remissSchema,
  yttrande: yttrandeSchema,
  protokollsutdrag: protokollsutdragSchema,
  anslagsbevis: anslagsbevisSchema,
  hemstallan: hemstallanSchema,
  anslutningsavtal: anslutningsavtalSchema,
  startbesked: startbeskedSchema,
  avgiftsunderlag: avgiftsunderlagSchema,
  foredragningslista: foredragningslistaSchema,
  kallelse: kallelseSchema,
  protokoll: protokollSchema,
} as const satisfies Record<DocumentType, z.ZodType>;

/** Parsed (output) data of each type, defaults applied. */
export type DocumentData = { [T in DocumentType]: z.output<(typeof DOCUMENT_SCHEMAS)[T]> };
/** What callers pass in (defaults may be omitted). */
export type DocumentInput = { [T in DocumentType]: z.input<(typeof DOCUMENT_SCHEMAS)[T]> };

export type TjansteutlatandeData = DocumentData['tjansteutlatande'];
export type TjansteutlatandeInput = DocumentInput['tjansteutlatande'];

// ---------------------------------------------------------------------------------------------------------
// The municipality's look

/** #rgb or #rrggbb, nothing else (no names, no rgb(), no url(), no semicolons): it is written into CSS. */
export const CSS_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
/** A base64 PNG or SVG data URL, nothing else: it is the src of an <img>. */
export const LOGO_DATA_URL = /^data:image\/(?:png|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;
export const LOGO_MAX_CHARS = 1_000_000;

export const municipalityLookSchema = z.object({
  /** "Stockholms stad", "Malmö stad", "Kiruna kommun" */
  kommunName: lineSchema,
  forvaltning: optionalLine,
  avdelning: optionalLine,
  logoDataUrl: z
    .string()
    .max(LOGO_MAX_CHARS, { error: 'logotypen är för stor (högst 1 000 000 tecken som data-URL)' })
    .regex(LOGO_DATA_URL, {
      error: 'logotypen måste vara en data-URL av typen data:image/png;base64,… eller data:image/svg+xml;base64,…',
    })
    .optional(),
  primaryColor: z.string().regex(CSS_COLOR, { error: 'färgen måste skrivas #rgb eller #rrggbb (t.ex. #005a9c)' }),
  /** the registry's numbering format; not used by the templates (they print the diarienummer as given) */
  diarienummerFormat: lineSchema.max(100).optional(),
  /** default signatories, used when a document's data has none */
  signatories: z.array(signatorySchema).max(4).optional(),
  /**
   * Who signs a nämnd's hemställan to kommunfullmäktige, in order (the municipality's rules, e.g. its
   * reglemente): default the nämnd's ordförande and its sekreterare.
   */
  hemstallanSignedBy: z.array(z.enum(['ordforande', 'sekreterare', 'forvaltningschef'])).min(1).max(3).default(['ordforande', 'sekreterare']),
});
export type MunicipalityLook = z.output<typeof municipalityLookSchema>;
export type MunicipalityLookInput = z.input<typeof municipalityLookSchema>;
