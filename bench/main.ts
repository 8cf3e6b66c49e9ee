/**
 * npm run bench: the product's benchmarks, one section per file. Run all, or name sections:
 *   npm run bench                 all sections
 *   npm run bench -- documents    only the document renderer
 *   npm run bench -- nation arendelista
 *   npm run bench -- memory       the worker's memory with 1 000 cached ärenden (bench/memory.ts)
 *   npm run bench -- cluster      the nation and a decision on the Temporal server on PostgreSQL beside the dev server
 * A section is a function that prints its own report (with the machine it ran on). The sections after `documents`
 * share one product (bench/support.ts: dev server, worker and web processes), started by the first that needs it.
 * Figures: docs/benchmarks.md.
 */
import { arendelistaBench } from './arendelista';
import { clusterBench } from './cluster';
import { decisionLatencyBench } from './decision-latency';
import { documentsBench } from './documents';
import { memoryBench } from './memory';
import { nationBench } from './nation';
import { Api, describeMachine, stopBenchProduct } from './support';

export interface BenchSection {
  name: string;
  description: string;
  run(args: string[]): Promise<void>;
}

const SECTIONS: BenchSection[] = [documentsBench, nationBench, decisionLatencyBench, arendelistaBench, memoryBench, clusterBench];

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const selected = wanted.length ? SECTIONS.filter((s) => wanted.includes(s.name)) : SECTIONS;
  if (wanted.length && selected.length !== wanted.length) {
    const known = SECTIONS.map((s) => s.name).join(', ');
    throw new Error(`Okänd del av benchmarken: ${wanted.filter((w) => !SECTIONS.some((s) => s.name === w)).join(', ')} (finns: ${known})`);
  }
  const began = Date.now();
  const failed: string[] = [];
  try {
    for (const section of selected) {
      console.log(`\n=== ${section.name}: ${section.description} ===`);
      console.log(describeMachine());
      const started = Date.now();
      try {
        await section.run(process.argv.slice(2));
      } catch (err) {
        // The other sections still run; the exit code tells.
        failed.push(section.name);
        console.error(`${section.name} MISSLYCKADES: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
      console.log(`(${section.name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  } finally {
    // The products the sections share (bench/support.ts): on the dev server, and on the cluster.
    await stopBenchProduct();
  }
  console.log(`\nHela körningen: ${((Date.now() - began) / 60_000).toFixed(1)} min`);
  if (Api.retried503 > 0) console.log(`OBS: ${Api.retried503} svar 503 (Temporal tillfälligt otillgängligt) skickades om efter Retry-After.`);
  if (failed.length > 0) throw new Error(`Misslyckade delar: ${failed.join(', ')}`);
}

// Ctrl-C or a kill: exit through process.exit so that the 'exit' handlers stop the dev server, worker and web processes.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
