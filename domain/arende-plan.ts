/**
 * Deadlines and the plan of the remaining steps, derived from the ärende's state (pure; the server uses the same
 * functions for GET /api/arenden/:id/plan with another target start).
 */
import { latestAnslagDate, latestJusteringDate } from './deadlines';
import { addDays, compareIsoDates, type IsoDate } from './iso-date';
import { planMilestones, type MilestoneId, type PlanResult } from './planner';
import { builtInProgramme } from './programmes';
import type { ArendeState, Deadline } from './arende-state';

/** The dates already fixed (passed or booked), by milestone, from the decisions of the current round. */
export function knownMilestones(state: ArendeState): Partial<Record<MilestoneId, IsoDate>> {
  const known: Partial<Record<MilestoneId, IsoDate>> = {};
  for (const d of state.decisions.slice(state.decisionsFrom)) {
    if (d.outcome !== 'bifall') continue;
    const p = d.organ === 'kf' ? 'kf' : 'namnd';
    known[`${p}_sammantrade`] = d.meetingDate;
    if (d.justering) known[`${p}_justering`] = d.justering.date;
    if (d.anslag) {
      known[`${p}_anslag`] = d.anslag.date;
      if (p === 'namnd') known.namnd_overklagandetid_slut = d.anslag.lastAppealDay;
    }
  }
  if (state.meeting && (state.stage === 'sammantrade' || state.stage === 'placering')) {
    known[state.meeting.organ === 'kf' ? 'kf_sammantrade' : 'namnd_sammantrade'] = state.meeting.date;
  }
  if (state.ksBeredning && state.organ === 'kf') known.ks_sammantrade = state.ksBeredning.meetingDate;
  if (state.lagaKraft) known.laga_kraft = state.lagaKraft;
  if (state.agreement?.signedAt) known.avtal_undertecknat = state.agreement.signedAt;
  if (state.start) known.start = state.start;
  // A step that is still ahead in this stage must be planned, not taken from an earlier round.
  if (state.stage === 'sammantrade' || state.stage === 'placering') {
    const p = state.organ === 'kf' ? 'kf' : 'namnd';
    delete known[`${p}_justering`];
    delete known[`${p}_anslag`];
  }
  return known;
}

/** The planner's answer for this ärende on `today`; undefined when the meeting plans are not known yet. */
export function computePlan(state: ArendeState, today: IsoDate, targetStart?: IsoDate): PlanResult | undefined {
  if (!state.meetingPlans) return undefined;
  try {
    return planMilestones({
      today,
      stage: state.stage,
      organ: state.organ,
      kfRequired: state.kfRequired,
      meetingPlans: state.meetingPlans,
      known: knownMilestones(state),
      targetStart: targetStart ?? state.policy.targetStart,
      ...(programmeStartOf(state) ? { programmeStart: programmeStartOf(state) } : {}),
      ...(state.stage === 'overklagat' && state.appeal?.plannedLagaKraft ? { plannedLagaKraft: state.appeal.plannedLagaKraft } : {}),
      options: { waitForLagaKraft: !state.policy.actBeforeLagaKraft },
    });
  } catch {
    return { milestones: [], reachable: false, reason: 'Planen kunde inte beräknas.' };
  }
}

/**
 * The first day a member can start in the ärende's programme (its default start), if the programme is known: the
 * state keeps it from the registration's programme; older runs use the built-in programme's.
 */
export function programmeStartOf(state: Pick<ArendeState, 'program' | 'programmeStart'>): IsoDate | undefined {
  return state.programmeStart ?? builtInProgramme(state.program)?.defaultStart;
}

/** The open deadlines of the ärende, earliest first (`today`: to leave out an appeal period that has ended). */
export function computeDeadlines(state: ArendeState, today?: IsoDate): Deadline[] {
  const out: Deadline[] = [];
  const decision = state.decisions.length > state.decisionsFrom ? state.decisions[state.decisions.length - 1] : undefined;
  switch (state.stage) {
    case 'beredning':
      for (const r of state.referrals.filter((x) => !x.answer)) out.push({ kind: 'remissvar', label: `Remissvar från ${r.recipient}`, date: r.dueDate });
      break;
    case 'sammantrade':
      if (state.meeting)
        out.push({
          kind: 'handlingar',
          label: `Sista dag för handlingar till ${state.meeting.organName} ${state.meeting.date}`,
          date: state.meeting.documentDeadline,
        });
      break;
    case 'justering':
      if (decision?.immediateJustering)
        out.push({ kind: 'justering', label: `Omedelbar justering (${decision.organName} ${decision.meetingDate})`, date: decision.meetingDate });
      else if (decision)
        out.push({
          kind: 'justering',
          label: `Justering senast (${decision.organName} ${decision.meetingDate})`,
          date: latestJusteringDate(decision.meetingDate),
        });
      break;
    case 'anslag':
      if (decision?.justering)
        out.push({ kind: 'anslag', label: 'Anslag senast andra dagen efter justeringen', date: latestAnslagDate(decision.justering.date) });
      break;
    case 'avtal':
      if (state.agreement)
        out.push({ kind: 'start', label: `Avtalet undertecknat före start ${state.agreement.period.start}`, date: addDays(state.agreement.period.start, -1) });
      break;
    case 'vantar_start':
      if (state.start) out.push({ kind: 'start', label: 'Start i programmet', date: state.start });
      break;
    case 'aktiv':
      if (state.agreement) out.push({ kind: 'avtalsperiod', label: 'Avtalsperioden slutar', date: state.agreement.period.end });
      break;
    default:
      break;
  }
  const a = state.appeal;
  const windowRuns = a?.status === 'open' || (a?.rules === 2 && a.status === 'pending' && (today === undefined || compareIsoDates(today, a.lastDay) <= 0));
  if (a && windowRuns && state.stage !== 'avslutad') {
    out.push({ kind: 'overklagande', label: 'Sista dag för överklagande', date: a.lastDay });
  }
  return out.sort((a, b) => compareIsoDates(a.date, b.date));
}
