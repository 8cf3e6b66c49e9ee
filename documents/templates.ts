/**
 * The template engine: document data → HTML ready to print (the Chromium renderer in documents/renderer.ts
 * turns the result into a tagged A4 PDF).
 *
 * Safety rules, all enforced here:
 * - An isolated Handlebars environment (Handlebars.create()): nothing registered globally.
 * - Templates come only from this repository's templates/ folder, one per DocumentType (a fixed list), plus
 *   the partials in templates/partials/. No template name or path ever comes from the caller.
 * - Compiled once (strict, knownHelpersOnly) and cached; prototype access guards stay at Handlebars' default (ON).
 * - Every value reaches the HTML through `{{ }}` (escaped). There is no `{{{ }}}` in any template; structure
 *   (paragraphs, lists) is built here in the data layer and each piece is escaped by Handlebars.
 * - Data and look are validated with zod first; the colour is #rgb/#rrggbb and the logo a base64 PNG/SVG data
 *   URL, nothing else, because they are written into CSS and an <img src>.
 */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { z } from 'zod';
import {
  DOCUMENT_SCHEMAS,
  DOCUMENT_TITLES,
  DOCUMENT_TYPES,
  TJANSTEUTLATANDE_SECTIONS,
  isDocumentType,
  municipalityLookSchema,
  type Block,
  type DocumentData,
  type DocumentInput,
  type DocumentType,
  type MunicipalityLook,
  type MunicipalityLookInput,
  type Signatory,
} from './document-types';
import {
  formatAttachments,
  formatDateIso,
  formatDateLong,
  formatDateRange,
  formatDiarienummer,
  formatMoneyKronor,
  formatMoneyOre,
  formatParagraph,
  formatPopulation,
  formatRatePerInhabitant,
  formatTime,
  splitParagraphs,
} from './format';

export type { DocumentType, MunicipalityLook } from './document-types';

/** What the renderer needs to print one document. */
export interface RenderedDocument {
  /** the whole page: <!DOCTYPE html><html lang="sv">…, CSS inline, no external resources */
  html: string;
  /** Chromium print header (inline styles; pageNumber/totalPages spans) */
  headerTemplate: string;
  /** Chromium print footer (inline styles) */
  footerTemplate: string;
  /** PDF document title (also the HTML <title>) */
  title: string;
  /** PDF author (also <meta name="author">) */
  author: string;
  /** PDF subject (also <meta name="description">) */
  subject: string;
  /** PDF keywords: the type, the status ("UTKAST" or "Slutlig version") and the version */
  keywords: string[];
  /** Custom entries of the PDF document information dictionary (Dokumentstatus, Version) */
  info: Record<string, string>;
  lang: 'sv';
}

/** How one rendering is printed: an utkast carries the UTKAST marks; the version is printed in the header. */
export interface RenderOptions {
  status?: 'utkast' | 'slutlig';
  version?: number;
}

/** The mark every version that is not final carries (running header, watermark, metadata). */
export const DRAFT_MARK = 'UTKAST';

/**
 * Page geometry shared by the CSS @page rule and the print header/footer. The renderer should pass the same
 * values to page.pdf({ format: 'A4', margin: PRINT_PAGE.margin, preferCSSPageSize: true }) so that the
 * Chromium header and footer land inside the margins.
 */
export const PRINT_PAGE = {
  format: 'A4',
  margin: { top: '32mm', right: '20mm', bottom: '20mm', left: '25mm' },
} as const;

/** Raised for invalid data or look; `issues` are zod's, `message` is readable (Swedish field messages). */
export class DocumentValidationError extends Error {
  override readonly name = 'DocumentValidationError';
  constructor(
    readonly what: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(
      `${what}: ${issues
        .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(roten)'}: ${i.message}`)
        .join('; ')}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// The Handlebars environment

const HELPERS = {
  formatDateLong: (v: unknown) => formatDateLong(v as string),
  formatDateIso: (v: unknown) => formatDateIso(v as string),
  formatDateRange: (a: unknown, b: unknown) => formatDateRange(a as string, b as string),
  formatMoneyOre: (v: unknown) => formatMoneyOre(v as number),
  formatMoneyKronor: (v: unknown) => formatMoneyKronor(v as number),
  formatPopulation: (v: unknown) => formatPopulation(v as number),
  formatRatePerInhabitant: (v: unknown) => formatRatePerInhabitant(v as number),
  formatTime: (v: unknown) => formatTime(v as string),
  formatParagraph: (v: unknown) => formatParagraph(v as number),
  formatDiarienummer: (v: unknown) => formatDiarienummer(v as string),
} as const;

const COMPILE_OPTIONS: CompileOptions = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true])),
  preventIndent: true,
};

/** Partials, by file name without .hbs. A fixed list: a stray file in templates/partials/ is not loaded. */
const PARTIALS = [
  'layout',
  'letterhead',
  'header-block',
  'blocks',
  'sections',
  'numbered-list',
  'signatures',
  'attachments',
] as const;

const PRINT_TEMPLATES = ['print-header', 'print-footer'] as const;

function findTemplatesDir(): string {
  // documents/templates.ts (tsx, jest) → ../templates; dist/documents/templates.js → ../../templates
  const candidates = [path.resolve(__dirname, '..', 'templates'), path.resolve(__dirname, '..', '..', 'templates')];
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'partials', 'layout.hbs'))) return dir;
  }
  throw new Error(`Hittar inte mallkatalogen templates/ (sökte i ${candidates.join(', ')})`);
}

type Compiled = HandlebarsTemplateDelegate<unknown>;

interface Engine {
  documents: Record<DocumentType, Compiled>;
  printHeader: Compiled;
  printFooter: Compiled;
}

let engine: Engine | undefined;

function compileAll(): Engine {
  const dir = findTemplatesDir();
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn);
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  const compile = (file: string): Compiled => {
    const source = read(file);
    if (source.includes('{{{') || source.includes('{{&')) {
      throw new Error(`Mallen ${file} använder {{{ }}} eller {{& }} (oescapat innehåll), vilket inte är tillåtet`);
    }
    // precompile() parses eagerly so that a syntax error surfaces here, at load, not at the first render
    hb.precompile(source, COMPILE_OPTIONS);
    return hb.compile(source, COMPILE_OPTIONS);
  };
  for (const name of PARTIALS) hb.registerPartial(name, compile(path.join('partials', `${name}.hbs`)));
  const documents = Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, compile(`${t}.hbs`)])) as Record<
    DocumentType,
    Compiled
  >;
  return {
    documents,
    printHeader: compile(`${PRINT_TEMPLATES[0]}.hbs`),
    printFooter: compile(`${PRINT_TEMPLATES[1]}.hbs`),
  };
}

function getEngine(): Engine {
  engine ??= compileAll();
  return engine;
}

/** Compiles every template now (e.g. at worker start) so that a broken template fails fast. */
export function preloadTemplates(): void {
  getEngine();
}

// ---------------------------------------------------------------------------------------------------------
// View models: everything structural is decided here, the templates only place and escape values

interface BlockView {
  paragraph: string | null;
  bullets: string[] | null;
  numbered: string[] | null;
}

function blockViews(blocks: readonly Block[] | undefined): BlockView[] | null {
  if (!blocks) return null;
  const out: BlockView[] = [];
  for (const b of blocks) {
    if (typeof b === 'string') {
      for (const p of splitParagraphs(b)) out.push({ paragraph: p, bullets: null, numbered: null });
    } else if ('bullets' in b) {
      out.push({ paragraph: null, bullets: [...b.bullets], numbered: null });
    } else {
      out.push({ paragraph: null, bullets: null, numbered: [...b.numbered] });
    }
  }
  return out;
}

interface SignatoryView {
  name: string;
  title: string;
  unit: string | null;
  /** "Undertecknat 2026-12-02" under a signature that was recorded */
  signed: string | null;
}

function signatoryViews(list: readonly Signatory[] | undefined, look: MunicipalityLook): SignatoryView[] {
  return (list ?? look.signatories ?? []).map((s) => ({
    name: s.name,
    title: s.title,
    unit: s.unit ?? null,
    signed: s.signedAt ? `Undertecknat ${formatDateIso(s.signedAt)}` : null,
  }));
}

interface LabelValue {
  label: string;
  value: string;
}

/** 'Kommunfullmäktige' → 'kommunfullmäktige' for running text (organ names are common nouns in Swedish). */
function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('sv-SE') + s.slice(1);
}

/** 'Socialnämnden' → 'Socialnämndens', 'Kommunstyrelsen Malmös' stays (Swedish genitive: -s, none after s/x/z). */
function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

interface Common {
  title: string;
  subject: string;
  unitLines: string[];
  /** diarienummer shown in the print header on every page */
  diarienummer: string | null;
  headerBlock: {
    show: boolean;
    left: LabelValue[];
    right: LabelValue[];
    addressee: string | null;
    via: string | null;
  };
  signatures: SignatoryView[];
  attachments: readonly string[];
  footerText: string;
}

interface LetterLike {
  diarienummer: string;
  date: string;
  caseOfficer?: { name: string; title?: string; phone?: string; email?: string };
  forvaltning?: string;
  avdelning?: string;
}

function letterCommon(
  d: LetterLike,
  look: MunicipalityLook,
  docLabel: string,
  title: string,
  addressee: string | null,
  via: string | null = null,
) {
  const units = [d.forvaltning ?? look.forvaltning, d.avdelning ?? look.avdelning].filter(
    (u): u is string => typeof u === 'string',
  );
  const left: LabelValue[] = [];
  if (d.caseOfficer) {
    left.push({
      label: 'Handläggare',
      value: d.caseOfficer.title ? `${d.caseOfficer.name}, ${d.caseOfficer.title}` : d.caseOfficer.name,
    });
    if (d.caseOfficer.phone) left.push({ label: 'Telefon', value: d.caseOfficer.phone });
    if (d.caseOfficer.email) left.push({ label: 'E-post', value: d.caseOfficer.email });
  }
  return {
    title,
    subject: `${withTypePrefix(docLabel, title)}, ${formatDiarienummer(d.diarienummer)}`,
    unitLines: units,
    diarienummer: d.diarienummer,
    headerBlock: {
      show: true,
      left,
      right: [
        { label: 'Datum', value: formatDateIso(d.date) },
        { label: 'Diarienummer', value: d.diarienummer },
      ],
      addressee,
      via,
    },
    footerText: withTypePrefix(docLabel, title),
  };
}

function organCommon(organ: string, docLabel: string, title: string, fields: LabelValue[], diarienummer: string | null) {
  return {
    title,
    subject: diarienummer ? `${withTypePrefix(docLabel, title)}, ${formatDiarienummer(diarienummer)}` : withTypePrefix(docLabel, title),
    unitLines: [organ],
    diarienummer,
    headerBlock: { show: true, left: [] as LabelValue[], right: fields, addressee: null, via: null },
    footerText: withTypePrefix(docLabel, title),
  };
}

type Built = { common: Common; d: Record<string, unknown> };

type Builders = { [T in DocumentType]: (d: DocumentData[T], look: MunicipalityLook) => Built };

const BUILDERS: Builders = {
  tjansteutlatande: (d, look) => ({
    common: {
      ...letterCommon(d, look, DOCUMENT_TITLES.tjansteutlatande, d.title, d.addressee),
      signatures: signatoryViews(d.signatures, look),
      attachments: d.attachments,
    },
    d: {
      title: d.title,
      proposals: d.proposals,
      sections: TJANSTEUTLATANDE_SECTIONS.filter(([key]) => d[key].length > 0).map(([key, heading]) => ({ heading, blocks: blockViews(d[key]) })),
    },
  }),

  remiss: (d, look) => ({
    common: {
      // One remiss is one handling per recipient: the register's title names who it went to.
      ...letterCommon(d, look, DOCUMENT_TITLES.remiss, `Remiss till ${d.recipients.join(', ')}: ${withoutTypePrefix(DOCUMENT_TITLES.remiss, d.title)}`, null),
      signatures: signatoryViews(d.signatures, look),
      attachments: d.attachments,
    },
    d: {
      title: withTypePrefix(DOCUMENT_TITLES.remiss, d.title),
      recipients: d.recipients,
      body: blockViews(d.body),
      questions: d.questions,
      answerBy: d.answerBy,
      answerTo: d.answerTo,
      diarienummer: d.diarienummer,
    },
  }),

  yttrande: (d, look) => {
    const c = letterCommon(d, look, DOCUMENT_TITLES.yttrande, d.sender ? `${d.title} (${d.sender})` : d.title, d.addressee);
    return {
      common: {
        ...c,
        unitLines: d.sender ? [d.sender, ...c.unitLines] : c.unitLines,
        signatures: signatoryViews(d.signatures, look),
        attachments: d.attachments,
      },
      d: {
        title: d.title,
        referral: {
          title: d.referral.title,
          diarienummer: d.referral.diarienummer,
          date: d.referral.date ?? null,
          sender: d.referral.sender ?? null,
        },
        proposals: d.proposals,
        sections: d.sections.map((s) => ({ heading: s.heading, blocks: blockViews(s.blocks) })),
      },
    };
  },

  protokollsutdrag: (d) => {
    // One protokollsutdrag is one § of one organ's meeting: the register's title says which.
    const title = `${d.organ} ${formatDateIso(d.meetingDate)}, ${formatParagraph(d.paragraph)} ${d.title}`;
    return {
      common: {
        ...organCommon(
          d.organ,
          DOCUMENT_TITLES.protokollsutdrag,
          title,
          [
            { label: 'Sammanträdesdatum', value: formatDateIso(d.meetingDate) },
            { label: 'Diarienummer', value: d.diarienummer },
          ],
          d.diarienummer,
        ),
        signatures: [],
        attachments: [],
      },
      d: {
        title: d.title,
        paragraph: d.paragraph,
        diarienummer: d.diarienummer,
        background: blockViews(d.background),
        decisionIntro: d.decisionIntro ?? `${d.organ} beslutar`,
        decision: d.decision,
        decisionProcess: blockViews(d.decisionProcess),
        reservations: d.reservations.map((r) => ({ who: r.who, text: r.text ?? null })),
        justering: { date: d.justering.date, immediate: d.justering.immediate },
        justeringSignatures: [
          { name: d.justering.chair, title: 'Ordförande', unit: null, signed: null },
          ...d.justering.adjusters.map((a) => ({ name: a, title: 'Justerare', unit: null, signed: null })),
        ],
        certifiedSignatures: [{ name: d.certifiedBy.name, title: d.certifiedBy.title, unit: null, signed: null }],
        sentTo: d.sentTo,
      },
    };
  },

  anslagsbevis: (d) => ({
    common: {
      ...organCommon(
        d.organ,
        DOCUMENT_TITLES.anslagsbevis,
        `${d.organ}, sammanträde ${formatDateIso(d.meetingDate)}`,
        [
          { label: 'Sammanträdesdatum', value: formatDateIso(d.meetingDate) },
          { label: 'Justerat', value: formatDateIso(d.justeringDate) },
        ],
        d.diarienummer ?? null,
      ),
      signatures: [],
      attachments: [],
    },
    d: {
      ...d,
      paragraphs: d.paragraphs ?? null,
      diarienummer: d.diarienummer ?? null,
      certifiedSignatures: d.certifiedBy ? [{ name: d.certifiedBy.name, title: d.certifiedBy.title, unit: null, signed: null }] : [],
    },
  }),

  hemstallan: (d, look) => {
    const heading = /^hemställan\b/i.test(d.title) ? d.title : `Hemställan: ${d.title}`;
    const byRole = d.signatoriesByRole ?? {};
    const signers = d.signatures ?? look.hemstallanSignedBy.map((role) => byRole[role]).filter((s): s is Signatory => s !== undefined);
    return {
      common: {
        ...letterCommon(d, look, DOCUMENT_TITLES.hemstallan, heading, d.to, d.via),
        unitLines: [d.from, ...[d.forvaltning ?? look.forvaltning].filter((u): u is string => typeof u === 'string')],
        signatures: signatoryViews(signers.length > 0 ? signers : undefined, look),
        attachments: d.attachments,
      },
      d: {
        title: heading,
        from: d.from,
        fromGenitive: genitive(d.from),
        toRunning: lowerFirst(d.to),
        viaRunning: d.via ? lowerFirst(d.via) : null,
        meetingDate: d.meetingDate,
        paragraph: d.paragraph ?? null,
        decision: d.decision,
        request: d.request,
        body: blockViews(d.body),
      },
    };
  },

  anslutningsavtal: (d, look) => {
    const party = (p: (typeof d.parties)['skr']) => ({
      name: p.name,
      orgNumber: p.orgNumber ?? null,
      address: p.address ?? null,
      shortName: p.shortName ?? null,
    });
    const signer = (s: (typeof d.signatures)['skr'][number]) => ({
      name: s.name,
      title: s.title,
      unit: s.unit ?? null,
      place: s.place ?? null,
      date: s.date ?? null,
    });
    const terms = d.terms.map((s, i) => ({ heading: `${5 + i}. ${s.heading}`, blocks: blockViews(s.blocks) }));
    return {
      common: {
        ...organCommon(
          look.kommunName,
          DOCUMENT_TITLES.anslutningsavtal,
          d.title,
          [
            { label: 'Datum', value: formatDateIso(d.date) },
            { label: 'Diarienummer', value: d.diarienummer },
          ],
          d.diarienummer,
        ),
        unitLines: [],
        signatures: [],
        attachments: [],
      },
      d: {
        title: d.title,
        partyList: [party(d.parties.skr), party(d.parties.municipality)],
        parties: d.parties,
        purpose: blockViews(d.purpose),
        programmeParts: d.programmeParts.map((p) => ({ name: p.name, description: p.description ?? null })),
        fees: {
          // One national row per fee year when the agreement lists them, else one row with the rate.
          nationalRows:
            d.fees.yearlyRates.length > 0
              ? d.fees.yearlyRates.map((r) => ({ label: `Nationell avgift ${r.year}`, rateOre: r.rateOre, preliminary: r.preliminary }))
              : [{ label: 'Nationell avgift', rateOre: d.fees.nationalRateOre, preliminary: false }],
          regional: d.fees.regional
            ? { payee: d.fees.regional.payee, rateOre: d.fees.regional.rateOre ?? 0, set: d.fees.regional.rateOre !== null }
            : null,
          computation: blockViews(d.fees.computation),
        },
        period: d.period,
        termSections: terms,
        signatureHeading: `${5 + terms.length}. Underskrifter`,
        partySignatures: [
          { party: d.parties.skr.name, signers: d.signatures.skr.map(signer) },
          { party: d.parties.municipality.name, signers: d.signatures.municipality.map(signer) },
        ],
      },
    };
  },

  startbesked: (d, look) => ({
    common: {
      ...letterCommon(d, look, DOCUMENT_TITLES.startbesked, d.title, d.addressee),
      signatures: signatoryViews(d.signatures, look),
      attachments: d.attachments,
    },
    d: {
      title: d.title,
      startDate: d.startDate,
      programmeParts: d.programmeParts,
      body: blockViews(d.body),
      contact: d.contact
        ? {
            name: d.contact.name,
            title: d.contact.title ?? null,
            phone: d.contact.phone ?? null,
            email: d.contact.email ?? null,
          }
        : null,
    },
  }),

  avgiftsunderlag: (d, look) => {
    const title = `Avgiftsunderlag ${d.year}: ${d.municipality}`;
    const fields: LabelValue[] = [{ label: 'Datum', value: formatDateIso(d.date) }];
    if (d.diarienummer) fields.push({ label: 'Diarienummer', value: d.diarienummer });
    const rows = [
      {
        label: 'Nationell avgift',
        payee: d.nationalPayee,
        rateOre: d.national.rateOre,
        amountOre: d.national.amountOre,
        set: true,
        computation: d.national.computation ?? null,
      },
    ];
    if (d.regional) {
      // A regional fee that is not yet set reads "ej fastställd" in both columns, never 0 kr.
      rows.push({
        label: 'Regional avgift',
        payee: d.regional.payee,
        rateOre: d.regional.rateOre ?? 0,
        amountOre: d.regional.amountOre ?? 0,
        set: d.regional.amountOre !== null,
        computation: d.regional.computation ?? null,
      });
    }
    const unset = rows.some((r) => !r.set);
    const units = [look.forvaltning, look.avdelning].filter((u): u is string => typeof u === 'string');
    return {
      common: {
        ...organCommon(look.kommunName, DOCUMENT_TITLES.avgiftsunderlag, title, fields, d.diarienummer ?? null),
        unitLines: units,
        signatures: [],
        attachments: [],
      },
      d: {
        title,
        year: d.year,
        municipality: d.municipality,
        population: { count: d.population.count, asOf: d.population.asOf, source: d.population.source ?? null },
        feeRows: rows,
        totalOre: d.totalOre,
        totalLabel: unset ? 'Totalt fastställda avgifter' : 'Totalt',
        notes: blockViews(d.notes),
      },
    };
  },

  foredragningslista: (d) => {
    const title = `${d.organ}, sammanträde ${formatDateIso(d.meetingDate)}`;
    return {
      common: {
        ...organCommon(
          d.organ,
          DOCUMENT_TITLES.foredragningslista,
          title,
          [{ label: 'Sammanträdesdatum', value: formatDateIso(d.meetingDate) }],
          null,
        ),
        signatures: [],
        attachments: [],
      },
      d: {
        title,
        meetingDate: d.meetingDate,
        time: d.time,
        place: d.place,
        chair: d.chair ?? null,
        secretary: d.secretary ?? null,
        items: d.items.map((it, i) => ({
          number: i + 1,
          title: it.title,
          diarienummer: it.diarienummer ?? null,
          rapporteur: it.rapporteur ?? null,
          note: it.note ?? null,
        })),
        notes: blockViews(d.notes),
      },
    };
  },

  kallelse: (d) => {
    const title = `${d.organ}, sammanträde ${formatDateIso(d.meetingDate)}`;
    const fields = [
      { label: 'Sammanträdesdatum', value: formatDateIso(d.meetingDate) },
      { label: 'Version', value: d.changed ? `${d.version} (ändrad)` : String(d.version) },
    ];
    return {
      common: { ...organCommon(d.organ, DOCUMENT_TITLES.kallelse, title, fields, null), signatures: [], attachments: [] },
      d: {
        title,
        changedNotice: d.changed ? `Ändrad kallelse, version ${d.version}: ersätter tidigare utskickad kallelse och föredragningslista.` : null,
        meetingDate: d.meetingDate,
        time: d.time,
        place: d.place,
        kallelseDeadline: d.kallelseDeadline ?? null,
        secretary: d.secretary ?? null,
        items: d.items.map((it) => ({ number: it.number, title: it.title, diarienummer: it.diarienummer ?? null, rapporteur: it.rapporteur ?? null, proposals: it.proposals })),
      },
    };
  },

  protokoll: (d) => {
    const title = `${d.organ}, sammanträde ${formatDateIso(d.meetingDate)}`;
    const fields = [{ label: 'Sammanträdesdatum', value: formatDateIso(d.meetingDate) }, ...(d.paragraphs ? [{ label: 'Paragrafer', value: d.paragraphs }] : [])];
    return {
      common: { ...organCommon(d.organ, DOCUMENT_TITLES.protokoll, title, fields, null), signatures: [], attachments: [] },
      d: {
        title,
        meetingDate: d.meetingDate,
        time: d.time,
        place: d.place,
        present: d.present,
        serving: d.serving,
        absent: d.absent,
        others: d.others,
        secretary: d.secretary ?? null,
        items: d.items.map((it) => ({
          ...it,
          diarienummer: it.diarienummer ?? null,
          rapporteur: it.rapporteur ?? null,
          propositionsordning: it.propositionsordning ?? null,
          outcome: it.outcome ?? null,
          votering: it.votering ?? null,
          reservations: it.reservations.map((r) => ({ who: r.who, text: r.text ?? null })),
        })),
        justering: {
          justerat: d.justering.justerat,
          status: d.justering.justerat ? `Justerat ${d.justering.date ? formatDateIso(d.justering.date) : ''}`.trim() : 'Ej justerat',
          signers: d.justering.signers.map((x) => ({ name: x.name, role: x.role, date: x.date ? formatDateIso(x.date) : null })),
        },
      },
    };
  },
};

// ---------------------------------------------------------------------------------------------------------
// Public API

/** Validates a look (colour #rgb/#rrggbb, logo a base64 PNG/SVG data URL); throws DocumentValidationError. */
export function parseMunicipalityLook(look: unknown): MunicipalityLook {
  const r = municipalityLookSchema.safeParse(look);
  if (!r.success) throw new DocumentValidationError('Ogiltigt utseende (MunicipalityLook)', r.error.issues);
  return r.data;
}

/** Validates a document's data against its type's schema (defaults applied); throws DocumentValidationError. */
export function parseDocumentData<T extends DocumentType>(type: T, data: unknown): DocumentData[T] {
  if (!isDocumentType(type)) throw new Error(`Okänd dokumenttyp: ${String(type)}`);
  const r = DOCUMENT_SCHEMAS[type].safeParse(data);
  if (!r.success) throw new DocumentValidationError(`Ogiltiga data för ${DOCUMENT_TITLES[type]}`, r.error.issues);
  return r.data as DocumentData[T];
}

/**
 * Document data + the municipality's look → HTML and print header/footer.
 * `data` is validated here against the type's schema (see DocumentInput[T] for its shape), so callers holding
 * stored, untyped data can pass it as is; invalid data or look throws DocumentValidationError.
 */
export function renderDocumentHtml<T extends DocumentType>(
  type: T,
  data: DocumentInput[T] | DocumentData[T] | unknown,
  look: MunicipalityLookInput | MunicipalityLook,
  options: RenderOptions = {},
): RenderedDocument {
  const parsedLook = parseMunicipalityLook(look);
  const parsed = parseDocumentData(type, data);
  const { common, d } = (BUILDERS[type] as (d: DocumentData[T], l: MunicipalityLook) => Built)(parsed, parsedLook);

  const docTypeLabel = DOCUMENT_TITLES[type];
  const draft = options.status === 'utkast';
  const version = options.version !== undefined && Number.isInteger(options.version) && options.version > 0 ? options.version : null;
  const title = withTypePrefix(docTypeLabel, common.title);
  const author = [parsedLook.kommunName, ...common.unitLines.slice(0, 1)].join(', ');
  // The status stands first in the subject, so that every viewer that shows it shows an utkast as one.
  const subject = draft ? `${DRAFT_MARK} – ${common.subject}` : common.subject;
  const statusText = draft ? DRAFT_MARK : 'Slutlig version';
  const keywords = [docTypeLabel, statusText, ...(version ? [`Version ${version}`] : [])];
  const info: Record<string, string> = { Dokumentstatus: draft ? 'Utkast' : 'Slutlig', ...(version ? { Dokumentversion: String(version) } : {}) };
  const m = PRINT_PAGE.margin;
  const versionLine = version ? `Version ${version}` : null;

  const view = {
    meta: { title, author, subject, keywords: keywords.join(', ') },
    look: { primaryColor: parsedLook.primaryColor },
    page: m,
    docTypeLabel,
    draft: draft ? { mark: DRAFT_MARK, notice: `${DRAFT_MARK}${versionLine ? ` – ${versionLine.toLowerCase()}` : ''}. Detta är inte en slutlig version av handlingen.` } : null,
    letterhead: {
      kommunName: parsedLook.kommunName,
      logoDataUrl: parsedLook.logoDataUrl ?? null,
    },
    headerBlock: common.headerBlock,
    signatures: common.signatures,
    attachments: formatAttachments(common.attachments),
    d,
  };
  const print = {
    print: {
      kommunName: parsedLook.kommunName,
      unitLines: common.unitLines,
      docTypeLabel,
      draftMark: draft ? DRAFT_MARK : null,
      versionLine,
      diarienummer: common.diarienummer ? formatDiarienummer(common.diarienummer) : null,
      footerText: draft ? `${DRAFT_MARK} – ${common.footerText}` : common.footerText,
      headerPadding: `8mm ${m.right} 0 ${m.left}`,
      footerPadding: `0 ${m.right} 6mm ${m.left}`,
    },
  };

  const e = getEngine();
  return {
    html: e.documents[type](view),
    headerTemplate: e.printHeader(print),
    footerTemplate: e.printFooter(print),
    title,
    author,
    subject,
    keywords,
    info,
    lang: 'sv',
  };
}

/** "Remiss" + "Remiss: X" → "X". */
export function withoutTypePrefix(label: string, title: string): string {
  const prefix = `${label}: `;
  return title.toLocaleLowerCase('sv-SE').startsWith(prefix.toLocaleLowerCase('sv-SE')) ? title.slice(prefix.length) : title;
}

/** "Remiss" + "Remiss till Äldrenämnden: X" stays as it is; "Remiss" + "X" → "Remiss: X" (never "Remiss: Remiss: X"). */
export function withTypePrefix(label: string, title: string): string {
  return title.toLocaleLowerCase('sv-SE').startsWith(label.toLocaleLowerCase('sv-SE')) ? title : `${label}: ${title}`;
}
