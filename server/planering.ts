import { z } from 'zod';
import { diarieserieSchema } from '../domain/diarienummer';
import { kommunkodSchema } from '../domain/municipalities';
import { isoDateFieldSchema, stockholmDate } from '../domain/iso-date';
import { planMilestones, type PlanResult } from '../domain/planner';
import { DEFAULT_PROGRAM } from '../domain/onboarding-terms';
import { programmeById } from './programmes';
import type { Principal } from './auth/principal';
import type { ServerContext } from './context';
import { parseOr400 } from './http-errors';
import { planFor } from './meeting-plans';

/** Planering: for a new ärende registered today, the latest date of each step for a target start, and whether it is reachable. */
export const planeringQuerySchema = z.object({
  targetStart: isoDateFieldSchema('Önskat startdatum'),
  namnd: diarieserieSchema.default('SN'),
  kfRequired: z.enum(['true', 'false'], { error: "måste vara 'true' eller 'false'" }).default('true'),
  kommunkod: kommunkodSchema.optional(),
});

export async function planForTarget(
  ctx: ServerContext,
  p: Principal,
  query: unknown,
  now = new Date(),
): Promise<PlanResult & { today: string; input: z.infer<typeof planeringQuerySchema> }> {
  const input = parseOr400(planeringQuerySchema, query);
  const kommunkod = p.role === 'skr_admin' ? (input.kommunkod ?? '0180') : (p.kommunkod as string);
  const [namnd, ks, kf] = await Promise.all([planFor(ctx, p, kommunkod, input.namnd), planFor(ctx, p, kommunkod, 'KS'), planFor(ctx, p, kommunkod, 'KF')]);
  const today = stockholmDate(now);
  const result = planMilestones({
    today,
    stage: 'utkast',
    organ: 'namnd',
    kfRequired: input.kfRequired === 'true',
    meetingPlans: { namnd: namnd.plan, ks: ks.plan, kf: kf.plan },
    targetStart: input.targetStart,
    programmeStart: programmeById(DEFAULT_PROGRAM).defaultStart, // no start is planned before the programme's (the page plans the default programme, as configured)
  });
  return { ...result, today, input };
}
