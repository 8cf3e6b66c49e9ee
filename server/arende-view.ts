import { milestoneChain, MILESTONE_LABELS, type Milestone } from '../domain/planner';
import type { ArendeState } from '../workflows/messages';
import { formatKronor } from '../domain/money';
import type { ArendeView } from './agreement-owner';
import { actionForms, type ActionFormState } from './action-forms';
import type { Principal } from './auth/principal';
import { DOCUMENT_TYPE_LABELS, formatInstant, stageLabel } from './format';

/** The view model of the ärende page: facts, the process as a timeline, deadlines, actions, documents, history. */
export function arendePageModel(
  state: ArendeState,
  principal: Principal,
  kommunName: (k: string) => string | undefined,
  opts: { failed?: ActionFormState; done?: string } = {},
) {
  return {
    title: state.title,
    arende: state,
    facts: [
      ['Diarienummer', state.diarienummer ?? '(tilldelas)'],
      ['Kommun', kommunName(state.kommunkod) ?? state.kommunkod],
      ['Nämnd', `${state.namnd.namn} (${state.namnd.kod})`],
      ['Skede', stageLabel(state.stage)],
      ['Handläggare', [state.caseOfficer?.name, state.caseOfficer?.title].filter(Boolean).join(', ')],
      ['Kommunfullmäktige beslutar', state.kfRequired ? 'Ja' : 'Nej'],
      ['Registrerat', formatInstant(state.registeredAt)],
      ...(state.lagaKraft ? [['Laga kraft', state.lagaKraft]] : []),
      ...(state.start ? [['Start', state.start]] : []),
      ...(state.endReason ? [['Avslutat', state.endReason]] : []),
      ...agreementFacts(state),
    ].map(([term, value]) => ({ term, value })),
    timeline: timeline(state),
    planNote: state.plan && !state.plan.reachable && state.plan.reason ? state.plan.reason : undefined,
    deadlines: (state.deadlines ?? []).map((d) => ({ ...d })),
    actions: actionForms(state, principal, opts.failed),
    documents: documentRows(state),
    history: [...(state.history ?? [])].reverse().map((h) => ({ ...h, when: formatInstant(h.at) })),
    done: opts.done,
  };
}

function timeline(state: ArendeState) {
  const chain = milestoneChain(state.kfRequired);
  const planned = new Map<string, Milestone>((state.plan?.milestones ?? []).map((m) => [m.step, m]));
  const first = state.plan?.milestones?.[0]?.step;
  const firstIndex = first ? chain.indexOf(first) : state.stage === 'aktiv' ? chain.length : -1;
  return chain.map((id, i) => {
    const m = planned.get(id);
    const status = firstIndex < 0 ? 'unknown' : i < firstIndex ? 'done' : i === firstIndex ? 'current' : 'planned';
    return {
      label: MILESTONE_LABELS[id],
      status,
      statusLabel: { done: 'Klart', current: 'Pågår', planned: 'Planerat', unknown: '' }[status],
      isDone: status === 'done',
      isCurrent: status === 'current',
      earliest: m?.earliest,
      latest: m?.latest,
      late: m?.late === true,
      fixed: m?.fixed === true,
      organName: m?.organName,
      documentDeadline: m?.documentDeadline,
    };
  });
}

function documentRows(state: ArendeState) {
  return [...(state.documents ?? [])]
    .sort((a, b) => a.type.localeCompare(b.type) || b.version - a.version)
    .map((d) => ({
      ...d,
      typeLabel: DOCUMENT_TYPE_LABELS[d.type] ?? d.type,
      created: formatInstant(d.createdAt),
      href: `/arenden/${state.id}/dokument/${d.id}`,
      sizeKb: Math.max(1, Math.round(d.size / 1024)),
    }));
}

/** The agreement and the fees as their owner (SKR's anslutning) holds them, read from it (server/agreement-owner.ts). */
function agreementFacts(state: ArendeView): string[][] {
  const holder = state.agreementHolder;
  if (!holder) return state.agreementOwner ? [['Avtal', 'Överlämnat till SKR:s anslutning (läses in)']] : [];
  const a = holder.agreement;
  const signed = (s?: { name: string; title: string; at: string }) => (s ? `${s.name}, ${s.title}, ${s.at.slice(0, 10)}` : 'Inte ännu');
  const last = holder.feeStatements.at(-1);
  return [
    ['Avtalet hålls av', `SKR:s anslutning: ${holder.stageLabel}`],
    ...(a
      ? [
          ['Anslutningsavtal', `${a.number}, ${a.period.start}–${a.period.end}`],
          ['Undertecknat för kommunen', signed(a.signatures.kommun)],
          ['Undertecknat för SKR', signed(a.signatures.skr)],
        ]
      : []),
    ...(last ? [['Avgiftsunderlag', `${holder.feeStatements.length} st; ${last.year}: ${formatKronor(last.totalOre)}`]] : []),
  ];
}
