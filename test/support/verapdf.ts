/**
 * veraPDF (runtime/verapdf.ts) from the tests: many files in one run (one JVM start, which is the slow part),
 * the JSON report read back per file and per failed rule.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describeMissingVeraPdf, findVeraPdf, type FoundVeraPdf } from '../../runtime/verapdf';

const run = promisify(execFile);

export type Flavour = '2b' | 'ua1';

export interface RuleFailure {
  /** clause-test, as veraPDF's profiles and the standards number them, e.g. "7.1-3" */
  rule: string;
  specification: string;
  description: string;
  failedChecks: number;
  /** The first few places, as veraPDF names them (object path) with its message. */
  examples: string[];
}

export interface VeraPdfResult {
  file: string;
  profile: string;
  compliant: boolean;
  passedRules: number;
  failedRules: number;
  passedChecks: number;
  failedChecks: number;
  failures: RuleFailure[];
}

interface JsonCheck {
  context: string;
  errorMessage?: string;
}
interface JsonRule {
  specification: string;
  clause: string;
  testNumber: number;
  description: string;
  failedChecks: number;
  checks?: JsonCheck[];
}
interface JsonJob {
  itemDetails: { name: string };
  validationResult?: Array<{
    profileName: string;
    compliant: boolean;
    details: { passedRules: number; failedRules: number; passedChecks: number; failedChecks: number; ruleSummaries: JsonRule[] };
  }>;
  taskException?: unknown;
}

export function requireVeraPdf(): FoundVeraPdf {
  const found = findVeraPdf();
  if (!found) throw new Error(describeMissingVeraPdf());
  return found;
}

/** Validates the files against one flavour's built-in profile; a result per file (absolute path). */
export async function veraPdf(files: string[], flavour: Flavour, vera = requireVeraPdf()): Promise<Map<string, VeraPdfResult>> {
  const args = [...vera.args, '--flavour', flavour, '--format', 'json', '--maxfailuresdisplayed', '3', ...files.map((f) => path.resolve(f))];
  let stdout: string;
  try {
    ({ stdout } = await run(vera.command, args, { maxBuffer: 256 * 1024 * 1024, timeout: 10 * 60_000 }));
  } catch (err) {
    // Exit code 1: some file is not compliant; the report is still complete.
    const e = err as { code?: number; stdout?: string; stderr?: string; message: string };
    if (e.code !== 1 || !e.stdout) throw new Error(`veraPDF misslyckades (${e.code}): ${(e.stderr || e.message).slice(0, 1000)}`, { cause: err });
    stdout = e.stdout;
  }
  const report = (JSON.parse(stdout) as { report: { jobs: JsonJob[] } }).report;
  const results = new Map<string, VeraPdfResult>();
  for (const job of report.jobs) {
    const v = job.validationResult?.[0];
    if (!v) throw new Error(`veraPDF kunde inte validera ${job.itemDetails.name}: ${JSON.stringify(job.taskException ?? job).slice(0, 1000)}`);
    results.set(path.resolve(job.itemDetails.name), {
      file: job.itemDetails.name,
      profile: v.profileName,
      compliant: v.compliant,
      passedRules: v.details.passedRules,
      failedRules: v.details.failedRules,
      passedChecks: v.details.passedChecks,
      failedChecks: v.details.failedChecks,
      failures: v.details.ruleSummaries.map((r) => ({
        rule: `${r.clause}-${r.testNumber}`,
        specification: r.specification,
        description: r.description,
        failedChecks: r.failedChecks,
        examples: (r.checks ?? []).map((c) => `${c.context}: ${c.errorMessage ?? ''}`),
      })),
    });
  }
  for (const f of files) if (!results.has(path.resolve(f))) throw new Error(`veraPDF gav inget resultat för ${f}.`);
  return results;
}

export interface DocumentedFailure {
  /** A document type, or "*" for every type. */
  type: string;
  rule: string;
}

/**
 * The PDF/UA-1 failures that docs/archival.md lists as known (with reason and plan): the rows of the table under
 * the heading "Known PDF/UA-1 failures", whose first two columns are the document type and the rule ("7.1-3").
 */
export function documentedFailures(markdown: string, heading = 'Known PDF/UA-1 failures'): DocumentedFailure[] {
  const at = markdown.indexOf(`## ${heading}`);
  if (at < 0) throw new Error(`docs/archival.md saknar avsnittet "## ${heading}".`);
  const section = markdown.slice(at).split(/\n## /)[0]!;
  const rows = section.split('\n').filter((l) => /^\|/.test(l.trim()));
  return rows
    .slice(2) // the header row and the |---| row
    .map((l) => l.split('|').map((c) => c.trim().replace(/`/g, '')))
    .map((cells) => ({ type: cells[1]!, rule: cells[2]! }))
    .filter((r) => r.type && r.rule);
}
