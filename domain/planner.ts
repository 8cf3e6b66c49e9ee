// Longer than 300 lines on purpose: the planner is one cohesive calculation backwards from the target start.
import { z } from 'zod';
import { lagaKraftDate, lastAppealDay, latestAnslagDate, latestAnslagForLagaKraft, latestJusteringDate } from './deadlines';
import { addDays, compareIsoDates, isoDateFieldSchema, maxIsoDate, type IsoDate } from './iso-date';
import { lastMeetingOnOrBefore, meetingPlanSchema, nextOpenMeeting, type Meeting, type MeetingPlan } from './meetings';
import { nextWorkingDay, previousWorkingDay } from './swedish-calendar';
import { STAGES, type Organ, type Stage } from './stages';

/**
 * The planner: from where an ärende stands today, the remaining milestones up to the start in the programme,
 * each with its earliest date (forwards through the meeting plans) and, when a target start is given, its latest
 * date (backwards from the target). Pure and deterministic: `today` is an input.
 *
 * Planning assumptions (configurable in PlannerOptions; none of them is law except where a deadline is cited):
 * - beredning takes `beredningDays`, signing the tjänsteutlåtande `signingDays`;
 * - a body takes up an ärende at its first meeting whose document deadline is on or after the day the documents
 *   are ready (signed tjänsteutlåtande; for KS, `ksDocumentsReadyDays` after the nämnd's anslag, the time KS's own
 *   förvaltning needs; for KF, `kfDocumentsAfterKsDays` after the KS meeting);
 * - justering `justeringDays` after the meeting (law: at most 14), anslag `anslagDays` after justering (law: at most 2);
 * - laga kraft the day after the last appeal day (KL 13:5, lag (1930:173) 2 §);
 * - the agreement with SKR is signed `agreementSigningDays` after laga kraft (or after the final anslag when
 *   `waitForLagaKraft` is false: a decision may be executed before laga kraft);
 * - the earliest start is the day after the agreement is signed, and never before the programme's start
 *   (`programmeStart`); the municipality chooses the actual start date.
 * Dates that are not legal consequences are never earlier than `today`. Steps people take (beredning, signing,
 * justering, anslag, the agreement) are planned on working days (domain/swedish-calendar.ts): earliest
 * dates move forwards to the next working day, latest dates backwards to the previous one; meetings are the meeting
 * plans' own days. The legal consequences (last appeal day, laga kraft) are dates the law gives, not moved, and the
 * start is a date of the agreement (the workflow starts on it whatever the weekday).
 * A target start before today, or before the programme's start, is not reachable.
 */

export const MILESTONE_IDS = [
  'beredning_klar',
  'tjansteutlatande_undertecknat',
  'namnd_sammantrade',
  'namnd_justering',
  'namnd_anslag',
  'namnd_overklagandetid_slut',
  'ks_sammantrade',
  'kf_sammantrade',
  'kf_justering',
  'kf_anslag',
  'laga_kraft',
  'avtal_undertecknat',
  'start',
] as const;
/** Stable ids: used by the web app and stored in workflow state. */
export type MilestoneId = (typeof MILESTONE_IDS)[number];

export const MILESTONE_LABELS: Record<MilestoneId, string> = {
  beredning_klar: 'Beredningen klar',
  tjansteutlatande_undertecknat: 'Tjänsteutlåtandet undertecknat',
  namnd_sammantrade: 'Nämndens sammanträde',
  namnd_justering: 'Justering av nämndens protokoll',
  namnd_anslag: 'Anslag om nämndens justerade protokoll',
  namnd_overklagandetid_slut: 'Överklagandetiden för nämndens beslut löper ut',
  ks_sammantrade: 'Kommunstyrelsens sammanträde',
  kf_sammantrade: 'Kommunfullmäktiges sammanträde',
  kf_justering: 'Justering av fullmäktiges protokoll',
  kf_anslag: 'Anslag om fullmäktiges justerade protokoll',
  laga_kraft: 'Beslutet vinner laga kraft',
  avtal_undertecknat: 'Anslutningsavtalet med SKR undertecknat',
  start: 'Start i Yrkesresan',
};

/** The three meeting plans the planner reads. */
export type PlanBody = 'namnd' | 'ks' | 'kf';

const MILESTONE_BODY: Partial<Record<MilestoneId, PlanBody>> = {
  namnd_sammantrade: 'namnd',
  namnd_justering: 'namnd',
  namnd_anslag: 'namnd',
  namnd_overklagandetid_slut: 'namnd',
  ks_sammantrade: 'ks',
  kf_sammantrade: 'kf',
  kf_justering: 'kf',
  kf_anslag: 'kf',
};

const days = (label: string, max?: number) => {
  const base = z.number({ error: `${label} måste vara ett antal dagar` }).int({ message: `${label} måste vara ett heltal` });
  const min = base.min(0, { message: `${label} får inte vara negativt` });
  return max === undefined ? min : min.max(max, { message: `${label} får vara högst ${max} enligt kommunallagen` });
};

export const plannerOptionsSchema = z.object({
  beredningDays: days('Beredningstid').default(14),
  signingDays: days('Tid för undertecknande').default(7),
  justeringDays: days('Dagar till justering', 14).default(7),
  anslagDays: days('Dagar från justering till anslag', 2).default(1),
  ksDocumentsReadyDays: days('Kommunstyrelsens beredningstid').default(21),
  kfDocumentsAfterKsDays: days('Dagar från KS till handlingar för KF').default(0),
  agreementSigningDays: days('Tid för att underteckna avtalet').default(14),
  waitForLagaKraft: z.boolean({ error: 'Vänta på laga kraft måste vara ja eller nej' }).default(true),
});
export type PlannerOptions = z.output<typeof plannerOptionsSchema>;

export const plannerInputSchema = z.object({
  today: isoDateFieldSchema('Dagens datum (today)'),
  stage: z.enum(STAGES, { error: 'Okänt skede (stage)' }),
  organ: z.enum(['namnd', 'kf'], { error: "Organ (organ) måste vara 'namnd' eller 'kf'" }),
  kfRequired: z.boolean({ error: 'Krävs beslut i fullmäktige måste vara ja eller nej' }),
  meetingPlans: z.object({ namnd: meetingPlanSchema, ks: meetingPlanSchema, kf: meetingPlanSchema }),
  /** Dates already set, by milestone id: passed steps (e.g. the anslag date) or booked ones (the meeting the ärende is placed on). */
  known: z.partialRecord(z.enum(MILESTONE_IDS), isoDateFieldSchema('Känt datum (known)')).optional(),
  targetStart: isoDateFieldSchema('Önskat startdatum').optional(),
  /** The first day a member can start in the programme (e.g. Yrkesresan: 2027-07-01); no start is planned before it. */
  programmeStart: isoDateFieldSchema('Programmets start').optional(),
  /**
   * While appealed: the day laga kraft is expected if everything known holds (a judgment's final day computed from its
   * delgivning, domain/appeals.ts). Planned, not fixed.
   */
  plannedLagaKraft: isoDateFieldSchema('Beräknad laga kraft').optional(),
  options: plannerOptionsSchema.partial().optional(),
});
export type PlannerInput = z.input<typeof plannerInputSchema>;

export interface Milestone {
  step: MilestoneId;
  label: string;
  /** Earliest date; absent when it cannot be planned (no meeting, pending appeal). */
  earliest?: IsoDate;
  /** With a target start: the latest date for the target still to be reachable. */
  latest?: IsoDate;
  /** True when earliest is after latest: this step makes the target unreachable. */
  late?: boolean;
  /** The date was given in `known` (booked or already happened), not planned. */
  fixed: boolean;
  organ?: PlanBody;
  /** The body's display name from its meeting plan, e.g. "Socialnämnden". */
  organName?: string;
  /** For a meeting step: that meeting's last day for documents. */
  documentDeadline?: IsoDate;
}

export interface PlanResult {
  milestones: Milestone[];
  reachable: boolean;
  earliestStart?: IsoDate;
  /** Swedish explanation when not reachable. */
  reason?: string;
}

type Dates = Partial<Record<MilestoneId, IsoDate>>;

interface Context {
  today: IsoDate;
  stage: Stage;
  kf: boolean;
  plans: Record<PlanBody, MeetingPlan>;
  known: Dates;
  opts: PlannerOptions;
  first: MilestoneId;
  programmeStart?: IsoDate;
}

/** The steps people take: planned on working days. */
const WORKING_DAY_STEPS: ReadonlySet<MilestoneId> = new Set<MilestoneId>([
  'beredning_klar',
  'tjansteutlatande_undertecknat',
  'namnd_justering',
  'namnd_anslag',
  'kf_justering',
  'kf_anslag',
  'avtal_undertecknat',
]);

/**
 * The earliest anslag after a justering: `anslagDays` later on a working day, but never later than the law allows
 * (KL 8 kap. 12 §: at the latest the second day after justering); when that would be passed (a justering on a Friday),
 * the notice goes up on the day of the justering.
 */
export function plannedAnslag(justering: IsoDate, anslagDays: number): IsoDate {
  const candidate = nextWorkingDay(addDays(justering, anslagDays));
  return compareIsoDates(candidate, latestAnslagDate(justering)) <= 0 ? candidate : justering;
}

/** The earliest justering after a meeting: `justeringDays` later on a working day, within the 14 days. */
export function plannedJustering(meeting: IsoDate, justeringDays: number): IsoDate {
  const candidate = nextWorkingDay(addDays(meeting, justeringDays));
  return compareIsoDates(candidate, latestJusteringDate(meeting)) <= 0 ? candidate : previousWorkingDay(latestJusteringDate(meeting));
}

/**
 * The milestones of the whole process, in order, with or without the KS/KF phase. With KF, the nämnd's decision only
 * prepares KF's (a hemställan, "rent förberedande", KL 13 kap. 2 §) and has no appeal period of its own: the appeal
 * period that matters is KF's, ending in laga kraft. (Shown, it was "Klart" the day the nämnd's anslag went up.)
 */
export function milestoneChain(kfRequired: boolean): MilestoneId[] {
  return MILESTONE_IDS.filter((id) => (kfRequired ? id !== 'namnd_overklagandetid_slut' : !(id === 'ks_sammantrade' || id.startsWith('kf_'))));
}

const NAMND_PHASE_FIRST_STEP: Partial<Record<Stage, MilestoneId>> = {
  utkast: 'beredning_klar',
  beredning: 'beredning_klar',
  signering: 'tjansteutlatande_undertecknat',
  placering: 'namnd_sammantrade',
  sammantrade: 'namnd_sammantrade',
  justering: 'namnd_justering',
  anslag: 'namnd_anslag',
  overklagandetid: 'namnd_overklagandetid_slut',
  ks_beredning: 'ks_sammantrade',
  avtal: 'avtal_undertecknat',
  vantar_start: 'start',
};

/** In the KF phase an ärende sent back (återremiss) is prepared again through KS. */
const KF_PHASE_FIRST_STEP: Partial<Record<Stage, MilestoneId>> = {
  utkast: 'ks_sammantrade',
  beredning: 'ks_sammantrade',
  signering: 'ks_sammantrade',
  ks_beredning: 'ks_sammantrade',
  placering: 'kf_sammantrade',
  sammantrade: 'kf_sammantrade',
  justering: 'kf_justering',
  anslag: 'kf_anslag',
  overklagandetid: 'laga_kraft',
  avtal: 'avtal_undertecknat',
  vantar_start: 'start',
};

/** The first milestone still ahead in `stage`, or undefined when nothing is left to plan (aktiv, avslutad, overklagat). */
export function firstRemainingStep(stage: Stage, organ: Organ): MilestoneId | undefined {
  return (organ === 'kf' ? KF_PHASE_FIRST_STEP : NAMND_PHASE_FIRST_STEP)[stage];
}

function finalAnslag(ctx: Context): MilestoneId {
  return ctx.kf ? 'kf_anslag' : 'namnd_anslag';
}

function minIsoDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareIsoDates(a, b) <= 0 ? a : b;
}

function noMeetingReason(plan: MeetingPlan, ready: IsoDate): string {
  return `Sammanträdesplanen för ${plan.name} har inget sammanträde med sista dag för handlingar ${ready} eller senare.`;
}

interface StepResult {
  date?: IsoDate;
  meeting?: Meeting;
  reason?: string;
}

/** Places the ärende on a body's meeting: the booked one when the ärende is already on an agenda, else the next open. */
function placeOnMeeting(ctx: Context, body: PlanBody, ready: IsoDate, alreadyPlaced: boolean): StepResult {
  const plan = ctx.plans[body];
  const meeting = alreadyPlaced ? plan.meetings.find((m) => compareIsoDates(m.date, ctx.today) >= 0) : nextOpenMeeting(plan, maxIsoDate(ready, ctx.today));
  if (!meeting) return { reason: noMeetingReason(plan, alreadyPlaced ? ctx.today : maxIsoDate(ready, ctx.today)) };
  return { date: meeting.date, meeting };
}

/** The earliest date of one step, given the dates of the steps before it (`at`, today for passed unknown steps). */
function earliestOf(id: MilestoneId, ctx: Context, at: (id: MilestoneId) => IsoDate): StepResult {
  const { today, opts } = ctx;
  const current = id === ctx.first;
  const notBeforeToday = (d: IsoDate) => ({ date: maxIsoDate(d, today) });
  switch (id) {
    case 'beredning_klar':
      return notBeforeToday(addDays(today, opts.beredningDays));
    case 'tjansteutlatande_undertecknat':
      return notBeforeToday(addDays(current ? today : at('beredning_klar'), opts.signingDays));
    case 'namnd_sammantrade':
      return placeOnMeeting(ctx, 'namnd', current ? today : at('tjansteutlatande_undertecknat'), current && ctx.stage === 'sammantrade');
    case 'namnd_justering':
      return notBeforeToday(plannedJustering(at('namnd_sammantrade'), opts.justeringDays));
    case 'namnd_anslag':
      return notBeforeToday(plannedAnslag(at('namnd_justering'), opts.anslagDays));
    case 'namnd_overklagandetid_slut':
      return { date: lastAppealDay(at('namnd_anslag')) };
    case 'ks_sammantrade':
      return placeOnMeeting(ctx, 'ks', current ? today : addDays(at('namnd_anslag'), opts.ksDocumentsReadyDays), false);
    case 'kf_sammantrade':
      return placeOnMeeting(ctx, 'kf', current ? today : addDays(at('ks_sammantrade'), opts.kfDocumentsAfterKsDays), current && ctx.stage === 'sammantrade');
    case 'kf_justering':
      return notBeforeToday(plannedJustering(at('kf_sammantrade'), opts.justeringDays));
    case 'kf_anslag':
      return notBeforeToday(plannedAnslag(at('kf_justering'), opts.anslagDays));
    case 'laga_kraft':
      return { date: lagaKraftDate(at(finalAnslag(ctx))) };
    case 'avtal_undertecknat': {
      // Appealed, waiting for laga kraft: the agreement follows the planned laga kraft, not today.
      const fromToday = current && !(ctx.stage === 'overklagat' && opts.waitForLagaKraft);
      const from = fromToday ? today : opts.waitForLagaKraft ? at('laga_kraft') : at(finalAnslag(ctx));
      return notBeforeToday(addDays(from, opts.agreementSigningDays));
    }
    case 'start': {
      // Waiting for the start: the agreement is signed; the start is the day after it, at the earliest today.
      const after = !current ? addDays(at('avtal_undertecknat'), 1) : ctx.known.avtal_undertecknat ? addDays(ctx.known.avtal_undertecknat, 1) : today;
      return notBeforeToday(ctx.programmeStart ? maxIsoDate(after, ctx.programmeStart) : after);
    }
  }
}

/** earliestOf, with the steps people take moved to a working day. */
function earliestOnItsDay(id: MilestoneId, ctx: Context, at: (id: MilestoneId) => IsoDate): StepResult {
  const r = earliestOf(id, ctx, at);
  if (r.date && WORKING_DAY_STEPS.has(id)) r.date = nextWorkingDay(r.date);
  return r;
}

interface Forward {
  dates: Dates;
  meetings: Partial<Record<MilestoneId, Meeting>>;
  blockedAt?: MilestoneId;
  reason?: string;
}

/** Forwards from the first remaining step: earliest dates; stops at the first step that cannot be placed. */
function planForward(ctx: Context, chain: MilestoneId[]): Forward {
  const dates: Dates = { ...ctx.known };
  const meetings: Forward['meetings'] = {};
  const firstIndex = chain.indexOf(ctx.first);
  const at = (id: MilestoneId): IsoDate => dates[id] ?? ctx.today; // passed steps with no known date: assume today
  for (const id of chain.slice(firstIndex)) {
    if (ctx.known[id]) continue;
    const r = earliestOnItsDay(id, ctx, at);
    if (!r.date) return { dates, meetings, blockedAt: id, reason: r.reason };
    dates[id] = r.date;
    if (r.meeting) meetings[id] = r.meeting;
  }
  return { dates, meetings };
}

/** Backwards from the target start: the latest date of each step; stops where no meeting is early enough. */
function planBackward(ctx: Context, targetStart: IsoDate): Dates {
  const { opts, plans } = ctx;
  const latest: Dates = {};
  latest.start = targetStart;
  latest.avtal_undertecknat = previousWorkingDay(addDays(targetStart, -1));
  let anslag: IsoDate;
  if (opts.waitForLagaKraft) {
    latest.laga_kraft = addDays(latest.avtal_undertecknat, -opts.agreementSigningDays);
    anslag = latestAnslagForLagaKraft(latest.laga_kraft);
  } else {
    anslag = addDays(latest.avtal_undertecknat, -opts.agreementSigningDays);
  }

  // The latest meeting whose planned justering and anslag still make `anslagBound`; then the latest justering and
  // anslag for that meeting: the bound, but never later than the law allows after it (14 days, 2 days).
  const decision = (body: 'namnd' | 'kf', anslagBound: IsoDate): Meeting | undefined => {
    const justeringBound = addDays(anslagBound, -opts.anslagDays);
    const meeting = lastMeetingOnOrBefore(plans[body], addDays(justeringBound, -opts.justeringDays));
    if (!meeting) return undefined;
    const justering = maxIsoDate(meeting.date, previousWorkingDay(minIsoDate(justeringBound, latestJusteringDate(meeting.date))));
    latest[`${body}_sammantrade`] = meeting.date;
    latest[`${body}_justering`] = justering;
    latest[`${body}_anslag`] = maxIsoDate(justering, previousWorkingDay(minIsoDate(anslagBound, latestAnslagDate(justering))));
    return meeting;
  };

  if (ctx.kf) {
    const kfMeeting = decision('kf', anslag);
    if (!kfMeeting) return latest;
    const ksMeeting = lastMeetingOnOrBefore(plans.ks, addDays(kfMeeting.documentDeadline, -opts.kfDocumentsAfterKsDays));
    if (!ksMeeting) return latest;
    latest.ks_sammantrade = ksMeeting.date;
    anslag = addDays(ksMeeting.documentDeadline, -opts.ksDocumentsReadyDays);
  }
  const namndMeeting = decision('namnd', anslag);
  if (!namndMeeting) return latest;
  if (latest.namnd_anslag) latest.namnd_overklagandetid_slut = lastAppealDay(latest.namnd_anslag);
  latest.tjansteutlatande_undertecknat = previousWorkingDay(namndMeeting.documentDeadline);
  latest.beredning_klar = previousWorkingDay(addDays(latest.tjansteutlatande_undertecknat, -opts.signingDays));
  return latest;
}

function toMilestone(id: MilestoneId, ctx: Context, fwd: Forward, latest: Dates | undefined): Milestone {
  const body = MILESTONE_BODY[id];
  const earliest = fwd.dates[id];
  const m: Milestone = { step: id, label: MILESTONE_LABELS[id], fixed: ctx.known[id] !== undefined };
  if (earliest) m.earliest = earliest;
  const l = latest?.[id];
  if (l) {
    m.latest = l;
    if (earliest) m.late = compareIsoDates(earliest, l) > 0;
  }
  if (body) {
    m.organ = body;
    m.organName = ctx.plans[body].name;
  }
  const meeting = fwd.meetings[id];
  if (meeting) m.documentDeadline = meeting.documentDeadline;
  return m;
}

/** Fills in the option defaults (see PlannerOptions). */
export function resolvePlannerOptions(options?: Partial<PlannerOptions>): PlannerOptions {
  return plannerOptionsSchema.parse(options ?? {});
}

/** Nothing to plan: the ärende is active, closed, or waiting for a court. */
function terminalResult(input: PlannerInput, ctxKnown: Dates, waitForLagaKraft: boolean): PlanResult | undefined {
  if (input.stage === 'aktiv') return { milestones: [], reachable: true, earliestStart: ctxKnown.start };
  if (input.stage === 'avslutad') return { milestones: [], reachable: false, reason: 'Ärendet är avslutat.' };
  if (input.stage === 'overklagat' && waitForLagaKraft && !input.plannedLagaKraft) {
    const undated = (['laga_kraft', 'avtal_undertecknat', 'start'] as const).map((id): Milestone => ({ step: id, label: MILESTONE_LABELS[id], fixed: false }));
    return {
      milestones: undated,
      reachable: false,
      reason: 'Beslutet är överklagat: när det vinner laga kraft beror på domstolens dom.',
    };
  }
  return undefined;
}

/**
 * The remaining milestones of an ärende and whether the target start can be reached.
 * The input is assumed valid (validate it at the boundary with plannerInputSchema).
 */
export function planMilestones(input: PlannerInput): PlanResult {
  const opts = resolvePlannerOptions(input.options);
  const known: Dates = { ...(input.known ?? {}) };
  const terminal = terminalResult(input, known, opts.waitForLagaKraft);
  if (terminal) return terminal;

  // An appealed decision executed before laga kraft: only the agreement and the start are left to plan.
  const first = input.stage === 'overklagat' ? 'avtal_undertecknat' : firstRemainingStep(input.stage, input.organ);
  if (!first) return { milestones: [], reachable: false, reason: 'Okänt skede.' };

  const ctx: Context = {
    today: input.today,
    stage: input.stage,
    kf: input.kfRequired || input.organ === 'kf',
    plans: input.meetingPlans,
    known,
    opts,
    first,
    ...(input.programmeStart ? { programmeStart: input.programmeStart } : {}),
  };
  // Appealed with every judgment known: laga kraft is planned (not fixed) on the day domain/appeals.ts computed.
  const plannedLagaKraft = input.stage === 'overklagat' && opts.waitForLagaKraft ? input.plannedLagaKraft : undefined;
  if (plannedLagaKraft) known.laga_kraft = plannedLagaKraft;
  const chain = milestoneChain(ctx.kf);
  const fwd = planForward(ctx, chain);
  const latest = input.targetStart ? planBackward(ctx, input.targetStart) : undefined;

  const remaining = chain.slice(chain.indexOf(first));
  if (input.stage === 'overklagat') remaining.unshift('laga_kraft');
  const milestones = remaining.map((id) => toMilestone(id, ctx, fwd, latest));
  if (plannedLagaKraft) for (const m of milestones) if (m.step === 'laga_kraft') m.fixed = false;

  const earliestStart = fwd.dates.start;
  const refused = targetProblem(input);
  if (refused) return { milestones, reachable: false, ...(earliestStart ? { earliestStart } : {}), reason: refused };
  if (fwd.blockedAt || !earliestStart) {
    return { milestones, reachable: false, reason: fwd.reason ?? 'Startdatum kan inte beräknas.' };
  }
  if (input.targetStart && compareIsoDates(earliestStart, input.targetStart) > 0) {
    return {
      milestones,
      reachable: false,
      earliestStart,
      reason: `Tidigaste möjliga start är ${earliestStart}, efter önskat startdatum ${input.targetStart}.`,
    };
  }
  return { milestones, reachable: true, earliestStart };
}

/**
 * Why a target start cannot be planned for at all, in Swedish: it has passed, or it is before the programme's start.
 * (GET /api/arenden/:id/plan refuses such a target with 400 before planning.)
 */
export function targetProblem(input: { today: IsoDate; targetStart?: IsoDate; programmeStart?: IsoDate }): string | undefined {
  const { targetStart, today, programmeStart } = input;
  if (!targetStart) return undefined;
  if (compareIsoDates(targetStart, today) < 0) return `Önskat startdatum ${targetStart} har redan passerat (i dag är det ${today}).`;
  if (programmeStart && compareIsoDates(targetStart, programmeStart) < 0)
    return `Önskat startdatum ${targetStart} är före programmets start ${programmeStart}; ingen kan starta tidigare.`;
  return undefined;
}
