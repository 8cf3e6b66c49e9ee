/**
 * `beslutsflode earkiv --ar 2026 [--kommun 0180] [--ut <mapp>]`: every ärende closed in the year, each as its FGS 2.0
 * e-archive package, in one zip with a report (server/earkiv-export.ts), with a progress bar. Operator access like the
 * other commands: Temporal directly, and the document store of BF_DATA_DIR / BF_DOCUMENT_STORE (the worker wrote it).
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../runtime/config';
import { createDocumentStore } from '../runtime/document-store';
import { loadMunicipalityRegistry } from '../runtime/reference-data';
import { exportYear } from '../server/earkiv-export';
import type { Principal } from '../server/auth/principal';

export class EarkivUsageError extends Error {}

export const EARKIV_USAGE = '  beslutsflode earkiv --ar <år> [--kommun <kommunkod>] [--ut <mapp>]';

export interface EarkivArgs {
  year: number;
  kommunkod?: string;
  outDir: string;
}

export function parseEarkivArgs(argv: readonly string[]): EarkivArgs {
  const out: Partial<EarkivArgs> = { outDir: '.' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new EarkivUsageError(`${arg} behöver ett värde\n${EARKIV_USAGE}`);
    i++;
    if (arg === '--ar') {
      if (!/^\d{4}$/.test(v)) throw new EarkivUsageError('--ar ska vara ett år med fyra siffror, t.ex. 2026');
      out.year = Number(v);
    } else if (arg === '--kommun') {
      if (!loadMunicipalityRegistry().byKode(v)) throw new EarkivUsageError(`--kommun ${v}: kommunkoden finns inte`);
      out.kommunkod = v;
    } else if (arg === '--ut') {
      out.outDir = v;
    } else {
      throw new EarkivUsageError(`Okänt argument "${arg}".\n${EARKIV_USAGE}`);
    }
  }
  if (!out.year) throw new EarkivUsageError(`earkiv behöver --ar.\n${EARKIV_USAGE}`);
  return out as EarkivArgs;
}

/** The operator: every municipality, as SKR's national role sees the list (filtered by --kommun). */
const OPERATOR: Principal = { userId: 'kommandoraden', name: process.env.USER ?? 'kommandoraden', role: 'skr_admin' };

export async function earkivMain(argv: readonly string[]): Promise<number> {
  const args = parseEarkivArgs(argv);
  const config = loadConfig();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}` });
  try {
    const ctx = { client: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), store: createDocumentStore(config) };
    mkdirSync(args.outDir, { recursive: true });
    const file = path.resolve(args.outDir, `earkiv-avslutade-${args.year}${args.kommunkod ? `-${args.kommunkod}` : ''}.zip`);
    const bar = new SingleBar(
      { format: 'E-arkiv |{bar}| {value}/{total} ärenden  exporterade: {exported}  hoppade över: {skipped}', hideCursor: true },
      Presets.shades_classic,
    );
    let started = false;
    const result = await exportYear(
      ctx,
      OPERATOR,
      args.year,
      file,
      (p) => {
        const payload = { exported: p.exported, skipped: p.skipped.length };
        if (!started) {
          bar.start(p.total, p.done, payload);
          started = true;
        } else bar.update(p.done, payload);
      },
      { kommunkod: args.kommunkod },
    );
    bar.stop();
    console.log(`Klart: ${result.exported} av ${result.total} ärenden avslutade ${args.year} exporterade till ${file}`);
    for (const s of result.skipped) console.log(`  ${s.id}: ${s.reason}`);
    return result.skipped.length > 0 ? 1 : 0;
  } finally {
    await connection.close();
  }
}
