import { DEFAULT_DIARIENUMMER_PATTERN, formatDiarienummer, parseDiarienummer, seriesNamedIn } from '../../domain/diarienummer';
import { DEFAULT_ORGANS, organByKod, organsSchema } from '../../domain/organs';

test('parseDiarienummer reads a number in the municipality format back into its parts, leniently', () => {
  expect(parseDiarienummer(DEFAULT_DIARIENUMMER_PATTERN, 'SN 2026/0001')).toEqual({ serie: 'SN', year: 2026, nr: 1 });
  expect(parseDiarienummer(DEFAULT_DIARIENUMMER_PATTERN, 'sn  2026/1')).toEqual({ serie: 'SN', year: 2026, nr: 1 });
  expect(parseDiarienummer(DEFAULT_DIARIENUMMER_PATTERN, 'ÄLN 2027/0042')).toEqual({ serie: 'ÄLN', year: 2027, nr: 42 });
  expect(parseDiarienummer(DEFAULT_DIARIENUMMER_PATTERN, 'KS 1999/0001')).toEqual({ serie: 'KS', year: 1999, nr: 1 });
  expect(parseDiarienummer('Dnr {serie} {year}/{nr}', 'DNR KS 2026/124')).toEqual({ serie: 'KS', year: 2026, nr: 124 });
  expect(parseDiarienummer('{serie}-{yy}/{nr:3}', 'KS-26/742')).toEqual({ serie: 'KS', year: 2026, nr: 742 });
  for (const other of ['Dnr 1-202/2019', 'DNR T2012-050-05828', 'KS-2014/742.912', 'SN 2026/0000', 'SN 26/0001', 'SN 2026/0001 x']) {
    expect([other, parseDiarienummer(DEFAULT_DIARIENUMMER_PATTERN, other)]).toEqual([other, undefined]);
  }
  for (const pattern of [DEFAULT_DIARIENUMMER_PATTERN, 'Dnr {serie} {year}/{nr}', '{serie}-{yy}/{nr:3}']) {
    const parts = { serie: 'BUN', year: 2031, nr: 7 };
    expect(parseDiarienummer(pattern, formatDiarienummer(pattern, parts))).toEqual(parts);
  }
});

test('seriesNamedIn finds the series a number from another system names, if any', () => {
  expect(seriesNamedIn('Dnr KS 2018/124')).toBe('KS');
  expect(seriesNamedIn('KS-2014/742.912')).toBe('KS');
  expect(seriesNamedIn('KS/2014/0073')).toBe('KS');
  expect(seriesNamedIn('SN 18/0098')).toBe('SN');
  expect(seriesNamedIn('Dnr 1-202/2019')).toBeUndefined();
  expect(seriesNamedIn('DNR T2012-050-05828')).toBeUndefined();
});

test('organs: the defaults are valid, a list names each series once', () => {
  expect(organsSchema.safeParse(DEFAULT_ORGANS).success).toBe(true);
  expect(organByKod(DEFAULT_ORGANS, 'SN')?.namn).toBe('Socialnämnden');
  expect(organByKod(DEFAULT_ORGANS, 'SNN')).toBeUndefined();
  const twice = organsSchema.safeParse([
    { kod: 'SN', namn: 'Socialnämnden' },
    { kod: 'SN', namn: 'Sociala nämnden' },
  ]);
  expect(twice.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['1.kod', 'diarieserien SN finns två gånger']]);
  expect(organsSchema.safeParse([{ kod: 'sn', namn: 'Socialnämnden' }]).success).toBe(false);
});
