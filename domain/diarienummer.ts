import { z } from 'zod';

/**
 * Diarienummer: each municipality numbers its ärenden in its own format, per series (usually the nämnd) and year,
 * without gaps or duplicates. The format is configuration: a pattern with the placeholders
 * {serie}, {year} (2026), {yy} (26) and {nr} or {nr:N} (zero-padded to N digits).
 * Examples: "{serie} {year}/{nr:4}" → "SN 2026/0001"; "Dnr {serie} {year}/{nr}" → "Dnr KS 2026/124";
 * "{serie}-{year}/{nr:3}" → "KS-2026/742".
 */
export const DEFAULT_DIARIENUMMER_PATTERN = '{serie} {year}/{nr:4}';

const PLACEHOLDER = /\{(serie|year|yy|nr)(?::(\d))?\}/g;

export const diarienummerPatternSchema = z
  .string()
  .min(4)
  .max(60)
  .refine((p) => /\{nr(?::\d)?\}/.test(p), { message: 'mönstret måste innehålla {nr} eller {nr:N}' })
  .refine((p) => /\{(year|yy)\}/.test(p), { message: 'mönstret måste innehålla {year} eller {yy}: numreringen börjar om varje år' })
  .refine((p) => p.replace(PLACEHOLDER, '').match(/[{}]/) === null, { message: 'okänd platshållare i mönstret' });

export const diarieserieSchema = z
  .string()
  .regex(/^[A-ZÅÄÖ][A-ZÅÄÖ0-9]{0,9}$/, 'måste vara 1–10 versaler eller siffror och börja med en bokstav (t.ex. SN, KS)');

export interface DiarienummerParts {
  serie: string;
  year: number;
  nr: number;
}

export function formatDiarienummer(pattern: string, parts: DiarienummerParts): string {
  return pattern.replace(PLACEHOLDER, (_, name: string, width?: string) => {
    switch (name) {
      case 'serie':
        return parts.serie;
      case 'year':
        return String(parts.year);
      case 'yy':
        return String(parts.year % 100).padStart(2, '0');
      default:
        return String(parts.nr).padStart(width ? Number(width) : 1, '0');
    }
  });
}

/**
 * An existing diarienummer from another system, accepted in any of the shapes seen in Swedish municipalities:
 * "SN 18/0098", "Dnr KS 2018/124", "KS-2014/742.912", "DNR T2012-050-05828", "KS/2014/0073", "Dnr 1-202/2019".
 */
export const existingDiarienummerSchema = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(3, 'ett diarienummer har minst 3 tecken')
      .max(40, 'ett diarienummer har högst 40 tecken')
      .regex(/^[\p{L}\d][\p{L}\d ./:_-]*$/u, 'får bara innehålla bokstäver, siffror, mellanslag och . / : _ -')
      .regex(/\d/, 'ett diarienummer innehåller minst en siffra'),
  );

/**
 * Reads a diarienummer written in the municipality's own format back into its parts (the inverse of
 * formatDiarienummer). Lenient where people are: any case, any number of leading zeros ("SN 2026/1" is "SN 2026/0001"),
 * runs of spaces. {yy} is read as 20yy. Undefined when the text is not in the format (a number from another system)
 * or its löpnummer is 0.
 */
export function parseDiarienummer(pattern: string, value: string): DiarienummerParts | undefined {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const m of pattern.matchAll(PLACEHOLDER)) {
    source += escapeLiteral(pattern.slice(last, m.index));
    last = (m.index as number) + m[0].length;
    names.push(m[1]);
    source += m[1] === 'serie' ? '([A-ZÅÄÖ][A-ZÅÄÖ0-9]{0,9})' : m[1] === 'year' ? '(\\d{4})' : m[1] === 'yy' ? '(\\d{2})' : '(\\d{1,9})';
  }
  source += escapeLiteral(pattern.slice(last));
  const match = new RegExp(`^${source}$`, 'iu').exec(value.trim().replace(/\s+/g, ' '));
  if (!match) return undefined;
  const parts: DiarienummerParts = { serie: '', year: 0, nr: 0 };
  names.forEach((name, i) => {
    const v = match[i + 1];
    if (name === 'serie') parts.serie = v.toLocaleUpperCase('sv');
    else if (name === 'year') parts.year = Number(v);
    else if (name === 'yy') parts.year = 2000 + Number(v);
    else parts.nr = Number(v);
  });
  return parts.nr >= 1 ? parts : undefined;
}

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, ' ');
}

/**
 * The diarieserie a number from another system seems to name: its first word of capitals, after an optional "Dnr"
 * ("Dnr KS 2018/124" → KS, "KS-2014/742.912" → KS, "KS/2014/0073" → KS). Undefined when it names none
 * ("DNR T2012-050-05828", "Dnr 1-202/2019").
 */
export function seriesNamedIn(value: string): string | undefined {
  const m = /^(?:dnr\.?\s+)?(?!dnr\b)([A-ZÅÄÖ]{1,10})(?=[\s\-/:.]+\d)/iu.exec(value.trim());
  return m ? m[1].toLocaleUpperCase('sv') : undefined;
}
