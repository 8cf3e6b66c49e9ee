/**
 * The product on the real Temporal server on PostgreSQL (issue 14 p. 6), beside the dev server in the same run, as
 * ratios that hold on any machine of this kind (absolute times differ threefold between them):
 * - the nation's wall time against its rendering floor (bench/rendering-floor.ts) on each server;
 * - a decision's round trip against a bare Temporal update on the same server (bench/update-baseline.ts).
 * The dev server's nation is the `nation` section's when it ran in this run; otherwise it runs here first. The dev
 * product is stopped before the cluster's starts, so that each has the machine to itself.
 * BENCH_NATION_ROUNDS=10 runs ten times the nation (2 900 ärenden) on both, to show how time and memory grow.
 */
import type { BenchSection } from './main';
import { decisionsAgainstBareUpdate } from './decision-latency';
import { assertNation, nationResults, printNation, runNation, type NationResult } from './nation';
import { BACKEND_LABEL, benchProduct, mib, ms, stopBenchProduct, table, verdict, type Summary, type TemporalBackend } from './support';

const DECISIONS = Number(process.env.BENCH_CLUSTER_DECISIONS ?? 60);
const GOAL_RATIO = 1.5;

export const clusterBench: BenchSection = {
  name: 'cluster',
  description: 'nationen och ett besluts rundresa på klustret (Temporal-servern på PostgreSQL) bredvid dev-servern, som kvoter',
  async run() {
    const nation = new Map<TemporalBackend, NationResult>();
    const decisions = new Map<TemporalBackend, { decision: Summary; bare: Summary }>();
    for (const backend of ['dev', 'cluster'] as const) {
      const product = await benchProduct(backend);
      let r = nationResults.get(backend);
      if (!r) {
        r = await runNation(product);
        printNation(r);
      }
      nation.set(backend, r);
      // In the nation's municipalities (their meeting plans exist): the quiet decision, not the start of new plans.
      decisions.set(backend, await decisionsAgainstBareUpdate(product, DECISIONS, product.kommuner.slice(0, r.kommuner)));
      await stopBenchProduct(backend);
    }

    console.log(`\nSamma körning, samma maskin; kvoter mot golv mätta i körningen (mål ≤ ${GOAL_RATIO}×):`);
    const row = (backend: TemporalBackend) => {
      const n = nation.get(backend)!;
      const d = decisions.get(backend)!;
      const floorRatio = n.wallS / n.floor.seconds;
      const updateRatio = d.decision.p99 / d.bare.p99;
      return [
        BACKEND_LABEL[backend],
        `${n.done}/${n.arenden}`,
        `${n.wallS.toFixed(0)} s`,
        `${n.floor.seconds.toFixed(0)} s`,
        `${floorRatio.toFixed(2)}× ${verdict(floorRatio <= GOAL_RATIO)}`,
        `${ms(n.decisions.p50)} / ${ms(n.decisions.p99)}`,
        `${ms(d.decision.p50)} / ${ms(d.decision.p99)}`,
        `${ms(d.bare.p50)} / ${ms(d.bare.p99)}`,
        `${updateRatio.toFixed(2)}× ${verdict(updateRatio <= GOAL_RATIO)}`,
        mib(n.memory.allPeak),
      ];
    };
    console.log(
      table(
        [
          'server',
          'ärenden',
          'väggtid',
          'golv',
          'väggtid/golv',
          'beslut under last p50/p99',
          `beslut i lugn p50/p99 (${DECISIONS})`,
          'tom update p50/p99',
          'beslut/update p99',
          'worker+Chromium topp',
        ],
        [row('dev'), row('cluster')],
      ),
    );
    const dev = nation.get('dev')!;
    const cluster = nation.get('cluster')!;
    console.log(`Klustret / dev-servern, nationens väggtid: ${(cluster.wallS / dev.wallS).toFixed(2)}×`);
    assertNation(dev);
    assertNation(cluster);
  },
};
