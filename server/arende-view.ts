import { stockholmDate } from '../domain/iso-date';
import { milestoneChain, MILESTONE_LABELS, type Milestone } from '../domain/planner';
import type { ArendeState } from '../domain/arende-state';
import { formatKronor } from '../domain/money';
import type { ArendeView } from './agreement-owner';
import { actionForms, type ActionFormState } from './action-forms';
import type { Principal } from './auth/principal';
import { DOCUMENT_STATUS_LABELS } from '../domain/document-identity';
import { registerRows } from '../workflows/document-register';
import { DOCUMENT_TYPE_LABELS, documentStepLabel, formatInstant, stageLabel } from './format';

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
    /** The FGS 2.0 e-archive package, once the ärende is closed (server/earkiv.ts). */
    earkivHref: state.stage === 'avslutad' ? `/arenden/${state.id}/earkiv` : undefined,
    history: [...(state.history ?? [])].reverse().map((h) => ({ ...h, when: formatInstant(h.at) })),
    done: opts.done,
  };
}

/**
 * The appeal period and laga kraft are not steps in a line: the appeal period runs beside the agreement when the
 * municipality acts before laga kraft, and an appeal keeps it open. They are "Klart" only when they are: the period
 * when its last day has passed, laga kraft when the decision has it (issue 10 point 4).
 */
export function legalStatus(state: ArendeState, id: string, today: string): 'done' | 'current' | 'planned' | undefined {
  const a = state.appeal;
  if (id === 'laga_kraft') {
    if (state.lagaKraft) return 'done';
    return a && a.status !== 'quashed' ? (a.status === 'pending' || ended(a, today) ? 'current' : 'planned') : undefined;
  }
  // The deciding body's appeal period: the nämnd's when it decides alone (the KF phase has no separate step).
  if (id === 'namnd_overklagandetid_slut' && !state.kfRequired && state.organ === 'namnd' && a && a.status !== 'quashed' && !state.lagaKraft) {
    return ended(a, today) ? 'done' : 'current';
  }
  return undefined;
}

/** The appeal period has ended: as the workflow recorded it (its own clock), else by the date. */
function ended(a: NonNullable<ArendeState['appeal']>, today: string): boolean {
  if (a.rules === 2) return a.windowEnded === true || a.status === 'closed';
  return a.status === 'closed' || today > a.lastDay;
}

/** The process as a timeline: each milestone with its status (Klart, Pågår, Planerat) and planned dates. */
export function timeline(state: ArendeState, today = stockholmDate(new Date())) {
  const chain = milestoneChain(state.kfRequired);
  const planned = new Map<string, Milestone>((state.plan?.milestones ?? []).map((m) => [m.step, m]));
  const first = state.plan?.milestones?.[0]?.step;
  const firstIndex = first ? chain.indexOf(first) : state.stage === 'aktiv' ? chain.length : -1;
  return chain.map((id, i) => {
    const m = planned.get(id);
    const byOrder = firstIndex < 0 ? 'unknown' : i < firstIndex ? 'done' : i === firstIndex ? 'current' : 'planned';
    const status = byOrder === 'unknown' ? byOrder : (legalStatus(state, id, today) ?? byOrder);
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

/** One row per version, grouped by allmän handling; versions are numbered per handling; stages and status in Swedish. */
function documentRows(state: ArendeState) {
  return registerRows({ ...state, documents: state.documents ?? [] }).map(({ doc: d, version, status }) => ({
    ...d,
    version,
    typeLabel: DOCUMENT_TYPE_LABELS[d.type] ?? d.type,
    stepLabel: documentStepLabel(d.step),
    statusLabel: DOCUMENT_STATUS_LABELS[status],
    isDraft: status === 'utkast',
    created: formatInstant(d.createdAt),
    href: `/arenden/${state.id}/dokument/${d.id}`,
    sizeKb: Math.max(1, Math.round(d.size / 1024)),
    // The PDF/A-2b archive copy, once the process has made it (final versions only).
    archiveHref: d.archived ? `/arenden/${state.id}/dokument/${d.id}/arkivexemplar` : undefined,
    archiveSizeKb: d.archived ? Math.max(1, Math.round(d.archived.size / 1024)) : undefined,
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
