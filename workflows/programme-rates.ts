import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, setHandler, upsertMemo, workflowInfo } from '@temporalio/workflow';
import { newRateProblems } from '../domain/fees';
import {
  nationalRateHistoryQuery,
  PROGRAMME_RATE_ERRORS,
  RATES_MEMO,
  setNationalRateUpdate,
  type ProgrammeRatesInput,
  type SetNationalRate,
  type SetNationalRateRecord,
} from './programme-rates-messages';
import { nowIso, today } from './engine/clock';

/**
 * The national rates SKR sets for a programme's coming fee years (id `programtaxor-<program>`): an entity workflow
 * holding the history of every rate set, who set it and when. The programme's own table (domain/programmes.ts)
 * is the base; these entries overlay it (domain/fees.ts rateTable), and the agreement and each fee statement read
 * the table as it stands when they are written.
 *
 * Why its own workflow (not the kommunregister's): the rates belong to a programme, not to the municipality
 * registry; one small entity per programme keeps each history short and each concern in one file.
 */
export async function programmeRatesWorkflow(input: ProgrammeRatesInput): Promise<void> {
  const history: SetNationalRateRecord[] = [...(input.history ?? [])];
  let setThisRun = 0;
  // The history is also the workflow's memo: readers (the web process, the activities) get it from
  // DescribeWorkflowExecution, which the server answers alone, without a worker replaying the workflow.
  const publish = () => upsertMemo({ [RATES_MEMO]: history });
  if (history.length > 0) publish();

  setHandler(nationalRateHistoryQuery, () => history);

  const check = (request: SetNationalRate) => {
    const problems = newRateProblems(request, today());
    if (typeof request.source !== 'string' || request.source.trim() === '')
      problems.push({ field: 'source', message: 'ange varifrån taxan kommer (t.ex. SKR:s beslut)' });
    if (problems.length > 0) {
      throw ApplicationFailure.create({
        type: PROGRAMME_RATE_ERRORS.validation,
        message: `Begäran innehåller fel i: ${[...new Set(problems.map((p) => p.field))].join(', ')}`,
        details: [problems.map((p) => ({ field: p.field, rule: 'invalid', message: p.message }))],
        nonRetryable: true,
      });
    }
  };

  setHandler(
    setNationalRateUpdate,
    (request) => {
      const known = history.find((h) => h.requestId === request.requestId);
      if (known) return known;
      const record: SetNationalRateRecord = {
        year: request.year,
        rate: request.rate,
        source: request.source.trim(),
        setOn: request.setOn,
        requestId: request.requestId,
        actor: request.actor.role ? `${request.actor.name} (${request.actor.role})` : request.actor.name,
        at: nowIso(),
      };
      history.push(record);
      setThisRun += 1;
      publish();
      return record;
    },
    {
      validator: (request) => {
        if (history.some((h) => h.requestId === request.requestId)) return;
        check(request);
      },
    },
  );

  await condition(() => setThisRun >= 100 || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof programmeRatesWorkflow>({ program: input.program, history });
}
