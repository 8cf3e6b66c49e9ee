/**
 * SKR's bulk operations from the command line, with a progress bar. Talks to Temporal directly (operator access:
 * whoever can reach the Temporal frontend); the work is done by the product's worker (`npm start` must be running).
 *
 *   npx tsx cli/beslutsflode.ts bjud-in --lan 14 --ej-anslutna          invite every municipality in Västra Götaland not connected
 *   npx tsx cli/beslutsflode.ts bjud-in --kommun 0180 --kommun 1480     invite these municipalities
 *   npx tsx cli/beslutsflode.ts folj <id>                               follow (or re-attach to) a running bulk operation
 *   npx tsx cli/beslutsflode.ts earkiv --ar 2026 --kommun 0180          e-archive packages of the ärenden closed in 2026 (cli/earkiv.ts)
 *
 * Options: --program <id> (default yrkesresan), --meddelande <text>, --id <24 hex> (the same id again is the same
 * operation: nothing is invited twice), --parallellt <1–32> (default 8). Environment: TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE as for `npm start`.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../runtime/config';
import { loadMunicipalityRegistry } from '../runtime/reference-data';
import { isOnboardingStatus, type OnboardingStatus } from '../domain/onboarding-stages';
import { DEFAULT_PROGRAM } from '../domain/onboarding-terms';
import { svCount, svInteger } from '../domain/text';
import { loadProgrammes } from '../runtime/programmes';
import { bulkOperationWorkflow } from '../workflows/bulk-operation';
import { EARKIV_USAGE, EarkivUsageError, earkivMain } from './earkiv';
import { bulkProgressQuery, bulkWorkflowId, type BulkFilter, type BulkProgress } from '../workflows/onboarding-messages';

export class UsageError extends Error {}

export interface ParsedArgs {
  command: 'bjud-in' | 'folj' | 'hjalp';
  filter: BulkFilter;
  program: string;
  message?: string;
  id?: string;
  concurrency?: number;
}

const USAGE = `Användning:
  beslutsflode bjud-in [--lan <länskod>] [--kommun <kommunkod> …] [--ej-anslutna] [--status <status>]
                       [--program <id>] [--meddelande <text>] [--id <24 hex>] [--parallellt <1–32>]
  beslutsflode folj <id>
${EARKIV_USAGE}`;

/** Parses the command line; throws UsageError with a Swedish message. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (!command || command === 'hjalp' || command === '--help' || command === '-h') return { command: 'hjalp', filter: {}, program: DEFAULT_PROGRAM };
  if (command !== 'bjud-in' && command !== 'folj') throw new UsageError(`Okänt kommando "${command}".\n${USAGE}`);
  const registry = loadMunicipalityRegistry();
  const out: ParsedArgs = { command, filter: {}, program: DEFAULT_PROGRAM };
  const value = (i: number, flag: string) => {
    const v = rest[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} behöver ett värde`);
    return v;
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    switch (arg) {
      case '--lan': {
        const lan = value(i++, arg);
        if (!registry.lans().some((l) => l.lanskod === lan)) throw new UsageError(`--lan ${lan}: länskoden finns inte (två siffror, t.ex. 14)`);
        out.filter.lanskod = lan;
        break;
      }
      case '--kommun': {
        const kod = value(i++, arg);
        if (!registry.byKode(kod)) throw new UsageError(`--kommun ${kod}: kommunkoden finns inte`);
        out.filter.kommunkoder = [...(out.filter.kommunkoder ?? []), kod];
        break;
      }
      case '--ej-anslutna':
        out.filter.notConnected = true;
        break;
      case '--status': {
        const s = value(i++, arg);
        if (!isOnboardingStatus(s)) throw new UsageError(`--status ${s}: okänd status`);
        out.filter.statuses = [...(out.filter.statuses ?? []), s as OnboardingStatus];
        break;
      }
      case '--program': {
        const p = value(i++, arg);
        // The installation's programmes (BF_PROGRAMMES_DIR); the worker gives the onboardings their definitions.
        const programmes = loadProgrammes(loadConfig().BF_PROGRAMMES_DIR);
        if (!programmes.get(p)) throw new UsageError(`--program ${p}: finns inte (${programmes.all.map((x) => x.id).join(', ')})`);
        out.program = p;
        break;
      }
      case '--meddelande':
        out.message = value(i++, arg);
        break;
      case '--id': {
        const id = value(i++, arg);
        if (!/^[a-f0-9]{24}$/.test(id)) throw new UsageError('--id ska vara 24 tecken 0–9, a–f');
        out.id = id;
        break;
      }
      case '--parallellt': {
        const n = Number(value(i++, arg));
        if (!Number.isInteger(n) || n < 1 || n > 32) throw new UsageError('--parallellt ska vara ett heltal 1–32');
        out.concurrency = n;
        break;
      }
      default:
        if (command === 'folj' && !out.id && /^[a-f0-9]{24}$/.test(arg)) {
          out.id = arg;
          break;
        }
        throw new UsageError(`Okänt argument "${arg}".\n${USAGE}`);
    }
  }
  if (command === 'folj' && !out.id) throw new UsageError(`folj behöver massåtgärdens id.\n${USAGE}`);
  return out;
}

/** "1 inbjuden", "2 inbjudna", "1 234 inbjudna" (sv-SE count, domain/text.ts). */
export function invitedText(n: number): string {
  return svCount(n, 'inbjuden', 'inbjudna');
}

async function follow(client: Client, id: string): Promise<BulkProgress> {
  const handle = client.workflow.getHandle(bulkWorkflowId(id));
  const bar = new SingleBar(
    { format: 'Bjuder in |{bar}| {value}/{total} kommuner  {invited}  hoppade över: {skipped}  fel: {errors}', hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  for (;;) {
    const p = await handle.query(bulkProgressQuery);
    const payload = { invited: invitedText(p.invited), skipped: svInteger(p.skipped), errors: svInteger(p.errors.length) };
    if (!started && p.status !== 'valjer') {
      bar.start(p.total, p.done, payload);
      started = true;
    } else if (started) {
      bar.update(p.done, payload);
    }
    if (p.status === 'klar') {
      if (!started) bar.start(p.total, p.done, payload);
      bar.stop();
      return p;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'earkiv') return earkivMain(argv.slice(1));
  const args = parseArgs(argv);
  if (args.command === 'hjalp') {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const address = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    let id = args.id;
    if (args.command === 'bjud-in') {
      id = id ?? randomBytes(12).toString('hex');
      await client.workflow.start(bulkOperationWorkflow, {
        workflowId: bulkWorkflowId(id),
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args: [
          {
            bulkId: id,
            action: 'invite',
            program: args.program,
            filter: args.filter,
            actor: { name: process.env.USER ?? 'kommandoraden', role: 'SKR (kommandoraden)' },
            ...(args.message ? { message: args.message } : {}),
            ...(args.concurrency ? { concurrency: args.concurrency } : {}),
          },
        ],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      console.log(`Massåtgärd ${id} startad (följ den igen med: beslutsflode folj ${id}).`);
    }
    const result = await follow(client, id as string);
    console.log(
      `Klart: ${invitedText(result.invited)}, ${svInteger(result.skipped)} hade redan en pågående anslutning, ${svInteger(result.errors.length)} fel.`,
    );
    for (const e of result.errors) console.log(`  ${e.kommunkod}: ${e.message}`);
    return result.errors.length > 0 ? 1 : 0;
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof UsageError || err instanceof EarkivUsageError ? err.message : `Fel: ${(err as Error).message}`);
      process.exit(2);
    },
  );
}
