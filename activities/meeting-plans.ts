import type { Client } from '@temporalio/client';
import { DEFAULT_PATTERNS, generateMeetingPlan, type MeetingPlan } from '../domain/meetings';
import { readMeetingPlan } from '../workflows/meeting-plan-messages';

export interface GetMeetingPlansInput {
  kommunkod: string;
  namnd: { kod: string; namn: string };
  /** Workflow date: the default plans cover this year and the three after it. */
  today: string;
}

export interface MeetingPlans {
  namnd: MeetingPlan;
  ks: MeetingPlan;
  kf: MeetingPlan;
  /** Which plans are defaults (the body has no stored plan yet). */
  defaults: Array<'namnd' | 'ks' | 'kf'>;
}

/** Reads the nämnd's, KS's and KF's meeting plans from their entity workflows, or the defaults for those that have none. */
export function makeGetMeetingPlans(client: Client) {
  return async function getMeetingPlans(input: GetMeetingPlansInput): Promise<MeetingPlans> {
    const year = Number(input.today.slice(0, 4));
    const years = [year, year + 1, year + 2, year + 3];
    const bodies = [
      ['namnd', input.namnd.kod, input.namnd.namn],
      ['ks', 'KS', 'Kommunstyrelsen'],
      ['kf', 'KF', 'Kommunfullmäktige'],
    ] as const;
    const defaults: MeetingPlans['defaults'] = [];
    const plans = await Promise.all(
      bodies.map(async ([body, organ, name]) => {
        const stored = await readMeetingPlan(client, input.kommunkod, organ);
        if (stored && stored.meetings.length > 0) return stored;
        defaults.push(body);
        return generateMeetingPlan(organ, name, years, DEFAULT_PATTERNS[body]);
      }),
    );
    return { namnd: plans[0], ks: plans[1], kf: plans[2], defaults };
  };
}
