import { patched } from '@temporalio/workflow';
import type { ActionPayload } from '../../domain/actions';
import { appealStatus, judgmentFinality } from '../../domain/appeals';
import { addDays, stockholmMidnight, type IsoDate } from '../../domain/iso-date';
import type { ArendeContext, Outcome } from '../context';
import type { Appeal, AppealCase } from '../../domain/arende-state';
import { appealCases, judgedCase, Rejection } from '../../domain/arende-rules';

/**
 * 5/8. Överklagandetid and laga kraft (KL 13 kap. 5 §; docs/process.md). The appeal period of the deciding body's decision is
 * a durable timer to the end of the last day for appeal (Europe/Stockholm). Several members may appeal within it;
 * each appeal waits for its judgment. The decision gains laga kraft only when its own period has ended and every
 * registered appeal has a judgment, recorded as final, that let it stand (domain/appeals.ts: KL 13 kap. 5 §,
 * lag (1930:173) 2 §, förvaltningsprocesslagen 6 a §). A quashed decision ends the ärende or is rectified (back to
 * utkast for a new decision; documents stay).
 *
 * With the policy actBeforeLagaKraft the agreement stage starts at once and the appeal runs beside it: the appeal
 * actions are then served in avtal, vantar_start and aktiv, and a quashed decision ends the anslutning.
 *
 * Versioning: before patch 'appeal-laga-kraft' an appeal was one appeal and an upheld judgment gave laga kraft on the
 * judgment's own date. The patch is taken where the window opens (recordAnslag) or, for an ärende whose window opened
 * before, at its next appeal action; `appeal.rules = 2` then keeps the ärende on the new rules.
 */
export const APPEAL_PATCH = 'appeal-laga-kraft';

export function installAppeal(ctx: ArendeContext): void {
  ctx.appeal = {
    handlers: {
      registerOverklagande: (p, actor) => registerOverklagande(ctx, p, actor),
      recordCourtJudgment: (p, actor) => recordCourtJudgment(ctx, p, actor),
    },
    // The end of the appeal period: an alarm the context serves in every stage.
    at: () => {
      const a = ctx.state.appeal;
      if (a?.rules === 2) {
        // The period's end matters whether or not someone has appealed; after it, nothing is timed (judgments are recorded).
        // Until settle() has seen it end (windowEnded); a time already passed makes the context ring at once.
        return (a.status === 'open' || a.status === 'pending') && !a.windowEnded ? stockholmMidnight(addDays(a.lastDay, 1)) : undefined;
      }
      return a?.status === 'open' ? stockholmMidnight(addDays(a.lastDay, 1)) : undefined;
    },
    ring: async () => {
      if (ctx.state.appeal?.rules === 2) settle(ctx);
      else appealWindowEnded(ctx);
    },
  };
}

/** Moves an appeal onto the new rules (once; from a live action, so never while replaying an older history). */
function adoptRules(ctx: ArendeContext): boolean {
  const a = ctx.state.appeal;
  if (!a) return false;
  if (a.rules === 2) return true;
  if (!patched(APPEAL_PATCH)) return false;
  a.appeals = appealCases(a);
  a.rules = 2;
  return true;
}

export function openAppealWindow(ctx: ArendeContext, decisionIndex: number, from: IsoDate, lastDay: IsoDate): void {
  const { state } = ctx;
  state.appeal = { decisionIndex, from, lastDay, status: 'open' };
  if (patched(APPEAL_PATCH)) Object.assign(state.appeal, { appeals: [], rules: 2, plannedLagaKraft: addDays(lastDay, 1) });
  if (state.policy.actBeforeLagaKraft) ctx.transition('avtal', `överklagandetiden löper till och med ${lastDay}; beslutet verkställs före laga kraft`);
  else ctx.transition('overklagandetid', `överklagandetiden löper till och med ${lastDay}`);
}

/** Waiting in the appeal period: the appeal actions and the timer are served by the context in every stage. */
export async function overklagandetid(ctx: ArendeContext): Promise<void> {
  await ctx.serve('overklagandetid', {});
}

export async function overklagat(ctx: ArendeContext): Promise<void> {
  await ctx.serve('overklagat', {});
}

/** Before the patch: the window's end gives laga kraft when nobody appealed. */
function appealWindowEnded(ctx: ArendeContext): void {
  const { state } = ctx;
  const a = state.appeal;
  if (!a || a.status !== 'open') return;
  a.status = 'closed';
  state.lagaKraft = addDays(a.lastDay, 1);
  ctx.log('system', 'lagaKraft', `Ingen har överklagat; beslutet vann laga kraft ${state.lagaKraft}`);
  if (state.stage === 'overklagandetid') ctx.transition('avtal', 'beslutet har vunnit laga kraft');
}

/** The new rules: laga kraft when the period has ended and every appeal has a final judgment that let the decision stand. */
function settle(ctx: ArendeContext): string | undefined {
  const { state } = ctx;
  const a = state.appeal;
  if (!a || a.status === 'closed' || a.status === 'quashed') return undefined;
  const cases = appealCases(a);
  const status = appealStatus({ lastDay: a.lastDay, appeals: cases, today: ctx.today() });
  if (status.windowEnded) a.windowEnded = true;
  if (status.lagaKraft) {
    a.status = 'closed';
    delete a.plannedLagaKraft;
    state.lagaKraft = status.lagaKraft;
    const why =
      cases.length === 0
        ? 'Ingen har överklagat'
        : `Överklagandetiden har gått ut och ${cases.length === 1 ? 'domen' : `alla ${cases.length} domar`} har vunnit laga kraft`;
    ctx.log('system', 'lagaKraft', `${why}; beslutet vann laga kraft ${status.lagaKraft}`);
    if (state.stage === 'overklagandetid' || state.stage === 'overklagat') ctx.transition('avtal', 'beslutet har vunnit laga kraft');
    return `beslutet vann laga kraft ${status.lagaKraft}`;
  }
  if (status.plannedLagaKraft) a.plannedLagaKraft = status.plannedLagaKraft;
  else delete a.plannedLagaKraft;
  const waiting: string[] = [];
  if (!status.windowEnded) waiting.push(`överklagandetiden löper till och med ${a.lastDay}`);
  if (status.openAppeals > 0) waiting.push(`${status.openAppeals} överklagande${status.openAppeals === 1 ? '' : 'n'} utan dom som vunnit laga kraft`);
  return `beslutet har inte vunnit laga kraft (${waiting.join('; ')})${status.plannedLagaKraft ? `; beräknat ${status.plannedLagaKraft}` : ''}`;
}

async function registerOverklagande(ctx: ArendeContext, p: ActionPayload['registerOverklagande'], _actor: string): Promise<Outcome> {
  const { state } = ctx;
  const a = state.appeal;
  if (!a) throw new Error('inget överklagbart beslut');
  const onNewRules = adoptRules(ctx); // before this appeal is added: an older state's one appeal joins the list first
  a.status = 'pending';
  a.overklagande = {
    receivedDate: p.receivedDate,
    appellant: p.appellant,
    court: p.court,
    ...(p.caseNumber ? { caseNumber: p.caseNumber } : {}),
    ...(p.grounds ? { grounds: p.grounds } : {}),
  };
  let more = '';
  if (onNewRules) {
    const cases = a.appeals as AppealCase[];
    cases.push({ ...a.overklagande });
    delete a.judgment;
    if (cases.length > 1) more = `; ${cases.length} överklaganden registrerade`;
    settle(ctx);
  }
  if (state.stage === 'overklagandetid') ctx.transition('overklagat', 'beslutet är överklagat');
  return {
    message: `Överklagande från ${p.appellant} till ${p.court} registrerat (inkom ${p.receivedDate}${p.caseNumber ? `, mål ${p.caseNumber}` : ''})${more}`,
  };
}

async function recordCourtJudgment(ctx: ArendeContext, p: ActionPayload['recordCourtJudgment'], _actor: string): Promise<Outcome> {
  const { state } = ctx;
  const a = state.appeal;
  if (!a) throw new Error('inget överklagande');
  const onNewRules = adoptRules(ctx);
  const c = onNewRules ? judgedCase(state, p) : undefined; // checked already (rules.ts); found again here
  if (c instanceof Rejection) throw c;
  a.judgment = { date: p.date, outcome: p.outcome, ...(p.then ? { then: p.then } : {}), ...(p.caseNumber ? { caseNumber: p.caseNumber } : {}) };
  if (!c) return recordCourtJudgmentBeforePatch(ctx, p);

  // A judgment recorded again (e.g. now with the day it became final) completes the earlier record of it.
  const { plannedFinalDate: _planned, ...earlier } = c.judgment ?? ({} as NonNullable<AppealCase['judgment']>);
  const facts = {
    ...earlier,
    ...a.judgment,
    ...(p.delgivningDate ? { delgivningDate: p.delgivningDate } : {}),
    ...(p.finalDate ? { finalDate: p.finalDate } : {}),
  };
  const finality = judgmentFinality(facts);
  c.judgment = { ...facts, ...(finality?.planned ? { plannedFinalDate: finality.date } : {}) };
  if (p.outcome === 'upheld') {
    const final = !finality
      ? 'när domen vinner laga kraft är inte känt (ange delgivningsdag eller dagen då domen vann laga kraft)'
      : finality.planned
        ? `domen delgavs ${facts.delgivningDate} och beräknas vinna laga kraft ${finality.date} om den inte överklagas (förvaltningsprocesslagen 6 a §)`
        : `domen vann laga kraft ${finality.date}`;
    const settled = settle(ctx);
    return { message: `Domstolen avslog överklagandet från ${c.appellant} (${p.date}); ${final}${settled ? `; ${settled}` : ''}` };
  }
  return quash(ctx, p);
}

/** Before the patch: upheld → laga kraft on the judgment's date. */
function recordCourtJudgmentBeforePatch(ctx: ArendeContext, p: ActionPayload['recordCourtJudgment']): Outcome {
  const { state } = ctx;
  const a = state.appeal as Appeal;
  if (p.outcome === 'upheld') {
    a.status = 'closed';
    state.lagaKraft = p.date;
    if (state.stage === 'overklagat') ctx.transition('avtal', 'domstolen avslog överklagandet');
    return { message: `Domstolen avslog överklagandet (${p.date}); beslutet vann laga kraft ${p.date}` };
  }
  return quash(ctx, p);
}

function quash(ctx: ArendeContext, p: ActionPayload['recordCourtJudgment']): Outcome {
  const { state } = ctx;
  const a = state.appeal as Appeal;
  a.status = 'quashed';
  delete a.plannedLagaKraft;
  const hadAnslutning = state.agreement !== undefined;
  const fell = `Domstolen upphävde beslutet (${p.date})${hadAnslutning ? '; anslutningen upphör' : ''}`;
  if (p.then === 'end') {
    ctx.end(`upphävt av domstol ${p.date}`);
    return { message: `${fell}; ärendet avslutas` };
  }
  // Rectify: a new decision from the beginning; the earlier decisions and documents stay in the ärende.
  state.decisionsFrom = state.decisions.length;
  state.organ = 'namnd';
  state.signatures = {};
  state.meeting = undefined;
  state.ksBeredning = undefined;
  state.agreement = undefined;
  state.start = undefined;
  state.lagaKraft = undefined;
  ctx.transition('utkast', 'rättelse efter upphävt beslut');
  return { message: `${fell}; ärendet rättas med ett nytt beslut` };
}
