import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { meetingPlanSchema } from '../domain/meetings';
import {
  MEETING_PLAN_HISTORY_LIMIT,
  meetingPlanQuery,
  replaceMeetingPlanUpdate,
  type MeetingPlanChange,
  type MeetingPlanInput,
  type StoredMeetingPlan,
} from './meeting-plan-messages';
import { ERROR_CODES, nowIso } from './engine';

/**
 * A body's sammanträdesplan as an entity: one workflow per municipality and body holds the current plan; the web app
 * replaces it (validated), and the adoption workflow reads it through the getMeetingPlans activity.
 */
export async function meetingPlanWorkflow(input: MeetingPlanInput): Promise<void> {
  const stored: StoredMeetingPlan = { plan: input.plan, version: input.version ?? 0, ...(input.history ? { history: input.history } : {}) };
  let changesThisRun = 0;

  setHandler(meetingPlanQuery, () => stored);
  setHandler(
    replaceMeetingPlanUpdate,
    (plan, change) => {
      stored.plan = meetingPlanSchema.parse(plan);
      stored.version += 1;
      stored.updatedAt = nowIso();
      // The audit history (issue 15 p. 5): state only, no command; a change without an author (older callers) is not listed.
      if (change?.by) {
        const entry: MeetingPlanChange = {
          version: stored.version,
          at: stored.updatedAt,
          by: change.by,
          ...(change.replanned?.length ? { replanned: change.replanned, summary: change.summary } : {}),
        };
        stored.history = [...(stored.history ?? []), entry].slice(-MEETING_PLAN_HISTORY_LIMIT);
      }
      changesThisRun += 1;
      return stored;
    },
    {
      validator: (plan, _change) => {
        const parsed = meetingPlanSchema.safeParse(plan);
        if (!parsed.success) {
          const fields = parsed.error.issues.map((i) => ({
            field: i.path.map(String).join('.') || '(plan)',
            rule: i.code === 'custom' ? 'invalid' : i.code,
            message: i.message,
          }));
          throw ApplicationFailure.create({
            type: ERROR_CODES.validation,
            message: `Sammanträdesplanen innehåller fel: ${fields.map((f) => f.message).join('; ')}`,
            details: [fields],
            nonRetryable: true,
          });
        }
        if (parsed.data.organ !== input.organ) {
          const message = `Planen gäller organ ${parsed.data.organ}, men den här planen är för ${input.organ}`;
          throw ApplicationFailure.create({
            type: ERROR_CODES.validation,
            message,
            details: [[{ field: 'organ', rule: 'mismatch', message }]],
            nonRetryable: true,
          });
        }
      },
    },
  );

  await condition(() => changesThisRun >= 100 || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof meetingPlanWorkflow>({
    ...input,
    plan: stored.plan,
    version: stored.version,
    ...(stored.history ? { history: stored.history } : {}),
  });
}
