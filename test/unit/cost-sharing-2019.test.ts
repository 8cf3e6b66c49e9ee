import { readFileSync } from 'fs';
import { join } from 'path';
import { costForMunicipality, MODEL_2019, reproduceTable, SEED_002_RELATIVE_TOLERANCE, SEED_002_TABLES, yearlyCost } from '../../domain/cost-sharing-2019';
import { createRegistry, parseKommunerCsv, parseRssCsv } from '../../domain/municipalities';

const referenceDir = join(__dirname, '..', '..', 'reference');
const registry = createRegistry(
  parseKommunerCsv(readFileSync(join(referenceDir, 'kommuner.csv'), 'utf8')),
  parseRssCsv(readFileSync(join(referenceDir, 'rss.csv'), 'utf8')),
);

describe('the 2019 model’s assumptions', () => {
  it('are 39 Mkr over 7 years shared over Sweden’s population 2019-06-30 (10 281 189)', () => {
    expect(MODEL_2019).toEqual({ totalCost: 3_900_000_000, years: 7, nationalPopulation: 10_281_189, nationalPopulationDate: '2019-06-30' });
  });
});

describe('yearlyCost', () => {
  it('is total × population ÷ (participants’ population × years), rounded half up to whole öre once', () => {
    // 3 900 000 000 öre × 100 000 / (10 281 189 × 7) = 5 419 050,82… öre
    expect(yearlyCost({ municipalityPopulation: 100_000, participantsPopulation: 10_281_189, totalCost: 3_900_000_000, years: 7 })).toBe(5_419_051);
    expect(yearlyCost({ municipalityPopulation: 1, participantsPopulation: 2, totalCost: 1, years: 1 })).toBe(1); // 0,5 öre → 1
    expect(yearlyCost({ municipalityPopulation: 10, participantsPopulation: 10, totalCost: 700, years: 7 })).toBe(100);
  });

  it('rejects non-integers and empty participation', () => {
    expect(() => yearlyCost({ municipalityPopulation: 1.5, participantsPopulation: 10, totalCost: 1, years: 1 })).toThrow(RangeError);
    expect(() => yearlyCost({ municipalityPopulation: 1, participantsPopulation: 0, totalCost: 1, years: 1 })).toThrow(RangeError);
    expect(() => yearlyCost({ municipalityPopulation: 1, participantsPopulation: 10, totalCost: 0.5, years: 1 })).toThrow(RangeError);
    expect(() => yearlyCost({ municipalityPopulation: 1, participantsPopulation: 10, totalCost: 1, years: 0 })).toThrow(RangeError);
  });
});

describe('seed 002 §10 tables', () => {
  it('are transcribed: nine rows each, 10 000 … 1 000 000 inhabitants', () => {
    expect(SEED_002_TABLES[290].map((r) => r.population)).toEqual([10_000, 25_000, 50_000, 75_000, 100_000, 200_000, 350_000, 570_000, 1_000_000]);
    expect(SEED_002_TABLES[145].map((r) => r.population)).toEqual(SEED_002_TABLES[290].map((r) => r.population));
  });

  it('the 145 table is exactly twice the 290 table in every row (= half the participating population)', () => {
    SEED_002_TABLES[145].forEach((row, i) => expect(row.yearlyCostKr).toBe(2 * SEED_002_TABLES[290][i].yearlyCostKr));
  });

  it.each([290, 145] as const)('%i participants: every seed row within ±11 %% of 39 Mkr / 7 years / (10 281 189 × n/290) inhabitants ("ca")', (n) => {
    const rows = reproduceTable(n);
    expect(rows).toHaveLength(9);
    for (const row of rows) {
      expect(Math.abs(row.deviation)).toBeLessThanOrEqual(SEED_002_RELATIVE_TOLERANCE);
      expect(row.withinTolerance).toBe(true);
    }
    // The spread the tolerance has to cover: −4,0 % (1 000 000 inh.) … +10,7 % (the rows at 0,60 kr/inh.).
    const deviations = rows.map((r) => r.deviation);
    expect(Math.min(...deviations)).toBeCloseTo(-0.0404, 3);
    expect(Math.max(...deviations)).toBeCloseTo(0.1072, 3);
  });

  it('computed values: 290 → 0,5419 kr/inh./year; 145 → twice that (to the öre)', () => {
    const t290 = reproduceTable(290);
    const t145 = reproduceTable(145);
    expect(t290.map((r) => Math.round(r.computed / 100))).toEqual([5_419, 13_548, 27_095, 40_643, 54_191, 108_381, 189_667, 308_886, 541_905]);
    t145.forEach((r, i) => expect(Math.abs(r.computed - 2 * t290[i].computed)).toBeLessThanOrEqual(1));
    expect(t290[8].computed).toBe(54_190_508); // 1 000 000 inh.: 541 905,08 kr
  });

  it('is not reproduced by the bare 39 Mkr per year (a guard against dropping the seven years)', () => {
    const rows = reproduceTable(290, { years: 1 });
    expect(rows.some((r) => !r.withinTolerance)).toBe(true);
  });
});

describe('costForMunicipality', () => {
  it('shares by the registry’s populations (with their date) among the participants', () => {
    const all = registry.all().map((m) => m.kommunkod);
    const cost = costForMunicipality('0180', all, registry);
    expect(cost).toMatchObject({
      kommunkod: '0180',
      name: 'Stockholm',
      population: 988_943,
      populationDate: '2023-12-31',
      participantCount: 290,
      participantsPopulation: 10_551_707,
      years: 7,
    });
    // 3 900 000 000 × 988 943 / (10 551 707 × 7) = 52 217 383,27… öre
    expect(cost.yearly).toBe(52_217_383);
    // 3 900 000 000 × 988 943 / 10 551 707 = 365 521 682,89… öre
    expect(cost.overAgreement).toBe(365_521_683);
  });

  it('costs more when fewer take part', () => {
    const stockholmsLan = registry.byLan('01').map((m) => m.kommunkod);
    const few = costForMunicipality('0180', stockholmsLan, registry);
    expect(few.participantsPopulation).toBe(2_454_821);
    expect(few.yearly).toBeGreaterThan(
      costForMunicipality(
        '0180',
        registry.all().map((m) => m.kommunkod),
        registry,
      ).yearly,
    );
    expect(costForMunicipality('0180', ['0180'], registry).yearly).toBe(Math.round(3_900_000_000 / 7));
  });

  it('rejects an unknown code, a municipality not among the participants, and a repeated participant', () => {
    expect(() => costForMunicipality('9999', ['9999'], registry)).toThrow(/okänd kommunkod/);
    expect(() => costForMunicipality('0180', ['1480'], registry)).toThrow(/finns inte bland de deltagande/);
    expect(() => costForMunicipality('0180', ['0180', '0180'], registry)).toThrow(/flera gånger/);
  });
});
