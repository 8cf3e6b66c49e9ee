import type { ActionPayload } from '../../domain/actions';
import { addDays, stockholmMidnight, type IsoDate } from '../../domain/iso-date';
import type { ArendeContext, Outcome } from '../context';

/**
 * 5/8. Överklagandetid and laga kraft (DOMAIN.md §2.5, §2.8). The appeal period of the deciding body's decision is a
 * durable timer to the end of the last day for appeal (Europe/Stockholm). An appeal registered in time waits for the
 * court: upheld → laga kraft on the judgment's date; quashed → the decision falls and the ärende ends or is rectified
 * (back to utkast for a new decision; documents stay).
 *
 * With the policy actBeforeLagaKraft the agreement stage starts at once and the appeal runs beside it: the appeal
 * actions are then served in avtal, vantar_start and aktiv, and a quashed decision ends the anslutning.
 */
export function installAppeal(ctx: ArendeContext): void {
  ctx.appeal = {
    handlers: {
      registerOverklagande: (p, actor) => registerOverklagande(ctx, p, actor),
      recordCourtJudgment: (p, actor) => recordCourtJudgment(ctx, p, actor),
    },
    windowEndsAt: () => {
      const a = ctx.state.appeal;
      return a?.status === 'open' ? stockholmMidnight(addDays(a.lastDay, 1)) : undefined;
    },
    onWindowEnd: async () => appealWindowEnded(ctx),
  };
}

export function openAppealWindow(ctx: ArendeContext, decisionIndex: number, from: IsoDate, lastDay: IsoDate): void {
  const { state } = ctx;
  state.appeal = { decisionIndex, from, lastDay, status: 'open' };
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

function appealWindowEnded(ctx: ArendeContext): void {
  const { state } = ctx;
  const a = state.appeal;
  if (!a || a.status !== 'open') return;
  a.status = 'closed';
  state.lagaKraft = addDays(a.lastDay, 1);
  ctx.log('system', 'lagaKraft', `Ingen har överklagat; beslutet vann laga kraft ${state.lagaKraft}`);
  if (state.stage === 'overklagandetid') ctx.transition('avtal', 'beslutet har vunnit laga kraft');
}

async function registerOverklagande(ctx: ArendeContext, p: ActionPayload['registerOverklagande'], _actor: string): Promise<Outcome> {
  const { state } = ctx;
  const a = state.appeal;
  if (!a) throw new Error('inget överklagbart beslut');
  a.status = 'pending';
  a.overklagande = {
    receivedDate: p.receivedDate,
    appellant: p.appellant,
    court: p.court,
    ...(p.caseNumber ? { caseNumber: p.caseNumber } : {}),
    ...(p.grounds ? { grounds: p.grounds } : {}),
  };
  if (state.stage === 'overklagandetid') ctx.transition('overklagat', 'beslutet är överklagat');
  return { message: `Överklagande från ${p.appellant} till ${p.court} registrerat (inkom ${p.receivedDate}${p.caseNumber ? `, mål ${p.caseNumber}` : ''})` };
}

async function recordCourtJudgment(ctx: ArendeContext, p: ActionPayload['recordCourtJudgment'], _actor: string): Promise<Outcome> {
  const { state } = ctx;
  const a = state.appeal;
  if (!a) throw new Error('inget överklagande');
  a.judgment = { date: p.date, outcome: p.outcome, ...(p.then ? { then: p.then } : {}), ...(p.caseNumber ? { caseNumber: p.caseNumber } : {}) };
  if (p.outcome === 'upheld') {
    a.status = 'closed';
    state.lagaKraft = p.date;
    if (state.stage === 'overklagat') ctx.transition('avtal', 'domstolen avslog överklagandet');
    return { message: `Domstolen avslog överklagandet (${p.date}); beslutet vann laga kraft ${p.date}` };
  }
  a.status = 'quashed';
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
