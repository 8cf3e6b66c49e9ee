import { readFileSync } from 'fs';
import { join } from 'path';
import { kommunNameByRule, officialMunicipalityName, placeGenitive } from '../../domain/municipality-names';
import { parseKommunerCsv } from '../../domain/municipalities';
import { municipalityPartyName } from '../../domain/onboarding-terms';

const rows = parseKommunerCsv(readFileSync(join(__dirname, '..', '..', 'reference', 'kommuner.csv'), 'utf8'));

/** The exceptions to "<genitive> kommun", as reference/SOURCES.md lists them. */
const EXCEPTIONS: Record<string, string> = {
  '0180': 'Stockholms stad',
  '0186': 'Lidingö stad',
  '0184': 'Solna stad',
  '0183': 'Sundbybergs stad',
  '0187': 'Vaxholms stad',
  '0980': 'Region Gotland',
  '1280': 'Malmö stad',
  '1282': 'Landskrona stad',
  '1283': 'Helsingborgs stad',
  '1480': 'Göteborgs Stad',
  '1481': 'Mölndals stad',
  '1488': 'Trollhättans Stad',
  '1490': 'Borås Stad',
  '1980': 'Västerås stad',
  '2583': 'Haparanda stad',
};

describe('municipalities as they name themselves (reference/kommuner.csv, officiellt_namn)', () => {
  test('all 290 have a name; every one is "<genitive> kommun" except the 14 that call themselves stad and Region Gotland', () => {
    expect(rows).toHaveLength(290);
    for (const m of rows) {
      expect(m.officialName).toBeDefined();
      expect(m.officialName).toBe(EXCEPTIONS[m.kommunkod] ?? kommunNameByRule(m.name));
    }
    const exceptions = rows.filter((m) => !m.officialName!.endsWith(' kommun'));
    expect(exceptions.map((m) => m.kommunkod).sort()).toEqual(Object.keys(EXCEPTIONS).sort());
    expect(exceptions.filter((m) => /\s[sS]tad$/.test(m.officialName!))).toHaveLength(14);
    expect(new Set(rows.map((m) => m.officialName)).size).toBe(290);
  });

  test('spot checks', () => {
    const byCode = (k: string) => rows.find((m) => m.kommunkod === k)!.officialName;
    expect(byCode('0180')).toBe('Stockholms stad');
    expect(byCode('1480')).toBe('Göteborgs Stad');
    expect(byCode('1280')).toBe('Malmö stad');
    expect(byCode('0380')).toBe('Uppsala kommun');
    expect(byCode('2080')).toBe('Falu kommun');
    expect(byCode('0880')).toBe('Kalmar kommun');
    expect(byCode('1421')).toBe('Orust kommun');
    expect(byCode('2584')).toBe('Kiruna kommun');
    expect(byCode('1489')).toBe('Alingsås kommun');
    expect(byCode('2514')).toBe('Kalix kommun');
    expect(byCode('1480')).not.toBe('Göteborgs kommun');
  });

  test('the rule: genitive of a place name', () => {
    expect(placeGenitive('Stockholm')).toBe('Stockholms');
    expect(placeGenitive('Borås')).toBe('Borås');
    expect(placeGenitive('Överkalix')).toBe('Överkalix');
    expect(placeGenitive('Umeå')).toBe('Umeå');
    expect(placeGenitive('Falun')).toBe('Falu');
    expect(kommunNameByRule('Malung-Sälen')).toBe('Malung-Sälens kommun');
    expect(officialMunicipalityName({ name: 'Göteborg', officialName: 'Göteborgs Stad' })).toBe('Göteborgs Stad');
    expect(officialMunicipalityName({ name: 'Kiruna' })).toBe('Kiruna kommun');
    expect(municipalityPartyName('Kalmar')).toBe('Kalmar kommun');
  });
});
