/**
 * Swedish (sv-SE) formatting for the documents. Pure functions, no Intl dependency at run time:
 * the output is fixed code point by code point (and tested against Node's Intl 'sv-SE' output), so a
 * different ICU build cannot change what an official document says.
 *
 * Conventions (same as Intl.NumberFormat('sv-SE') in Node 20 / ICU 7x):
 * - thousands separator U+00A0 NO-BREAK SPACE ("2 403 131"), also in four-digit numbers ("1 234");
 * - decimal comma ("131,49");
 * - negative sign U+2212 MINUS SIGN, not the hyphen ("−1 234");
 * - currency as a suffix after U+00A0: "2 403 131,49 kr".
 * Money is always integer öre; kronor and öre are split with integer arithmetic, never floating point.
 */
import { isIsoDate, stockholmDate, type IsoDate } from '../domain/iso-date';

export const NBSP = '\u00A0';
export const MINUS = '\u2212';
export const EN_DASH = '\u2013';

const MONTHS_SV = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'] as const;

function requireIsoDate(value: unknown, fn: string): IsoDate {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new RangeError(`${fn}: inte ett datum på formen ÅÅÅÅ-MM-DD: ${String(value)}`);
  }
  return value;
}

/** '2026-06-03' → '3 juni 2026' (day without leading zero, month in lower case, as in Swedish running text). */
export function formatDateLong(date: IsoDate): string {
  const d = requireIsoDate(date, 'formatDateLong');
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS_SV[m - 1]} ${y}`;
}

/**
 * ISO form used in Swedish document headers ('2026-06-03'). Accepts an IsoDate (validated, returned as is)
 * or an instant (Date), which is converted to the calendar date in Europe/Stockholm.
 */
export function formatDateIso(date: IsoDate | Date): IsoDate {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new RangeError('formatDateIso: ogiltigt datum');
    return stockholmDate(date);
  }
  return requireIsoDate(date, 'formatDateIso');
}

/** '2026-06-03' + '2026-06-24' → '3 juni 2026 – 24 juni 2026' (en dash with spaces). */
export function formatDateRange(from: IsoDate, to: IsoDate): string {
  return `${formatDateLong(from)} ${EN_DASH} ${formatDateLong(to)}`;
}

/** A clock time 'HH:MM' or 'HH.MM' → Swedish 'HH.MM' ('13:00' → '13.00'). */
export function formatTime(time: string): string {
  const m = /^([01]\d|2[0-3])[:.]([0-5]\d)$/.exec(time);
  if (!m) throw new RangeError(`formatTime: inte en tid på formen TT:MM: ${time}`);
  return `${m[1]}.${m[2]}`;
}

/** Groups the decimal digits of a non-negative integer in threes with U+00A0: 988943 → '988 943'. */
function groupDigits(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += NBSP;
    out += digits[i];
  }
  return out;
}

function requireSafeInteger(value: unknown, fn: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new RangeError(`${fn}: måste vara ett heltal: ${String(value)}`);
  }
  return value;
}

/** An integer with Swedish grouping and U+2212 for negatives: -1234 → '−1 234'. */
export function formatInteger(value: number): string {
  const n = requireSafeInteger(value, 'formatInteger');
  const sign = n < 0 ? MINUS : '';
  return sign + groupDigits(String(Math.abs(n)));
}

/** A population count: 988943 → '988 943'. Must be a non-negative integer. */
export function formatPopulation(count: number): string {
  const n = requireSafeInteger(count, 'formatPopulation');
  if (n < 0) throw new RangeError(`formatPopulation: kan inte vara negativt: ${n}`);
  return groupDigits(String(n));
}

/** Splits öre into sign, whole kronor and remaining öre (0–99) with integer arithmetic. */
export function splitOre(ore: number): { negative: boolean; kronor: number; ore: number } {
  const n = requireSafeInteger(ore, 'splitOre');
  const abs = Math.abs(n);
  const rest = abs % 100;
  return { negative: n < 0, kronor: (abs - rest) / 100, ore: rest };
}

/** 240313149 → '2 403 131,49 kr'; -5 → '−0,05 kr'; 0 → '0,00 kr'. */
export function formatMoneyOre(ore: number): string {
  const { negative, kronor, ore: rest } = splitOre(ore);
  const sign = negative ? MINUS : '';
  return `${sign}${groupDigits(String(kronor))},${String(rest).padStart(2, '0')}${NBSP}kr`;
}

/**
 * Whole kronor: 240313149 → '2 403 131 kr'. Rounds to the nearest krona, 50 öre away from zero
 * (Swedish öresavrundning: 0,50 kr → 1 kr, −0,50 kr → −1 kr). Zero is never printed with a minus.
 */
export function formatMoneyKronor(ore: number): string {
  const { negative, kronor, ore: rest } = splitOre(ore);
  const rounded = rest >= 50 ? kronor + 1 : kronor;
  const sign = negative && rounded !== 0 ? MINUS : '';
  return `${sign}${groupDigits(String(rounded))}${NBSP}kr`;
}

/** A per-inhabitant rate in öre: 243 → '2,43 kr per invånare och år'. */
export function formatRatePerInhabitant(ore: number): string {
  return `${formatMoneyOre(ore)} per invånare och år`;
}

/**
 * Numbered list as plain text, one item per line: ['A', 'B'] → '1. A\n2. B'.
 * Used for förslag till beslut / beslut when quoted outside a template (templates use <ol>).
 */
export function formatNumberedList(items: readonly string[]): string {
  return numberItems(items)
    .map((i) => `${i.label} ${i.text}`)
    .join('\n');
}

export interface NumberedItem {
  number: number;
  /** '1.' */
  label: string;
  text: string;
}

export function numberItems(items: readonly string[], start = 1): NumberedItem[] {
  return items.map((text, i) => ({ number: start + i, label: `${start + i}.`, text }));
}

/**
 * The bilagor list under a document: heading 'Bilaga' for one, 'Bilagor' for several (seed 000 has one:
 * "Bilaga / 1. PM SKR …"); null when there are none, so the template leaves the section out.
 */
export function formatAttachments(attachments: readonly string[]): { heading: 'Bilaga' | 'Bilagor'; items: NumberedItem[] } | null {
  if (attachments.length === 0) return null;
  return { heading: attachments.length === 1 ? 'Bilaga' : 'Bilagor', items: numberItems(attachments) };
}

/** 'Sida 1 (4)'; style 'short' gives '1 (4)'. */
export function formatPageLabel(page: number, total: number, style: 'sida' | 'short' = 'sida'): string {
  const p = requireSafeInteger(page, 'formatPageLabel');
  const t = requireSafeInteger(total, 'formatPageLabel');
  if (p < 1 || t < p) throw new RangeError(`formatPageLabel: sida ${p} av ${t} finns inte`);
  const label = `${p} (${t})`;
  return style === 'short' ? label : `Sida ${label}`;
}

/** 'SN 2026/0123' → 'Dnr SN 2026/0123'; numbers that already start with Dnr/DNR are kept as they are. */
export function formatDiarienummer(dnr: string): string {
  const trimmed = dnr.trim();
  return /^dnr\b/i.test(trimmed) ? trimmed : `Dnr ${trimmed}`;
}

/** '§ 12' for a paragraph number in a protocol. */
export function formatParagraph(n: number): string {
  const p = requireSafeInteger(n, 'formatParagraph');
  if (p < 1) throw new RangeError(`formatParagraph: måste vara minst 1: ${p}`);
  return `§${NBSP}${p}`;
}

/**
 * Splits free text into paragraphs at blank lines; single line breaks inside a paragraph (hard wrap) are
 * joined with a space. Leading/trailing whitespace of each paragraph is removed; empty paragraphs are dropped.
 */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 0)
        .join(' '),
    )
    .filter((p) => p.length > 0);
}
