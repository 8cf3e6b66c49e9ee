import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { nationalRateForYear, newRateProblems, rateTable } from '../../domain/fees';
import { stockholmDate } from '../../domain/iso-date';
import { formatRate, parseRate } from '../../domain/money';
import { programmeById } from '../programmes';
import { programmeRatesWorkflow } from '../../workflows/programme-rates';
import { nationalRateHistory } from '../../clients/programme-rates';
import { programmeRatesWorkflowId, setNationalRateUpdate } from '../../workflows/programme-rates-messages';
import type { ServerContext } from '../context';
import { ApiError, validationError } from '../http-errors';

/**
 * The national rate per fee year as SKR sees and sets it: the programme's own table (domain/programmes.ts)
 * overlaid by the rates SKR has set (held with their history by the `programtaxor-<program>` workflow).
 */
export async function ratesOf(ctx: ServerContext, program: string) {
  const programme = programmeById(program);
  const history = await nationalRateHistory(ctx.client, program);
  const table = rateTable(programme.nationalRates, history);
  const fromSkr = new Map(history.map((h) => [h.year, h] as const));
  return {
    program,
    table: table.map((r) => ({
      year: r.year,
      rate: r.rate,
      rateKr: formatRate(r.rate),
      source: r.source,
      setOn: r.setOn,
      setBy: fromSkr.get(r.year)?.actor ?? null,
    })),
    history: history.map((h) => ({ ...h, rateKr: formatRate(h.rate) })),
  };
}

/** The national rate that applies to `year` (preliminary when none is set for it). */
export async function rateForYear(ctx: ServerContext, program: string, year: number) {
  const programme = programmeById(program);
  return nationalRateForYear(rateTable(programme.nationalRates, await nationalRateHistory(ctx.client, program)), year);
}

/**
 * SKR sets the national rate of a coming fee year. Refused (400, naming the field, nothing recorded): a year that
 * has begun, a rate that is not a positive amount in whole öre, a decision date in the future, no source.
 * The same requestId twice is recorded once.
 */
export async function setNationalRate(
  ctx: ServerContext,
  program: string,
  input: { requestId?: string; year: number; rate: string; source: string; setOn?: string },
  actor: { name: string; role?: string },
  now = new Date(),
) {
  const today = stockholmDate(now);
  let rate: number;
  try {
    rate = parseRate(input.rate);
  } catch {
    throw validationError([{ field: 'rate', rule: 'invalid', message: 'taxan ska vara ett belopp i kronor, t.ex. 2,47' }]);
  }
  const entry = { year: input.year, rate, source: input.source, setOn: input.setOn ?? today };
  const problems = newRateProblems(entry, today);
  if (problems.length > 0) throw validationError(problems.map((p) => ({ field: p.field, rule: 'invalid', message: p.message })));
  const workflowId = programmeRatesWorkflowId(program);
  await ctx.client.workflow.start(programmeRatesWorkflow, {
    workflowId,
    taskQueue: ctx.taskQueue,
    args: [{ program }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  const requestId = input.requestId ?? `taxa-${randomUUID()}`;
  try {
    const record = await ctx.client.workflow.getHandle(workflowId).executeUpdate(setNationalRateUpdate, {
      args: [{ requestId, actor, ...entry }],
      updateId: `${requestId}`,
    });
    return { rate: { ...record, rateKr: formatRate(record.rate) }, ...(await ratesOf(ctx, program)) };
  } catch (err) {
    const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === 'VALIDATION_FAILED') {
      const fields = (cause.details?.[0] as { field: string; rule: string; message: string }[] | undefined) ?? [];
      throw new ApiError(400, 'VALIDATION_FAILED', cause.message, fields);
    }
    throw err;
  }
}
