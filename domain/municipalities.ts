// Longer than 300 lines on purpose: the municipality registry's parsing and validation are one concern.
/**
 * The municipality registry: Sweden's 290 municipalities with population (stated figure + date) and the
 * county's RSS. Parsed from reference/kommuner.csv and reference/rss.csv (see reference/SOURCES.md) by the
 * caller, which reads the files; this module only turns text into typed, validated values.
 *
 * Pure and deterministic (no I/O, no Date.now, no Node built-ins): safe inside Temporal's workflow sandbox.
 */
import { z } from 'zod';
import type { NationalRate } from './fees';
import { isIsoDate, isoDateSchema, type IsoDate } from './iso-date';

// ---------------------------------------------------------------- schemas

/** A kommunkod: four digits, the first two the county's (SCB's codes, e.g. 0180 Stockholm). */
export const KOMMUNKOD = /^\d{4}$/;
export const kommunkodSchema = z.string({ error: 'måste vara text' }).regex(KOMMUNKOD, { error: 'måste vara en kommunkod med fyra siffror (t.ex. 0180)' });

export function isKommunkod(value: unknown): value is string {
  return typeof value === 'string' && KOMMUNKOD.test(value);
}
export const lanskodSchema = z.string().regex(/^\d{2}$/, { error: 'länskoden ska vara två siffror (t.ex. 01)' });
export const rssCertaintySchema = z.enum(['bekraftad', 'trolig', 'osaker'], {
  error: 'säkerheten ska vara bekraftad, trolig eller osaker',
});
export type RssCertainty = z.infer<typeof rssCertaintySchema>;

export const populationSchema = z
  .number({ error: 'folkmängden ska vara ett heltal ≥ 0' })
  .int({ error: 'folkmängden ska vara ett heltal ≥ 0' })
  .min(0, { error: 'folkmängden ska vara ett heltal ≥ 0' });

export const municipalitySchema = z
  .object({
    kommunkod: kommunkodSchema,
    name: z.string().trim().min(1, { error: 'namnet saknas' }),
    /** How the municipality names itself ("Stockholms stad", "Kiruna kommun"): domain/municipality-names.ts. */
    officialName: z.string().trim().min(1, { error: 'det officiella namnet saknas' }).optional(),
    lanskod: lanskodSchema,
    lan: z.string().trim().min(1, { error: 'länets namn saknas' }),
    population: populationSchema,
    populationDate: isoDateSchema,
    rss: z.object({ name: z.string().trim().min(1, { error: 'RSS-namnet saknas' }), certainty: rssCertaintySchema }).optional(),
  })
  .refine((m) => m.kommunkod.slice(0, 2) === m.lanskod, {
    error: 'kommunkodens två första siffror ska vara länskoden',
    path: ['lanskod'],
  });
export type Municipality = z.infer<typeof municipalitySchema>;

/**
 * A municipality as an agreement or a fee statement is written from: the registry's entry (Municipality) on the day
 * it was read, with the national rates SKR had set then. The adoption workflow keeps it in its state
 * (ArendeState.kommun), so fields are only ever added, optional; the activities that read it add `kommunkod`.
 */
export interface MunicipalityBasis {
  name: string;
  /** How the municipality names itself ("Göteborgs Stad"); absent in state carried over from older runs (then the rule). */
  officialName?: string;
  lanskod: string;
  lan?: string;
  population: number;
  populationDate: IsoDate;
  /** The county's RSS by the reference data's name (reference/rss.csv). */
  rss?: string;
  /** The national rates SKR had set when the basis was read (absent in older state: the programme's table). */
  nationalRates?: NationalRate[];
}

export const rssRowSchema = z.object({
  lanskod: lanskodSchema,
  lan: z.string().trim().min(1, { error: 'länets namn saknas' }),
  name: z.string().trim().min(1, { error: 'RSS-namnet saknas' }),
  certainty: rssCertaintySchema,
});
export type RssRow = z.infer<typeof rssRowSchema>;

// ---------------------------------------------------------------- CSV

/** A problem at a line of a CSV text (line 1 is the header). Messages are Swedish: they reach the user. */
export interface LineError {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/** Thrown by the reference-data parsers when the text is not valid; carries every error found. */
export class CsvError extends Error {
  constructor(readonly errors: readonly LineError[]) {
    super(errors.map((e) => `rad ${e.line}, ${e.field}: ${e.message}`).join('; '));
    this.name = 'CsvError';
  }
}

interface CsvRecord {
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly fields: string[];
}

/**
 * RFC 4180-style CSV: comma separator, fields optionally in double quotes (which may hold commas, newlines and
 * "" for a quote), LF or CRLF line ends, a leading UTF-8 BOM ignored, blank lines skipped.
 */
function parseCsv(text: string): { records: CsvRecord[]; errors: LineError[] } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let quotedRecord = false;
    for (;;) {
      if (src[i] === '"' && field === '') {
        quotedRecord = true;
        i++;
        for (;;) {
          if (i >= src.length) return { records, errors: [{ line: startLine, field: 'rad', message: 'ett citattecken (") avslutas aldrig' }] };
          const c = src[i];
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
      }
      while (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') field += src[i++];
      fields.push(field);
      field = '';
      if (src[i] === ',') {
        i++;
        continue;
      }
      if (src[i] === '\r') i++;
      if (src[i] === '\n') i++;
      line++;
      break;
    }
    const blank = !quotedRecord && fields.length === 1 && fields[0].trim() === '';
    if (!blank) records.push({ line: startLine, fields });
  }
  return { records, errors: [] };
}

interface CsvTable {
  readonly rows: { line: number; values: Record<string, string> }[];
  readonly errors: LineError[];
}

/** Parses CSV text with a header line; checks that `columns` are present (extra columns are ignored). */
/** A CSV text with a header that names (at least) `columns`: its rows by column name, or the errors (shared by the imports). */
export function readTable(text: string, columns: readonly string[]): CsvTable {
  const { records, errors } = parseCsv(text);
  if (errors.length > 0) return { rows: [], errors };
  const [header, ...data] = records;
  if (!header || header.line !== 1) {
    return { rows: [], errors: [{ line: 1, field: 'rad', message: `rubrikraden saknas (förväntade ${columns.join(',')})` }] };
  }
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = columns.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    return { rows: [], errors: missing.map((c) => ({ line: 1, field: c, message: `kolumnen ${c} saknas i rubrikraden` })) };
  }
  const rows: CsvTable['rows'] = [];
  const rowErrors: LineError[] = [];
  for (const rec of data) {
    if (rec.fields.length !== names.length) {
      rowErrors.push({ line: rec.line, field: 'rad', message: `raden har ${rec.fields.length} fält, rubrikraden har ${names.length}` });
      continue;
    }
    const values: Record<string, string> = {};
    names.forEach((n, idx) => (values[n] = rec.fields[idx].trim()));
    rows.push({ line: rec.line, values });
  }
  return { rows, errors: rowErrors };
}

/** "988943" → 988943; anything but plain digits → undefined. */
function parseCount(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** zod issues → LineErrors, with the path mapped to the CSV column. */
function issuesToErrors(line: number, issues: readonly z.ZodError['issues'][number][], columnOf: Record<string, string>): LineError[] {
  return issues.map((issue) => {
    const key = issue.path.map(String).join('.');
    return { line, field: columnOf[key] ?? (key === '' ? 'rad' : key), message: issue.message };
  });
}

const KOMMUNER_COLUMNS = ['kommunkod', 'kommun', 'lanskod', 'lan', 'folkmangd', 'folkmangd_datum'] as const;
const KOMMUNER_COLUMN_OF: Record<string, string> = {
  kommunkod: 'kommunkod',
  name: 'kommun',
  lanskod: 'lanskod',
  lan: 'lan',
  population: 'folkmangd',
  populationDate: 'folkmangd_datum',
  officialName: 'officiellt_namn',
};

/**
 * reference/kommuner.csv → municipalities (without RSS; see createRegistry).
 * Columns: kommunkod,kommun,lanskod,lan,folkmangd,folkmangd_datum and optionally officiellt_namn (the name the
 * municipality uses for itself). Throws CsvError listing every bad line.
 */
export function parseKommunerCsv(text: string): Municipality[] {
  const table = readTable(text, KOMMUNER_COLUMNS);
  const errors = [...table.errors];
  const result: Municipality[] = [];
  const seen = new Set<string>();
  for (const { line, values } of table.rows) {
    const population = parseCount(values.folkmangd);
    const parsed = municipalitySchema.safeParse({
      kommunkod: values.kommunkod,
      name: values.kommun,
      lanskod: values.lanskod,
      lan: values.lan,
      population: population ?? Number.NaN,
      populationDate: values.folkmangd_datum,
      // Optional column (reference/kommuner.csv has it for all 290; see reference/SOURCES.md).
      ...(values.officiellt_namn !== undefined ? { officialName: values.officiellt_namn } : {}),
    });
    if (!parsed.success) {
      errors.push(...issuesToErrors(line, parsed.error.issues, KOMMUNER_COLUMN_OF));
      continue;
    }
    if (seen.has(parsed.data.kommunkod)) {
      errors.push({ line, field: 'kommunkod', message: `kommunkoden ${parsed.data.kommunkod} förekommer flera gånger` });
      continue;
    }
    seen.add(parsed.data.kommunkod);
    result.push(parsed.data);
  }
  if (errors.length > 0) throw new CsvError(sortErrors(errors));
  return result;
}

const RSS_COLUMN_OF: Record<string, string> = { lanskod: 'lanskod', lan: 'lan', name: 'rss', certainty: 'sakerhet' };

/** reference/rss.csv → one RSS per county. Columns: lanskod,lan,rss,sakerhet. Throws CsvError on bad lines. */
export function parseRssCsv(text: string): RssRow[] {
  const table = readTable(text, ['lanskod', 'lan', 'rss', 'sakerhet']);
  const errors = [...table.errors];
  const result: RssRow[] = [];
  const seen = new Set<string>();
  for (const { line, values } of table.rows) {
    const parsed = rssRowSchema.safeParse({ lanskod: values.lanskod, lan: values.lan, name: values.rss, certainty: values.sakerhet });
    if (!parsed.success) {
      errors.push(...issuesToErrors(line, parsed.error.issues, RSS_COLUMN_OF));
      continue;
    }
    if (seen.has(parsed.data.lanskod)) {
      errors.push({ line, field: 'lanskod', message: `länskoden ${parsed.data.lanskod} förekommer flera gånger` });
      continue;
    }
    seen.add(parsed.data.lanskod);
    result.push(parsed.data);
  }
  if (errors.length > 0) throw new CsvError(sortErrors(errors));
  return result;
}

export function sortErrors(errors: LineError[]): LineError[] {
  return [...errors].sort((a, b) => a.line - b.line);
}

// ---------------------------------------------------------------- registry

export interface County {
  readonly lanskod: string;
  readonly lan: string;
  readonly rss?: { readonly name: string; readonly certainty: RssCertainty };
  readonly municipalityCount: number;
  readonly population: number;
}

/** A population figure to apply to one municipality. */
export interface PopulationUpdate {
  readonly kommunkod: string;
  readonly population: number;
  readonly populationDate: IsoDate;
}

export interface Registry {
  /** All municipalities, ordered by kommunkod. */
  all(): readonly Municipality[];
  byKode(kommunkod: string): Municipality | undefined;
  /** The municipalities of a county, ordered by kommunkod (empty for an unknown lanskod). */
  byLan(lanskod: string): readonly Municipality[];
  /** The counties that have municipalities, ordered by lanskod, with RSS, count and population. */
  lans(): readonly County[];
  /** Sum of all municipalities' stated populations (the dates may differ; see the rows). */
  totalPopulation(): number;
  /** Sum of the stated populations of the given municipalities; throws on an unknown or repeated code. */
  populationOf(kommunkoder: readonly string[]): number;
  /** A new registry with the updates applied (this one is unchanged). */
  withPopulations(updates: readonly PopulationUpdate[]): Registry;
}

/**
 * Builds a registry. Each municipality gets its county's RSS from `rss` (by lanskod) when listed there.
 * Throws when a municipality is invalid or a kommunkod occurs twice.
 */
export function createRegistry(municipalities: readonly Municipality[], rss: readonly RssRow[]): Registry {
  const rssByLan = new Map(rss.map((r) => [r.lanskod, r] as const));
  const byCode = new Map<string, Municipality>();
  for (const input of municipalities) {
    const m = municipalitySchema.parse(input);
    if (byCode.has(m.kommunkod)) throw new RangeError(`kommunkoden ${m.kommunkod} förekommer flera gånger`);
    const r = rssByLan.get(m.lanskod);
    const withRss: Municipality = r ? { ...m, rss: { name: r.name, certainty: r.certainty } } : m;
    byCode.set(m.kommunkod, Object.freeze(withRss));
  }
  const all = Object.freeze([...byCode.values()].sort((a, b) => (a.kommunkod < b.kommunkod ? -1 : 1)));
  const countyMap = new Map<string, Municipality[]>();
  for (const m of all) {
    const list = countyMap.get(m.lanskod) ?? [];
    list.push(m);
    countyMap.set(m.lanskod, list);
  }
  const counties: County[] = [...countyMap.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([lanskod, list]) => {
      const r = rssByLan.get(lanskod);
      return Object.freeze({
        lanskod,
        lan: list[0].lan,
        ...(r ? { rss: { name: r.name, certainty: r.certainty } } : {}),
        municipalityCount: list.length,
        population: list.reduce((s, m) => s + m.population, 0),
      });
    });
  const total = all.reduce((s, m) => s + m.population, 0);

  const registry: Registry = {
    all: () => all,
    byKode: (kommunkod) => byCode.get(kommunkod),
    byLan: (lanskod) => countyMap.get(lanskod) ?? [],
    lans: () => counties,
    totalPopulation: () => total,
    populationOf(kommunkoder) {
      const seen = new Set<string>();
      let sum = 0;
      for (const code of kommunkoder) {
        const m = byCode.get(code);
        if (!m) throw new RangeError(`okänd kommunkod: ${code}`);
        if (seen.has(code)) throw new RangeError(`kommunkoden ${code} förekommer flera gånger`);
        seen.add(code);
        sum += m.population;
      }
      return sum;
    },
    withPopulations(updates) {
      const changed = new Map(updates.map((u) => [u.kommunkod, u] as const));
      for (const code of changed.keys()) if (!byCode.has(code)) throw new RangeError(`okänd kommunkod: ${code}`);
      const next = all.map((m) => {
        const u = changed.get(m.kommunkod);
        return u ? { ...m, population: u.population, populationDate: u.populationDate } : m;
      });
      return createRegistry(next, rss);
    },
  };
  return registry;
}

// ---------------------------------------------------------------- population import

export type PopulationImportResult =
  { readonly ok: true; readonly updates: readonly PopulationUpdate[] } | { readonly ok: false; readonly errors: readonly LineError[] };

const IMPORT_COLUMNS = ['kommunkod', 'folkmangd', 'folkmangd_datum'] as const;

/**
 * Validates a population import (CSV with columns kommunkod,folkmangd,folkmangd_datum; other columns, e.g.
 * the municipality's name, are ignored). All or nothing: one bad line and nothing is imported; every error is
 * reported with its line (1-based, the header is line 1), column and a Swedish message.
 * A row is bad when: the code is not four digits or not in the registry, or occurs twice; the population is not
 * a plain whole number ≥ 0; the date is not a real YYYY-MM-DD date, is after `options.today` (when given), or is
 * older than the figure the registry already holds (an older figure must not overwrite a newer one).
 */
export function parsePopulationImport(text: string, registry: Registry, options: { today?: IsoDate } = {}): PopulationImportResult {
  const table = readTable(text, IMPORT_COLUMNS);
  const errors: LineError[] = [...table.errors];
  if (table.errors.length === 0 && table.rows.length === 0) {
    errors.push({ line: 1, field: 'rad', message: 'filen innehåller inga rader att importera' });
  }
  const updates: PopulationUpdate[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of table.rows) {
    const before = errors.length;
    const code = values.kommunkod;
    const current = registry.byKode(code);
    if (!kommunkodSchema.safeParse(code).success) {
      errors.push({ line, field: 'kommunkod', message: `"${code}" är inte en kommunkod (fyra siffror, t.ex. 0180)` });
    } else if (!current) {
      errors.push({ line, field: 'kommunkod', message: `kommunkoden ${code} finns inte i kommunregistret` });
    } else if (seen.has(code)) {
      errors.push({ line, field: 'kommunkod', message: `kommunkoden ${code} förekommer redan på rad ${seen.get(code)}` });
    } else {
      seen.set(code, line);
    }
    const population = parseCount(values.folkmangd);
    if (population === undefined) {
      errors.push({ line, field: 'folkmangd', message: `"${values.folkmangd}" är inte en folkmängd (ett heltal ≥ 0 med bara siffror, t.ex. 988943)` });
    }
    const date = values.folkmangd_datum;
    if (!isIsoDate(date)) {
      errors.push({ line, field: 'folkmangd_datum', message: `"${date}" är inte ett datum som finns, skrivet ÅÅÅÅ-MM-DD` });
    } else if (options.today !== undefined && date > options.today) {
      errors.push({ line, field: 'folkmangd_datum', message: `datumet ${date} ligger i framtiden` });
    } else if (current && date < current.populationDate) {
      errors.push({
        line,
        field: 'folkmangd_datum',
        message: `datumet ${date} är äldre än registrets uppgift (${current.populationDate}); en äldre folkmängd ersätter inte en nyare`,
      });
    }
    if (errors.length === before && population !== undefined) updates.push({ kommunkod: code, population, populationDate: date });
  }
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, updates };
}
