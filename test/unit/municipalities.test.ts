import { readFileSync } from 'fs';
import { join } from 'path';
import { createRegistry, CsvError, municipalitySchema, parseKommunerCsv, parsePopulationImport, parseRssCsv, type Registry } from '../../domain/municipalities';

const referenceDir = join(__dirname, '..', '..', 'reference');
const kommunerText = readFileSync(join(referenceDir, 'kommuner.csv'), 'utf8');
const rssText = readFileSync(join(referenceDir, 'rss.csv'), 'utf8');

function registry(): Registry {
  return createRegistry(parseKommunerCsv(kommunerText), parseRssCsv(rssText));
}

describe('reference/kommuner.csv and rss.csv', () => {
  it('parse to 290 municipalities summing to 10 551 707, Stockholm 0180 with 988 943', () => {
    const rows = parseKommunerCsv(kommunerText);
    expect(rows).toHaveLength(290);
    expect(rows.reduce((s, m) => s + m.population, 0)).toBe(10_551_707);
    const reg = registry();
    expect(reg.totalPopulation()).toBe(10_551_707);
    expect(reg.byKode('0180')).toMatchObject({
      kommunkod: '0180',
      name: 'Stockholm',
      lanskod: '01',
      lan: 'Stockholms län',
      population: 988_943,
      populationDate: '2023-12-31',
      rss: { name: 'Storsthlm (RSS Stockholms län)', certainty: 'bekraftad' },
    });
  });

  it('has 21 counties with an RSS each; Stockholms län has 2 454 821 inhabitants', () => {
    const reg = registry();
    expect(reg.lans()).toHaveLength(21);
    expect(reg.lans().every((c) => c.rss !== undefined)).toBe(true);
    const sthlm = reg.lans().find((c) => c.lanskod === '01');
    expect(sthlm).toMatchObject({ lan: 'Stockholms län', population: 2_454_821 });
    expect(reg.byLan('01')).toHaveLength(sthlm!.municipalityCount);
    expect(reg.byLan('99')).toEqual([]);
    expect(reg.byKode('1480')).toMatchObject({ name: 'Göteborg', population: 604_616 });
    expect(reg.byKode('1280')).toMatchObject({ name: 'Malmö', population: 362_133 });
    expect(reg.byKode('9999')).toBeUndefined();
  });

  it('keeps UTF-8 names (å ä ö)', () => {
    const names = registry()
      .all()
      .map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['Österåker', 'Värmdö', 'Älvsbyn', 'Åre']));
  });
});

describe('CSV parsing', () => {
  const header = 'kommunkod,kommun,lanskod,lan,folkmangd,folkmangd_datum\n';

  it('handles quoted fields with commas, doubled quotes, CRLF and a BOM', () => {
    const text = `\ufeff${header}"0180","Stockholm, stad",01,"Stockholms ""län""",988943,2023-12-31\r\n\r\n0114,Upplands Väsby,01,Stockholms län,50110,2023-12-31\r\n`;
    const rows = parseKommunerCsv(text.replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'));
    expect(rows.map((r) => [r.kommunkod, r.name, r.lan])).toEqual([
      ['0180', 'Stockholm, stad', 'Stockholms "län"'],
      ['0114', 'Upplands Väsby', 'Stockholms län'],
    ]);
  });

  it('reports every bad line with its line number and column (Swedish), and throws CsvError', () => {
    const text = `${header}0180,Stockholm,01,Stockholms län,988943,2023-12-31\n018,Kort,01,Stockholms län,1,2023-12-31\n0181,Södertälje,01,Stockholms län,-5,2023-02-30\n`;
    let caught: unknown;
    try {
      parseKommunerCsv(text);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CsvError);
    const errors = (caught as CsvError).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, field: 'kommunkod' }),
        expect.objectContaining({ line: 4, field: 'folkmangd', message: 'folkmängden ska vara ett heltal ≥ 0' }),
        expect.objectContaining({ line: 4, field: 'folkmangd_datum' }),
      ]),
    );
  });

  it('rejects a kommunkod that does not start with the lanskod, a duplicate, a missing column and an unclosed quote', () => {
    expect(() => parseKommunerCsv(`${header}0180,Stockholm,03,Uppsala län,1,2023-12-31\n`)).toThrow(/länskoden/);
    expect(() => parseKommunerCsv(`${header}0180,Stockholm,01,Stockholms län,1,2023-12-31\n0180,Stockholm,01,Stockholms län,1,2023-12-31\n`)).toThrow(
      /rad 3, kommunkod: .*flera gånger/,
    );
    expect(() => parseKommunerCsv('kommunkod,kommun\n0180,Stockholm\n')).toThrow(/kolumnen lanskod saknas/);
    expect(() => parseKommunerCsv(`${header}0180,"Stockholm,01,Stockholms län,1,2023-12-31\n`)).toThrow(/citattecken/);
  });

  it('parseRssCsv validates the certainty', () => {
    expect(() => parseRssCsv('lanskod,lan,rss,sakerhet\n01,Stockholms län,Storsthlm,kanske\n')).toThrow(
      /rad 2, sakerhet: säkerheten ska vara bekraftad, trolig eller osaker/,
    );
  });

  it('municipalitySchema is the zod schema of a row', () => {
    expect(
      municipalitySchema.safeParse({ kommunkod: '0180', name: 'Stockholm', lanskod: '01', lan: 'Stockholms län', population: 1, populationDate: '2023-12-31' })
        .success,
    ).toBe(true);
    expect(
      municipalitySchema.safeParse({
        kommunkod: '0180',
        name: 'Stockholm',
        lanskod: '01',
        lan: 'Stockholms län',
        population: 1.5,
        populationDate: '2023-12-31',
      }).success,
    ).toBe(false);
  });
});

describe('registry', () => {
  it('populationOf sums given codes and rejects unknown or repeated ones', () => {
    const reg = registry();
    expect(reg.populationOf(['0180', '1480'])).toBe(988_943 + 604_616);
    expect(() => reg.populationOf(['0180', '0180'])).toThrow(RangeError);
    expect(() => reg.populationOf(['9999'])).toThrow(/okänd kommunkod/);
  });

  it('rejects duplicate kommunkoder', () => {
    const rows = parseKommunerCsv(kommunerText);
    expect(() => createRegistry([...rows, rows[0]], [])).toThrow(RangeError);
  });
});

describe('parsePopulationImport', () => {
  it('accepts a valid file and the updates apply to a new registry', () => {
    const reg = registry();
    const result = parsePopulationImport(
      'kommunkod,kommun,folkmangd,folkmangd_datum\n0180,Stockholm,996238,2024-12-31\n"1480","Göteborg",607882,2024-12-31\n',
      reg,
      {
        today: '2025-03-01',
      },
    );
    expect(result).toEqual({
      ok: true,
      updates: [
        { kommunkod: '0180', population: 996_238, populationDate: '2024-12-31' },
        { kommunkod: '1480', population: 607_882, populationDate: '2024-12-31' },
      ],
    });
    if (!result.ok) throw new Error('unreachable');
    const next = reg.withPopulations(result.updates);
    expect(next.byKode('0180')).toMatchObject({ population: 996_238, populationDate: '2024-12-31', rss: { name: 'Storsthlm (RSS Stockholms län)' } });
    expect(next.totalPopulation()).toBe(10_551_707 - 988_943 - 604_616 + 996_238 + 607_882);
    expect(reg.byKode('0180')?.population).toBe(988_943); // the original is unchanged
  });

  it('a single bad line means nothing is imported; the error names the line (header = line 1) and the field in Swedish', () => {
    const text = 'kommunkod,folkmangd,folkmangd_datum\n0180,996238,2024-12-31\n1480,60 7882,2024-12-31\n1280,366000,2024-12-31\n';
    const result = parsePopulationImport(text, registry());
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error('unreachable');
    expect(result).not.toHaveProperty('updates');
    expect(result.errors).toEqual([{ line: 3, field: 'folkmangd', message: '"60 7882" är inte en folkmängd (ett heltal ≥ 0 med bara siffror, t.ex. 988943)' }]);
  });

  it('reports every problem: unknown and malformed codes, duplicates, bad, future and older dates, wrong field count', () => {
    const text = [
      'kommunkod,folkmangd,folkmangd_datum',
      '9999,1,2024-12-31',
      '180,1,2024-12-31',
      '0180,1,2024-02-30',
      '0180,1,2024-12-31',
      '1480,1,2026-01-01',
      '1280,1,2019-06-30',
      '0114,1',
    ].join('\n');
    const result = parsePopulationImport(text, registry(), { today: '2025-06-01' });
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'kommunkod'],
      [3, 'kommunkod'],
      [4, 'folkmangd_datum'],
      [5, 'kommunkod'], // 0180 again (first seen on line 4)
      [6, 'folkmangd_datum'],
      [7, 'folkmangd_datum'],
      [8, 'rad'],
    ]);
    const result2 = parsePopulationImport('kommunkod,folkmangd,folkmangd_datum\n0180,1,2024-12-31\n0180,2,2024-12-31\n', registry());
    if (result2.ok) throw new Error('expected errors');
    expect(result2.errors).toEqual([{ line: 3, field: 'kommunkod', message: 'kommunkoden 0180 förekommer redan på rad 2' }]);
  });

  it('rejects a missing column and an empty file', () => {
    const missing = parsePopulationImport('kommunkod,folkmangd\n0180,1\n', registry());
    expect(missing).toEqual({ ok: false, errors: [{ line: 1, field: 'folkmangd_datum', message: 'kolumnen folkmangd_datum saknas i rubrikraden' }] });
    const empty = parsePopulationImport('kommunkod,folkmangd,folkmangd_datum\n', registry());
    expect(empty.ok).toBe(false);
    expect(parsePopulationImport('', registry())).toMatchObject({ ok: false, errors: [{ line: 1, field: 'rad' }] });
  });

  it('counts lines inside quoted multi-line fields', () => {
    const text = 'kommunkod,folkmangd,folkmangd_datum,kommentar\n0180,1,2024-12-31,"två\nrader"\n1480,x,2024-12-31,ok\n';
    const result = parsePopulationImport(text, registry());
    if (result.ok) throw new Error('expected errors');
    expect(result.errors).toEqual([expect.objectContaining({ line: 4, field: 'folkmangd' })]);
  });
});
