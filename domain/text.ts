import { z } from 'zod';

/**
 * Characters no text a user writes may contain: everything a user writes may end up printed in an official document
 * (a tjänsteutlåtande, a protokollsutdrag, an agreement), and a printed official text must say what it shows.
 * - C0 controls other than tab and newline, DEL, and the C1 controls U+0080–U+009F (U+0085 NEL, U+009B CSI …):
 *   the document templates refuse them, and some terminals and PDF readers act on them;
 * - invisible characters: zero-width space/joiners (U+200B–U+200D), word joiner and invisible operators
 *   (U+2060–U+2064), the byte order mark U+FEFF, Mongolian vowel separator U+180E, Hangul fillers, tags (U+E0000–E007F);
 * - bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069): they reorder what is printed, so
 *   that "avslag" can be shown where "bifall" is written (the "Trojan Source" problem);
 * - the line and paragraph separators U+2028/U+2029 (a line break that is not a newline);
 * - interlinear annotations (U+FFF9–U+FFFB), non-characters U+FFFE/U+FFFF and lone surrogates (not Unicode text);
 * - the replacement character U+FFFD: a character was lost on the way (a wrong encoding), the text is not what was written.
 * Checked at the door (the API schemas) and by the document schemas (domain/documents/parts.ts), so that a body the
 * API accepts can always be printed and prints as it reads.
 */
export const FORBIDDEN_CHARACTER =
  // eslint-disable-next-line no-control-regex -- the control characters are what this pattern finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u115F\u1160\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\uFFFD-\uFFFF\u{E0000}-\u{E007F}]|\p{Cs}/u;

/** The same rule as a whole-string pattern, for schemas that take a regex (domain/documents/parts.ts). */
export const NO_CONTROL = new RegExp(`^(?:(?!${FORBIDDEN_CHARACTER.source}).)*$`, 'su');
export const NO_CONTROL_MESSAGE = 'innehåller otillåtna kontrolltecken eller osynliga tecken';

/** What kind of character a forbidden one is, in Swedish, for the error message. */
function kindOf(cp: number): string {
  if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)) return 'kontrolltecken';
  if (cp === 0x2028 || cp === 0x2029) return 'radavgränsare som inte är en radbrytning';
  if (cp === 0x061c || cp === 0x200e || cp === 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
    return 'styrtecken för skrivriktning';
  if (cp >= 0xd800 && cp <= 0xdfff) return 'ofullständigt tecken';
  if (cp === 0xfffd) return 'ersättningstecken: ett tecken har gått förlorat på vägen';
  if (cp === 0xfffe || cp === 0xffff) return 'ogiltigt tecken';
  return 'osynligt tecken';
}

/** The first forbidden character of `s` as "U+202E (styrtecken för skrivriktning)", or undefined when there is none. */
export function forbiddenCharacter(s: string): string | undefined {
  const m = FORBIDDEN_CHARACTER.exec(s);
  if (!m) return undefined;
  const cp = m[0].codePointAt(0) as number;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} (${kindOf(cp)})`;
}

/** The refusal of a text with a forbidden character, naming it. */
export function forbiddenCharacterMessage(found: string): string {
  return `innehåller ett otillåtet tecken: ${found}`;
}

/** Refuses a string holding a forbidden character, naming the character (a zod check for any string schema). */
export const printable = (s: z.ZodString) =>
  s.superRefine((value, ctx) => {
    const found = forbiddenCharacter(value);
    if (found) ctx.addIssue({ code: 'custom', message: forbiddenCharacterMessage(found) });
  });

/**
 * A whole number as Swedish text, thousands grouped with a non-breaking space: 20000 → "20 000" (as Intl's sv-SE,
 * written out here so that workflow code gets the same text without depending on the ICU data of its sandbox).
 */
export function svInteger(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}

/** "1 ärende", "2 ärenden", "20 000 tecken": a count with the singular for one and sv-SE grouping. */
export function svCount(n: number, singular: string, plural: string): string {
  return `${svInteger(n)} ${n === 1 ? singular : plural}`;
}

/**
 * Running text (it may span lines), with Swedish messages naming the rule. The characters are checked before the
 * text is trimmed: a BOM or a line separator at the edge (which trim() would drop) is refused, not silently cleaned.
 */
export const text = (max: number) =>
  printable(z.string({ error: 'måste vara text' }))
    .trim()
    .min(1, 'får inte vara tomt')
    .max(max, `får vara högst ${svCount(max, 'tecken', 'tecken')}`);

/** One line of text: a name, a title, a place (printed on one line). */
export const line = (max: number) => text(max).refine((s) => !/[\r\n]/.test(s), 'ska vara en rad');

/**
 * For text recorded before these rules (an ärende registered when the API still let such characters through): every
 * forbidden character made visible as "[U+202E]", in every string of a document's data, so that its documents can still
 * be printed and print what is there instead of hiding it. A no-op for data without them (everything accepted now).
 */
export function revealForbiddenCharacters<T>(value: T): T {
  if (typeof value === 'string') {
    return (
      FORBIDDEN_CHARACTER.test(value)
        ? value.replace(new RegExp(FORBIDDEN_CHARACTER.source, 'gu'), (c) => `[U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}]`)
        : value
    ) as T;
  }
  if (Array.isArray(value)) return value.map((v) => revealForbiddenCharacters(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealForbiddenCharacters(v)])) as T;
  }
  return value;
}
