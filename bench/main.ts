/**
 * npm run bench: the product's benchmarks, one section per file. Run all, or name sections:
 *   npm run bench                 all sections
 *   npm run bench -- documents    only the document renderer
 * A section is a function that prints its own report; add new ones (the nation, the ärendelista …) to SECTIONS.
 */
import { documentsBench } from './documents';

export interface BenchSection {
  name: string;
  description: string;
  run(args: string[]): Promise<void>;
}

const SECTIONS: BenchSection[] = [documentsBench];

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const selected = wanted.length ? SECTIONS.filter((s) => wanted.includes(s.name)) : SECTIONS;
  if (wanted.length && selected.length !== wanted.length) {
    const known = SECTIONS.map((s) => s.name).join(', ');
    throw new Error(`Okänd del av benchmarken: ${wanted.filter((w) => !SECTIONS.some((s) => s.name === w)).join(', ')} (finns: ${known})`);
  }
  for (const section of selected) {
    console.log(`\n=== ${section.name}: ${section.description} ===`);
    const started = Date.now();
    await section.run(process.argv.slice(2));
    console.log(`(${section.name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
