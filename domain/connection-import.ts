/**
 * SKR's import of the current connection status of the municipalities (issue 15 p. 6): seed 000 says 278 of 290 are
 * connected to Yrkesresan, most of them long before Beslutsflöde, so a real installation must not start at "3 of
 * 290". The CSV (kommunkod,status,datum,kalla) is read with the population import's machinery (readTable) and
 * validated row by row, all or nothing. Pure: no I/O, no Temporal.
 */
import { isIsoDate, type IsoDate } from './iso-date';
import { kommunkodSchema, readTable, sortErrors, type LineError, type Registry } from './municipalities';

export const CONNECTION_STATUSES = ['ansluten', 'ej_ansluten'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** One municipality's connection status as SKR last imported it. */
export interface ConnectionUpdate {
  kommunkod: string;
  status: ConnectionStatus;
  /** The date the status applies from (YYYY-MM-DD). */
  date: IsoDate;
  /** Where SKR has the status from, e.g. "SKR:s medlemsregister 2026-11". */
  source: string;
}

export const CONNECTION_IMPORT_COLUMNS = ['kommunkod', 'status', 'datum', 'kalla'] as const;
const MAX_SOURCE = 200;

export type ConnectionImportResult = { ok: true; updates: ConnectionUpdate[] } | { ok: false; errors: LineError[] };

/**
 * Every row checked, every error reported with its row (as a person counts: the header is row 1, the first
 * municipality row 2) and column. A row is bad when the code is not a kommunkod of the registry or occurs twice,
 * the status is not ansluten/ej_ansluten, the date is not a real date, lies in the future or is older than the status
 * already imported for that municipality, or the source is empty or too long.
 */
export function parseConnectionImport(
  text: string,
  registry: Registry,
  options: { today?: IsoDate; current?: ReadonlyMap<string, ConnectionUpdate> } = {},
): ConnectionImportResult {
  const table = readTable(text, CONNECTION_IMPORT_COLUMNS);
  const errors: LineError[] = [...table.errors];
  if (table.errors.length === 0 && table.rows.length === 0) errors.push({ line: 1, field: 'rad', message: 'filen innehåller inga rader att importera' });
  const updates: ConnectionUpdate[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of table.rows) {
    const before = errors.length;
    const code = values.kommunkod;
    if (!kommunkodSchema.safeParse(code).success) {
      errors.push({ line, field: 'kommunkod', message: `"${code}" är inte en kommunkod (fyra siffror, t.ex. 0180)` });
    } else if (!registry.byKode(code)) {
      errors.push({ line, field: 'kommunkod', message: `kommunkoden ${code} finns inte i kommunregistret` });
    } else if (seen.has(code)) {
      errors.push({ line, field: 'kommunkod', message: `kommunkoden ${code} förekommer redan på rad ${seen.get(code)}` });
    } else {
      seen.set(code, line);
    }
    const status = values.status.toLowerCase();
    if (!(CONNECTION_STATUSES as readonly string[]).includes(status)) {
      errors.push({ line, field: 'status', message: `"${values.status}" är ingen status; skriv ansluten eller ej_ansluten` });
    }
    const date = values.datum;
    const previous = options.current?.get(code);
    if (!isIsoDate(date)) {
      errors.push({ line, field: 'datum', message: `"${date}" är inte ett datum som finns, skrivet ÅÅÅÅ-MM-DD` });
    } else if (options.today !== undefined && date > options.today) {
      errors.push({ line, field: 'datum', message: `datumet ${date} ligger i framtiden` });
    } else if (previous && date < previous.date) {
      errors.push({
        line,
        field: 'datum',
        message: `datumet ${date} är äldre än den status som redan är importerad (${previous.date}); en äldre uppgift ersätter inte en nyare`,
      });
    }
    const source = values.kalla;
    if (source.length === 0) errors.push({ line, field: 'kalla', message: 'ange varifrån uppgiften kommer, t.ex. SKR:s medlemsregister' });
    else if (source.length > MAX_SOURCE) errors.push({ line, field: 'kalla', message: `får vara högst ${MAX_SOURCE} tecken` });
    if (errors.length === before) updates.push({ kommunkod: code, status: status as ConnectionStatus, date, source });
  }
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, updates };
}
