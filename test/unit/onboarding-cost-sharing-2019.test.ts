/**
 * Seed 002 §10's tables against the 2019 model, pinned row by row, and the search that shows why no other simple
 * model reproduces the 290-table better (see the header of domain/cost-sharing-2019.ts).
 */
import { reproduceTable, SEED_002_TABLES } from '../../domain/cost-sharing-2019';

const rows = SEED_002_TABLES[290].map((r) => [r.population, r.yearlyCostKr] as const);

describe('seed 002 §10 against the model (39 Mkr, 7 years, 10 281 189 inhabitants)', () => {
  it.each([290, 145] as const)('%i participants: every row’s deviation, to 0,1 percentage point', (n) => {
    const deviations = reproduceTable(n).map((r) => Math.round(r.deviation * 1000) / 10);
    expect(deviations).toEqual([10.7, 10.7, 10.7, -1.6, 1.5, 10.7, -2.5, 0.4, -4]);
  });

  it('the rows’ cost per inhabitant is not monotonic in population (so no fixed + variable model fits them)', () => {
    const perInhabitant = rows.map(([p, c]) => Math.round((c / p) * 1000) / 1000);
    expect(perInhabitant).toEqual([0.6, 0.6, 0.6, 0.533, 0.55, 0.6, 0.529, 0.544, 0.52]);
    const ups = perInhabitant.slice(1).filter((v, i) => v > perInhabitant[i]).length;
    const downs = perInhabitant.slice(1).filter((v, i) => v < perInhabitant[i]).length;
    expect(ups).toBeGreaterThan(0);
    expect(downs).toBeGreaterThan(0);
  });

  it('round(a + r × population) matches at most 6 of the 9 rows, for any rate, fixed part and rounding tried', () => {
    type Round = (x: number) => number;
    const rounders: Array<[string, Round]> = [];
    for (const s of [500, 1000, 2000, 2500, 5000, 10000, 20000, 25000]) {
      rounders.push([`närmaste ${s}`, (x) => Math.round(x / s) * s], [`uppåt ${s}`, (x) => Math.ceil(x / s) * s], [`nedåt ${s}`, (x) => Math.floor(x / s) * s]);
    }
    const significant =
      (unit: (x: number) => number, mode: 'round' | 'ceil' | 'floor'): Round =>
      (x) =>
        Math[mode](x / unit(x)) * unit(x);
    for (const mode of ['round', 'ceil', 'floor'] as const) {
      for (const k of [1, 2, 3]) rounders.push([`${k} siffror ${mode}`, significant((x) => 10 ** (Math.floor(Math.log10(x)) - k + 1), mode)]);
      rounders.push([`2½ siffror ${mode}`, significant((x) => 10 ** (Math.floor(Math.log10(x)) - 1) / 2, mode)]);
    }
    /** The amounts x that `round` turns into c: an interval, since every rounding is monotonic (closed: an upper bound). */
    const preimage = (round: Round, c: number): [number, number] | undefined => {
      let lo = 0;
      let hi = 4 * c;
      for (let i = 0; i < 80; i++) {
        const mid = (lo + hi) / 2;
        if (round(mid) >= c) hi = mid;
        else lo = mid;
      }
      const from = hi;
      lo = 0;
      hi = 4 * c;
      for (let i = 0; i < 80; i++) {
        const mid = (lo + hi) / 2;
        if (round(mid) > c) hi = mid;
        else lo = mid;
      }
      const to = lo;
      return from <= to && round((from + to) / 2) === c ? [from, to] : undefined;
    };
    let best = 0;
    for (const [, round] of rounders) {
      const intervals = rows.map(([p, c]) => [p, preimage(round, c)] as const);
      for (let a = -5000; a <= 5000; a += 10) {
        // Row i matches for every rate r in [(from − a)/p, (to − a)/p]; the most rows at once is the deepest overlap.
        const events: Array<[number, number]> = [];
        for (const [p, range] of intervals) if (range) events.push([(range[0] - a) / p, 1], [(range[1] - a) / p, -1]);
        events.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
        let depth = 0;
        for (const [, d] of events) best = Math.max(best, (depth += d));
      }
    }
    expect(best).toBe(6);
    // … and 6 is reached, e.g. 0,5151 kr per inhabitant rounded up to 5 000 kr (misses 10 000, 200 000 and 570 000).
    const up5000 = (x: number) => Math.ceil(x / 5000) * 5000;
    expect(rows.filter(([p, c]) => up5000(0.5151 * p) === c).map(([p]) => p)).toEqual([25_000, 50_000, 75_000, 100_000, 350_000, 1_000_000]);
  });
});
