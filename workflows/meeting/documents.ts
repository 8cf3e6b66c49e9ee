import type { BoardNotice } from '../../domain/meeting/anslagstavla';
import { paragraphRange } from '../../domain/meeting/anslagstavla';
import { kallelseDeadline } from '../../domain/meeting/deadlines';
import type { ItemMinutes, MeetingItem, MeetingState, Vote, Votering } from '../../domain/meeting/model';
import { voteResultText } from '../../domain/meeting/votes';
import { actorFromName } from '../../domain/actions';
import { addDays, stockholmDate } from '../../domain/iso-date';
import type { MeetingWorkflowInput } from './messages';

/** The data of the meeting's documents (documents/types/: kallelse, protokoll, protokollsutdrag) and notices. */

const OUTCOME_LABELS = { bifall: 'Bifall', avslag: 'Avslag', aterremiss: 'Återremiss', bordlaggning: 'Bordläggning' } as const;
const VOTE_LABELS: Record<Vote, string> = { ja: 'Ja', nej: 'Nej', avstar: 'Avstår' };

/** The beslut as printed: the text recorded, else the outcome's usual wording. */
export function decisionLines(s: MeetingState, item: MeetingItem): string[] {
  const m = item.minutes;
  if (!m) return [];
  if (m.decision.length > 0) return m.decision;
  switch (m.outcome) {
    case 'bifall':
      return item.proposals.length > 0 ? item.proposals : [`${s.organName} bifaller förslaget.`];
    case 'avslag':
      return [`${s.organName} avslår förslaget.`];
    case 'aterremiss':
      return [`Ärendet återremitteras.${m.reason ? ` Motiv: ${m.reason}` : ''}`];
    case 'bordlaggning':
      return ['Ärendet bordläggs.'];
    default:
      return [];
  }
}

export function kallelseData(s: MeetingState, version: number, input: MeetingWorkflowInput) {
  const deadline = kallelseDeadline(s.organ, s.date);
  return {
    organ: s.organName,
    meetingDate: s.date,
    time: s.time,
    place: s.place,
    version,
    changed: version > 1,
    ...(deadline ? { kallelseDeadline: deadline } : {}),
    secretary: input.createdBy,
    items: s.items.map((i, k) => ({
      number: k + 1,
      title: i.title,
      ...(i.diarienummer ? { diarienummer: i.diarienummer } : {}),
      ...(i.rapporteur ? { rapporteur: i.rapporteur } : {}),
      proposals: i.proposals,
    })),
  };
}

export function protokollData(s: MeetingState, input: MeetingWorkflowInput) {
  const a = s.attendance ?? { present: [], serving: [], absent: [], others: [] };
  const who = (p: { name: string; party?: string }) => (p.party ? `${p.name} (${p.party})` : p.name);
  const justerat = s.status === 'justerat' || s.status === 'anslaget' || s.status === 'nedtaget';
  return {
    organ: s.organName,
    meetingDate: s.date,
    time: s.time,
    place: s.place,
    paragraphs: paragraphRange(s.items.flatMap((i) => (i.paragraph !== undefined ? [i.paragraph] : []))) ?? '',
    present: a.present.map(who),
    serving: a.serving.map((x) => `${who(x)} för ${x.replaces}`),
    absent: a.absent.map(who),
    others: a.others.map(who),
    secretary: input.createdBy,
    items: s.items.map((i) => {
      const m = i.minutes;
      return {
        paragraph: i.paragraph ?? 0,
        title: i.title,
        ...(i.diarienummer ? { diarienummer: i.diarienummer } : {}),
        ...(i.rapporteur ? { rapporteur: i.rapporteur } : {}),
        jav: m?.jav ?? [],
        yrkanden: m?.yrkanden ?? [],
        ...(m?.propositionsordning ? { propositionsordning: m.propositionsordning } : {}),
        ...(m?.outcome ? { outcome: OUTCOME_LABELS[m.outcome] } : {}),
        decision: decisionLines(s, i),
        ...(m?.votering
          ? {
              votering: {
                question: m.votering.question,
                ja: m.votering.ja,
                nej: m.votering.nej,
                votes: m.votering.votes.map((v) => ({ member: v.member, vote: VOTE_LABELS[v.vote] })),
                result: voteResultText(m.votering),
              },
            }
          : {}),
        reservations: m?.reservations ?? [],
        anteckningar: m?.anteckningar ?? [],
        immediate: m?.immediateJustering ?? false,
      };
    }),
    justering: {
      justerat,
      ...(justerat && s.justering.date ? { date: s.justering.date } : {}),
      signers: s.justering.signers.map((x) => {
        const sig = s.justering.signatures.find((y) => y.userId === x.userId);
        return { name: x.name, role: x.role === 'ordforande' ? 'Ordförande' : 'Justerare', ...(justerat && sig ? { date: sig.date } : {}) };
      }),
    },
  };
}

/** How an item was decided (beslutsgång): the yrkanden, the propositionsordning and the vote, as `vote` writes it. */
export function decisionProcess(m: ItemMinutes, vote: (v: Votering) => string): string[] {
  return [
    ...m.yrkanden.map((y) => `${y.who} yrkar: ${y.text}`),
    ...(m.propositionsordning ? [`Propositionsordning: ${m.propositionsordning}`] : []),
    ...(m.votering ? [`Omröstning: ${vote(m.votering)}`] : []),
  ];
}

/** Who justerar the protokoll: the ordförande and the justerare. */
export function justeringSigners(s: MeetingState): { chair: string; adjusters: string[] } {
  return {
    chair: s.justering.signers.find((x) => x.role === 'ordforande')?.name ?? '',
    adjusters: s.justering.signers.filter((x) => x.role === 'justerare').map((x) => x.name),
  };
}

/** The protokollsutdrag of one § from the justerat protokoll ("Justerat" with date and signers, "Utdrag bestyrkes"). */
export function utdragData(s: MeetingState, item: MeetingItem, ctx: { actor: string; input: MeetingWorkflowInput }) {
  const decision = decisionLines(s, item);
  if (item.paragraph === undefined || decision.length === 0 || !s.justering.date) return undefined;
  const m = item.minutes;
  const process = m ? decisionProcess(m, voteResultText) : [];
  return {
    organ: s.organName,
    meetingDate: s.date,
    paragraph: item.paragraph,
    diarienummer: item.diarienummer ?? `${s.organ} ${s.date} § ${item.paragraph}`,
    title: item.title,
    decision,
    ...(process.length > 0 ? { decisionProcess: process } : {}),
    reservations: m?.reservations ?? [],
    justering: {
      date: m?.immediateJustering ? s.date : s.justering.date,
      ...justeringSigners(s),
      immediate: m?.immediateJustering ?? false,
    },
    certifiedBy: { name: actorFromName(ctx.actor).name, title: 'Nämndsekreterare' },
    sentTo: [],
  };
}

export function protokollNotice(s: MeetingState): BoardNotice {
  const n = s.notice as NonNullable<MeetingState['notice']>;
  return {
    id: n.noticeId,
    kind: 'protokoll',
    meetingId: s.id,
    organ: s.organ,
    organName: s.organName,
    meetingDate: s.date,
    justeringDate: s.justering.date,
    paragraphs: paragraphRange(s.items.flatMap((i) => (i.paragraph !== undefined ? [i.paragraph] : []))),
    protocolKeptAt: n.protocolKeptAt,
    lastAppealDay: n.lastAppealDay,
    upDate: n.upDate,
    downDate: n.downDate,
  };
}

/** KF's kungörelse (KL 5 kap. 12 §): up from today until the day after the meeting. */
export function kungorelseNotice(s: MeetingState, version: number): BoardNotice {
  const sentAt = s.kallelser.at(-1)?.sentAt;
  const sent = sentAt ? stockholmDate(new Date(sentAt)) : s.date;
  const up = sent < s.date ? sent : s.date;
  return {
    id: `${s.id}-kungorelse-${version}`,
    kind: 'kungorelse',
    meetingId: s.id,
    organ: s.organ,
    organName: s.organName,
    meetingDate: s.date,
    time: s.time,
    place: s.place,
    items: s.items.filter((i) => i.kind !== 'standard').map((i) => (i.diarienummer ? `${i.title} (${i.diarienummer})` : i.title)),
    upDate: up,
    downDate: addDays(s.date, 1),
  };
}
