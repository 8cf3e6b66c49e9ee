/**
 * The template engine: document data → HTML ready to print (the Chromium renderer in documents/renderer.ts
 * turns the result into a tagged A4 PDF).
 *
 * Safety rules, all enforced here:
 * - An isolated Handlebars environment (Handlebars.create()): nothing registered globally.
 * - Templates come only from this repository: one per DocumentType (a fixed list), documents/types/<type>/template.hbs,
 *   plus the shared layout in templates/partials/ and the print header/footer in templates/. No template name or
 *   path ever comes from the caller.
 * - Compiled once (strict, knownHelpersOnly) and cached; prototype access guards stay at Handlebars' default (ON).
 * - Every value reaches the HTML through `{{ }}` (escaped). There is no `{{{ }}}` in any template; structure
 *   (paragraphs, lists) is built in each type's view (documents/types/<type>/view.ts) and escaped by Handlebars.
 * - Data and look are validated with zod first; the colour is #rgb/#rrggbb and the logo a base64 PNG/SVG data
 *   URL, nothing else, because they are written into CSS and an <img src>.
 */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { z } from 'zod';
import { municipalityLookSchema, type MunicipalityLook, type MunicipalityLookInput } from '../domain/documents/look';
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
} from './format';
import { DOCUMENT_SCHEMAS, DOCUMENT_TITLES, DOCUMENT_TYPES, isDocumentType, type DocumentData, type DocumentInput, type DocumentType } from './types';
import { DOCUMENT_VIEWS } from './types/views';
import { withTypePrefix, type Built } from './view-parts';

export type { DocumentType } from './types';
export type { MunicipalityLook } from '../domain/documents/look';
export { withoutTypePrefix, withTypePrefix } from './view-parts';

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
    super(`${what}: ${issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(roten)'}: ${i.message}`).join('; ')}`);
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
const PARTIALS = ['layout', 'letterhead', 'header-block', 'blocks', 'sections', 'numbered-list', 'signatures', 'attachments'] as const;

const PRINT_TEMPLATES = ['print-header', 'print-footer'] as const;

/** The folder holding `probe`: beside this file (tsx, jest) or, from dist/documents/, in the source tree. */
function findDir(what: string, candidates: string[], probe: string): string {
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, probe))) return dir;
  }
  throw new Error(`Hittar inte mallkatalogen ${what} (sökte i ${candidates.join(', ')})`);
}

function findTemplatesDir(): string {
  return findDir(
    'templates/',
    [path.resolve(__dirname, '..', 'templates'), path.resolve(__dirname, '..', '..', 'templates')],
    path.join('partials', 'layout.hbs'),
  );
}

function findTypesDir(): string {
  const candidates = [path.resolve(__dirname, 'types'), path.resolve(__dirname, '..', '..', 'documents', 'types')];
  return findDir('documents/types/', candidates, path.join(DOCUMENT_TYPES[0], 'template.hbs'));
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
  const typesDir = findTypesDir();
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn);
  const compile = (file: string): Compiled => {
    const source = fs.readFileSync(file, 'utf8');
    if (source.includes('{{{') || source.includes('{{&')) {
      throw new Error(
        `Mallen ${path.relative(path.resolve(__dirname, '..'), file)} använder {{{ }}} eller {{& }} (oescapat innehåll), vilket inte är tillåtet`,
      );
    }
    // precompile() parses eagerly so that a syntax error surfaces here, at load, not at the first render
    hb.precompile(source, COMPILE_OPTIONS);
    return hb.compile(source, COMPILE_OPTIONS);
  };
  for (const name of PARTIALS) hb.registerPartial(name, compile(path.join(dir, 'partials', `${name}.hbs`)));
  const documents = Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, compile(path.join(typesDir, t, 'template.hbs'))])) as Record<DocumentType, Compiled>;
  return {
    documents,
    printHeader: compile(path.join(dir, `${PRINT_TEMPLATES[0]}.hbs`)),
    printFooter: compile(path.join(dir, `${PRINT_TEMPLATES[1]}.hbs`)),
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
  const { common, d } = (DOCUMENT_VIEWS[type] as (d: DocumentData[T], l: MunicipalityLook) => Built)(parsed, parsedLook);

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
    draft: draft
      ? { mark: DRAFT_MARK, notice: `${DRAFT_MARK}${versionLine ? ` – ${versionLine.toLowerCase()}` : ''}. Detta är inte en slutlig version av handlingen.` }
      : null,
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
