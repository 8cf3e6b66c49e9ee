/** SKR's connection-status CSV (issue 15 p. 6): every bad row named by row (header = 1) and column, all or nothing. */
import { parseConnectionImport, type ConnectionUpdate } from '../../domain/connection-import';
import { loadMunicipalityRegistry } from '../../runtime/reference-data';

const registry = loadMunicipalityRegistry();

test('a good CSV gives one update per row; status case-insensitive, other columns ignored, BOM-free header', () => {
  const r = parseConnectionImport(
    'kommunkod,kommun,status,datum,kalla\n0180,Stockholm,Ansluten,2026-11-30,SKR\n1480,Göteborg,ej_ansluten,2026-11-30,SKR\n',
    registry,
    { today: '2026-12-02' },
  );
  expect(r).toEqual({
    ok: true,
    updates: [
      { kommunkod: '0180', status: 'ansluten', date: '2026-11-30', source: 'SKR' },
      { kommunkod: '1480', status: 'ej_ansluten', date: '2026-11-30', source: 'SKR' },
    ],
  });
});

test('every error with its row and column; nothing when any row is bad', () => {
  const current = new Map<string, ConnectionUpdate>([['1480', { kommunkod: '1480', status: 'ansluten', date: '2026-06-01', source: 'SKR' }]]);
  const csv = [
    'kommunkod,status,datum,kalla',
    '018,ansluten,2026-11-30,SKR',
    '0180,ja,2026-12-24,',
    '0180,ansluten,2026-11-30,SKR',
    '1480,ansluten,2026-01-01,SKR',
  ].join('\n');
  const r = parseConnectionImport(csv, registry, { today: '2026-12-02', current });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.errors.map((e) => `${e.line}:${e.field}`)).toEqual(['2:kommunkod', '3:status', '3:datum', '3:kalla', '4:kommunkod', '5:datum']);
  expect(r.errors[4].message).toBe('kommunkoden 0180 förekommer redan på rad 3');
  expect(r.errors[2].message).toBe('datumet 2026-12-24 ligger i framtiden');
  expect(parseConnectionImport('kommunkod,status\n0180,ansluten', registry)).toMatchObject({
    ok: false,
    errors: [
      { line: 1, field: 'datum' },
      { line: 1, field: 'kalla' },
    ],
  });
  expect(parseConnectionImport('kommunkod,status,datum,kalla\n', registry)).toMatchObject({
    ok: false,
    errors: [{ line: 1, message: 'filen innehåller inga rader att importera' }],
  });
});
