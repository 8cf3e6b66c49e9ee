import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { YRKESRESAN } from '../../domain/programmes';
import { DEFAULT_PROGRAMMES_DIR, loadProgrammes, readProgrammeFile } from '../../runtime/programmes';
import { loadConfig } from '../../runtime/config';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'programmes');

function dirWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'programmes-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

const yrkesresanFile = () => JSON.parse(readFileSync(path.join(DEFAULT_PROGRAMMES_DIR, 'yrkesresan.json'), 'utf8')) as Record<string, unknown>;

describe('programmes as configuration (config/programmes/<id>.json)', () => {
  test('the installed Yrkesresan is exactly the built-in definition the documents were written from', () => {
    const registry = loadProgrammes();
    expect(registry.byId('yrkesresan')).toEqual(YRKESRESAN);
    expect(registry.all.map((p) => p.id)).toEqual(['yrkesresan']);
  });

  test('a second programme is one more file', () => {
    const ledarresan = readProgrammeFile(path.join(FIXTURES, 'ledarresan.json'));
    expect(ledarresan).toMatchObject({
      id: 'ledarresan',
      name: 'Ledarresan',
      owner: { shortName: 'KLU' },
      earliestStart: '2027-01-01',
    });
    expect(ledarresan.nationalRates.map((r) => r.rate)).toEqual([31_500, 32_500]);
    expect(ledarresan.periods[0].regionalRates).toEqual([{ lanskod: '01', rss: 'Ledarnätverk Stockholm', rate: 9_500 }]);
    const dir = dirWith({
      'ledarresan.json': readFileSync(path.join(FIXTURES, 'ledarresan.json'), 'utf8'),
      'yrkesresan.json': yrkesresanFile(),
    });
    expect(loadProgrammes(dir).all.map((p) => p.name)).toEqual(['Ledarresan', 'Yrkesresan']);
  });

  test('a file at fault stops the start, naming the file and each field in Swedish', () => {
    const bad = {
      ...yrkesresanFile(),
      nationalRates: [{ year: 2027, rate: '2.43', source: 'x', setOn: '2026-06-05' }],
      parts: [],
    };
    const dir = dirWith({ 'yrkesresan.json': bad });
    expect(() => loadProgrammes(dir)).toThrow(/Programfilen .*yrkesresan\.json är felaktig: .*nationalRates\.0\.rate: måste vara kronor med decimalkomma/);
    expect(() => loadProgrammes(dir)).toThrow(/parts: måste ha minst en del/);
  });

  test('the file name is the id; unknown fields and impossible dates are refused', () => {
    expect(() => loadProgrammes(dirWith({ 'annat.json': yrkesresanFile() }))).toThrow(/id: måste vara filens namn \(annat\)/);
    expect(() => loadProgrammes(dirWith({ 'yrkesresan.json': { ...yrkesresanFile(), extra: 1 } }))).toThrow(/yrkesresan\.json är felaktig/);
    expect(() => loadProgrammes(dirWith({ 'yrkesresan.json': { ...yrkesresanFile(), defaultStart: '2027-02-30' } }))).toThrow(
      /defaultStart: måste vara ett datum som finns/,
    );
    expect(() => loadProgrammes(dirWith({ 'yrkesresan.json': '{ inte json' }))).toThrow(/kunde inte läsas som JSON/);
    expect(() => loadProgrammes(dirWith({}))).toThrow(/har inga program/);
  });

  test('BF_PROGRAMMES_DIR names the folder, default config/programmes', () => {
    expect(loadConfig({}).BF_PROGRAMMES_DIR).toBe(DEFAULT_PROGRAMMES_DIR);
    expect(loadConfig({ BF_PROGRAMMES_DIR: FIXTURES }).BF_PROGRAMMES_DIR).toBe(FIXTURES);
  });
});
