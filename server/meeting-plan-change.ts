import { meetingPlanSchema, type MeetingPlan } from '../domain/meetings';
import { svCount } from '../domain/text';
import { readStoredMeetingPlan, saveMeetingPlan, type StoredMeetingPlan } from '../workflows/meeting-plan-messages';
import { canEditMeetingPlans, type Principal } from './auth/principal';
import { checkConfirmation, confirmationFor, confirmationRequired, confirmationTokenOf, type Confirmation } from './confirmation';
import type { ServerContext } from './context';
import { ApiError, parseOr400, validationError } from './http-errors';
import { checkOrgan, meetingOverview } from './meeting-plans';

/**
 * A change of a body's sammanträdesplan. A change that takes away (or moves) a coming meeting on which ärenden are
 * placed re-plans those ärenden: they keep a booking on a day the plan no longer has and must be placed again. Such a
 * change is carried out only once confirmed (server/confirmation.ts, issue 15 p. 5); every change made here is kept in
 * the plan workflow's audit history with its author (workflows/meeting-plan.ts).
 */

export interface Replanned {
  id: string;
  label: string;
  date: string;
}

/** The ärenden placed on coming meetings of the current plan whose day the new plan does not have. */
export async function replannedBy(ctx: ServerContext, p: Principal, kommunkod: string, organ: string, plan: MeetingPlan): Promise<Replanned[]> {
  const overview = await meetingOverview(ctx, p, kommunkod, organ);
  const kept = new Set(plan.meetings.map((m) => m.date));
  return overview.meetings
    .filter((m) => !m.past && !kept.has(m.date))
    .flatMap((m) =>
      m.arenden.map((a) => ({
        id: a.id,
        label: a.diarienummer ? `${a.diarienummer} ${a.title}` : a.title,
        date: m.date,
      })),
    );
}

function summaryOf(replanned: readonly Replanned[]): Confirmation['summary'] {
  const dates = [...new Set(replanned.map((r) => r.date))];
  const meetings = `${dates.length === 1 ? 'Sammanträdet' : 'Sammanträdena'} ${dates.join(', ')}`;
  return {
    message: `${meetings} tas bort ur planen. ${svCount(replanned.length, 'ärende', 'ärenden')} är ${replanned.length === 1 ? 'placerat' : 'placerade'} där och måste planeras om.`,
    count: replanned.length,
    items: replanned.map((r) => `${r.label} (placerat ${r.date})`),
  };
}

export async function replacePlan(ctx: ServerContext, p: Principal, organ: string, body: unknown): Promise<StoredMeetingPlan> {
  checkOrgan(organ);
  const kommunkod = p.kommunkod;
  if (!kommunkod || !canEditMeetingPlans(p, kommunkod)) throw new ApiError(403, 'FORBIDDEN', 'Bara kommunens nämndsekreterare får ändra sammanträdesplaner');
  const token = confirmationTokenOf(body);
  const plan = parseOr400(meetingPlanSchema, body);
  if (plan.organ !== organ) throw validationError([{ field: 'organ', rule: 'mismatch', message: `planen gäller ${plan.organ}, inte ${organ}` }]);
  const replanned = await replannedBy(ctx, p, kommunkod, organ, plan);
  if (replanned.length === 0) return saveMeetingPlan(ctx.client, ctx.taskQueue, kommunkod, plan, { by: p.name });

  // Bound to this plan, this person, the plan's current version and the ärenden it re-plans: a change made by someone
  // else in between, or a newly placed ärende, needs a new confirmation.
  const stored = await readStoredMeetingPlan(ctx.client, kommunkod, organ);
  const request = { kommunkod, organ, plan, version: stored?.version ?? 0, replanned: replanned.map((r) => r.id) };
  const summary = summaryOf(replanned);
  const outcome = checkConfirmation(ctx, 'sammantradesplan', p.userId, request, token);
  if (outcome !== 'ok') throw confirmationRequired(outcome, confirmationFor(ctx, 'sammantradesplan', p.userId, request, summary));
  return saveMeetingPlan(ctx.client, ctx.taskQueue, kommunkod, plan, {
    by: p.name,
    replanned: summary.items,
    summary: summary.message,
  });
}
