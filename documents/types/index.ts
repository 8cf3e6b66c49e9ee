/**
 * The document types Beslutsflöde writes (docs/where-things-are.md): one folder each, documents/types/<type>/ with
 *   schema.ts   its title and the zod schema of its data (pure; workflows import its types, the API its title)
 *   view.ts     data + the municipality's look → what the template shows (documents/types/views.ts lists them)
 *   template.hbs the page (layout and partials: templates/partials/)
 *   sample.ts   valid data, for the tests and the benchmark (documents/types/samples.ts lists them)
 * Adding a type: a new folder like the others, then one line here, in views.ts and in samples.ts (the compiler
 * asks for the last two). The order here is the order of the tests and of every list of types.
 */
import type { z } from 'zod';
import * as tjansteutlatande from './tjansteutlatande/schema';
import * as remiss from './remiss/schema';
import * as yttrande from './yttrande/schema';
import * as protokollsutdrag from './protokollsutdrag/schema';
import * as anslagsbevis from './anslagsbevis/schema';
import * as hemstallan from './hemstallan/schema';
import * as anslutningsavtal from './anslutningsavtal/schema';
import * as startbesked from './startbesked/schema';
import * as avgiftsunderlag from './avgiftsunderlag/schema';
import * as foredragningslista from './foredragningslista/schema';
import * as kallelse from './kallelse/schema';
import * as protokoll from './protokoll/schema';

const DEFINITIONS = {
  tjansteutlatande,
  remiss,
  yttrande,
  protokollsutdrag,
  anslagsbevis,
  hemstallan,
  anslutningsavtal,
  startbesked,
  avgiftsunderlag,
  foredragningslista,
  kallelse,
  protokoll,
} satisfies Record<string, { title: string; schema: z.ZodType }>;

export type DocumentType = keyof typeof DEFINITIONS;
export const DOCUMENT_TYPES = Object.keys(DEFINITIONS) as readonly DocumentType[];

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DEFINITIONS, value);
}

/** The Swedish name of each document type, as printed in the document header. */
export const DOCUMENT_TITLES = Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, DEFINITIONS[t].title])) as Record<DocumentType, string>;

export const DOCUMENT_SCHEMAS = Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, DEFINITIONS[t].schema])) as {
  [T in DocumentType]: (typeof DEFINITIONS)[T]['schema'];
};

/** Parsed (output) data of each type, defaults applied. */
export type DocumentData = { [T in DocumentType]: z.output<(typeof DOCUMENT_SCHEMAS)[T]> };
/** What callers pass in (defaults may be omitted). */
export type DocumentInput = { [T in DocumentType]: z.input<(typeof DOCUMENT_SCHEMAS)[T]> };

export type TjansteutlatandeData = DocumentData['tjansteutlatande'];
export type TjansteutlatandeInput = DocumentInput['tjansteutlatande'];
