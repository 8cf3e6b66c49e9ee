import { addDays, compareIsoDates, maxIsoDate, type IsoDate } from './iso-date';
import { nextWorkingDay } from './swedish-calendar';

/**
 * Laga kraft after appeals (KL 13 kap.; docs/process.md). A municipal decision gains laga kraft when no appeal remains possible:
 * - its own appeal period has ended: three weeks from the day the anslag went up (kommunallagen (2017:725) 13 kap.
 *   5 §), moved past Saturdays, Sundays, holidays and the three aftons (lag (1930:173) om beräkning av lagstadgad
 *   tid 2 §); see lastAppealDay in domain/deadlines.ts; and
 * - every appeal registered in time has a final judgment that let the decision stand.
 * Several members of the municipality may appeal the same decision; each appeal is its own case.
 *
 * A förvaltningsrätt judgment can itself be appealed to kammarrätten: the appeal "ska ha kommit in till den domstol
 * som har meddelat beslutet inom tre veckor från den dag då klaganden fick del av beslutet" (förvaltningsprocesslagen
 * (1971:291) 6 a §, inserted by SFS 2013:86; formerly 7 §. The court's check of timeliness is 6 b §). So the judgment
 * becomes final the day after three weeks from delgivning (again moved by lag (1930:173) 2 §). The product takes the
 * date the judgment became final when the secretary knows it (the court's lagakraftbevis), and otherwise computes it
 * from the delgivning date and shows it as planned only: a further appeal may still be lodged, so laga kraft is not
 * recorded on a computed date (docs/process.md, "Decisions taken where the issue is silent").
 * Pure: no clock; `today` is an input.
 */

/** "Tre veckor" (förvaltningsprocesslagen 6 a §). */
export const JUDGMENT_APPEAL_PERIOD_DAYS = 21;

/** The last day to appeal a förvaltningsrätt judgment delgiven on `delgivningDate` (FPL 6 a §, lag (1930:173) 2 §). */
export function lastDayToAppealJudgment(delgivningDate: IsoDate): IsoDate {
  return nextWorkingDay(addDays(delgivningDate, JUDGMENT_APPEAL_PERIOD_DAYS));
}

export interface JudgmentFacts {
  date: IsoDate;
  outcome: 'upheld' | 'quashed';
  /** The day the judgment was delgiven (served); the time to appeal it runs from here. */
  delgivningDate?: IsoDate;
  /** The day the judgment became final, as the court confirms it (lagakraftbevis). */
  finalDate?: IsoDate;
}

export interface JudgmentFinality {
  date: IsoDate;
  /** True when computed from the delgivning date (no appeal known yet), false when recorded as final. */
  planned: boolean;
}

/** When the judgment is (or is planned to be) final; undefined when neither the final date nor the delgivning is known. */
export function judgmentFinality(j: JudgmentFacts): JudgmentFinality | undefined {
  if (j.finalDate) return { date: j.finalDate, planned: false };
  if (j.delgivningDate) return { date: addDays(lastDayToAppealJudgment(j.delgivningDate), 1), planned: true };
  return undefined;
}

export interface AppealStatusInput {
  /** The last day to appeal the decision (from its anslag). */
  lastDay: IsoDate;
  /** Every appeal registered against the decision, each with its judgment when there is one. */
  appeals: ReadonlyArray<{ judgment?: JudgmentFacts }>;
  today: IsoDate;
}

export interface AppealStatus {
  /** The decision's own appeal period has ended (today is after its last day). */
  windowEnded: boolean;
  /** A registered appeal was upheld by the court: the decision falls (upphävt). */
  quashed: boolean;
  /** Appeals still without a final judgment (no judgment, or a judgment not yet final). */
  openAppeals: number;
  /** The day the decision gained laga kraft, when it has. */
  lagaKraft?: IsoDate;
  /** When laga kraft is expected, if everything known holds: the latest of the period's end and the judgments' (planned) final days. */
  plannedLagaKraft?: IsoDate;
}

/**
 * Where the decision stands: laga kraft only when its own appeal period has ended and every registered appeal has a
 * judgment recorded as final that let the decision stand; the day is the latest of the day after the last appeal day
 * and the days the judgments became final.
 */
export function appealStatus(input: AppealStatusInput): AppealStatus {
  const windowEnd = addDays(input.lastDay, 1);
  const windowEnded = compareIsoDates(input.today, input.lastDay) > 0;
  const quashed = input.appeals.some((a) => a.judgment?.outcome === 'quashed');
  let latest = windowEnd;
  let allKnown = true;
  let allFinal = true;
  let openAppeals = 0;
  for (const a of input.appeals) {
    const finality = a.judgment ? judgmentFinality(a.judgment) : undefined;
    const final = finality !== undefined && !finality.planned && compareIsoDates(finality.date, input.today) <= 0;
    if (!final) openAppeals++;
    if (!finality) allKnown = false;
    else latest = maxIsoDate(latest, finality.date);
    if (!final) allFinal = false;
  }
  const status: AppealStatus = { windowEnded, quashed, openAppeals };
  if (quashed) return status;
  if (windowEnded && allFinal && compareIsoDates(latest, input.today) <= 0) status.lagaKraft = latest;
  else if (allKnown) status.plannedLagaKraft = latest;
  return status;
}
