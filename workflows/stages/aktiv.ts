import type { ActionPayload } from '../../domain/actions';
import { addDays, compareIsoDates, stockholmMidnight } from '../../domain/iso-date';
import { renewalPeriod } from '../../domain/programmes';
import { renews } from '../../domain/renewal';
import { activities, type ArendeContext, type Outcome } from '../context';
import { avgiftsunderlagData, feeYears, kommunBasis } from '../documents';
import { joinNamnd } from './ansluta-namnd';
import { followAktiv } from './follow-onboarding';

/**
 * 12. Aktiv anslutning (docs/process.md, "Who owns what"): an avgiftsunderlag at the start of each fee year (calendar years, the first
 * and last pro rata by days; the population is read from the registry each time), and at the end of the agreement
 * period a new period (decideRenewal: fornya) or the end. The workflow continues as new after each fee statement, so
 * a membership of many years keeps a short history.
 */
export async function aktiv(ctx: ArendeContext): Promise<void> {
  // Handed over: SKR's onboarding owns the agreement and the fees; this stage follows it (docs/process.md).
  if (ctx.state.agreementOwner) return followAktiv(ctx);
  const { state } = ctx;
  await ctx.serve(
    'aktiv',
    {
      joinNamnd: (p, actor) => joinNamnd(ctx, p, actor),
      decideRenewal: async (p, actor) => decideRenewal(ctx, p, actor),
    },
    {
      tick: async () => {
        const due = feeYears(state).find((y) => compareIsoDates(y.from, ctx.today()) <= 0 && !stated(ctx, y.year, y.from));
        if (due) {
          await feeStatement(ctx, due);
          ctx.requestContinueAsNew();
          return;
        }
        const end = state.agreement?.period.end;
        if (end && compareIsoDates(ctx.today(), end) > 0) periodEnded(ctx);
      },
      wakeAt: () => {
        const next = feeYears(state).find((y) => !stated(ctx, y.year, y.from));
        if (next) return stockholmMidnight(next.from);
        const end = state.agreement?.period.end;
        return end ? stockholmMidnight(addDays(end, 1)) : undefined;
      },
    },
  );
}

function stated(ctx: ArendeContext, year: number, from: string): boolean {
  return ctx.state.fees.some((f) => f.year === year && f.from === from);
}

async function feeStatement(ctx: ArendeContext, year: ReturnType<typeof feeYears>[number]): Promise<void> {
  const { state } = ctx;
  const k = await activities.getMunicipality(state.kommunkod);
  state.kommun = kommunBasis(k);
  const data = avgiftsunderlagData(ctx.programme, state, state.kommun, year, ctx.today());
  const doc = await ctx.render('avgiftsunderlag', data, { step: 'aktiv' });
  state.fees.push({ year: year.year, from: year.from, to: year.to, totalOre: data.totalOre, documentId: doc.id });
}

async function decideRenewal(ctx: ArendeContext, p: ActionPayload['decideRenewal'], actor: string): Promise<Outcome> {
  const a = ctx.state.agreement!;
  a.renewal = { decision: p.decision, ...(p.newPeriodEnd ? { newPeriodEnd: p.newPeriodEnd } : {}), by: actor, at: ctx.now() };
  return {
    message:
      p.decision === 'fornya'
        ? `Beslut om förnyelse: ny avtalsperiod efter ${a.period.end}${p.newPeriodEnd ? ` till och med ${p.newPeriodEnd}` : ''}`
        : `Beslut: anslutningen upphör när avtalsperioden slutar ${a.period.end}`,
  };
}

function periodEnded(ctx: ArendeContext): void {
  const a = ctx.state.agreement!;
  if (renews(a.renewal?.decision)) {
    const next = renewalPeriod(ctx.programme, a.period.end, a.renewal?.newPeriodEnd);
    ctx.log('system', 'renewal', `Ny avtalsperiod ${next.start}–${next.end}`);
    a.period = { start: next.start, end: next.end, preliminary: next.preliminary };
    a.renewal = undefined;
    ctx.refresh();
    return;
  }
  ctx.end(`avtalsperioden slutade ${a.period.end}${a.renewal ? '' : ' utan beslut om förnyelse'}`);
}
