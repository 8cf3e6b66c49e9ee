import type { MeetingAction } from '../../domain/meeting/schemas';

/**
 * The meeting page's forms → the payloads of domain/meeting/schemas.ts. Lists are one per line; a person is
 * "Namn (Parti)"; a yrkande, a vote, a reservation or a protokollsanteckning is "Namn: text". The schemas then say
 * what is wrong, in Swedish, naming the field.
 */

type Form = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const lines = (v: unknown): string[] =>
  str(v)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const opt = (v: unknown) => (str(v).trim() ? str(v).trim() : undefined);

function person(line: string): { name: string; party?: string } {
  const m = /^(.*?)\s*\(([^)]+)\)$/.exec(line);
  return m ? { name: m[1], party: m[2] } : { name: line };
}

function said(line: string): { who: string; text: string } {
  const i = line.indexOf(':');
  return i > 0 ? { who: line.slice(0, i).trim(), text: line.slice(i + 1).trim() } : { who: line, text: '' };
}

const VOTES: Record<string, string> = { ja: 'ja', nej: 'nej', avstar: 'avstar', avstår: 'avstar' };

export function formToMeetingPayload(action: MeetingAction, f: Form): Record<string, unknown> {
  const base = { requestId: str(f.requestId) };
  switch (action) {
    case 'addItem':
      return { ...base, title: str(f.title), diarienummer: opt(f.diarienummer), rapporteur: opt(f.rapporteur), proposals: lines(f.proposals) };
    case 'addArende':
      return { ...base, arendeId: str(f.arendeId).trim() };
    case 'addStandardItem':
      return { ...base, standard: str(f.standard) };
    case 'removeItem':
      return { ...base, itemId: str(f.itemId) };
    case 'reorderItems':
      return { ...base, order: str(f.order).split(',').filter(Boolean) };
    case 'setTimePlace':
      return { ...base, time: str(f.time), place: str(f.place) };
    case 'setAttendance':
      return {
        ...base,
        present: lines(f.present).map(person),
        serving: lines(f.serving).map((l) => {
          const [who, replaces = ''] = l.split(/\s+för\s+/);
          return { ...person(who.trim()), replaces: replaces.trim() };
        }),
        absent: lines(f.absent).map(person),
        others: lines(f.others).map(person),
      };
    case 'setSigners':
      return {
        ...base,
        ordforande: { name: str(f.ordforandeName), userId: str(f.ordforandeUser).trim() },
        justerare: [1, 2].flatMap((n) =>
          opt(f[`justerare${n}Name`]) ? [{ name: str(f[`justerare${n}Name`]), userId: str(f[`justerare${n}User`]).trim() }] : [],
        ),
        plannedDate: opt(f.plannedDate),
      };
    case 'recordItem': {
      const votes = lines(f.votes)
        .map(said)
        .map((v) => ({ member: v.who, vote: VOTES[v.text.toLocaleLowerCase('sv')] ?? v.text }));
      return {
        ...base,
        itemId: str(f.itemId),
        outcome: opt(f.outcome),
        decision: lines(f.decision),
        reason: opt(f.reason),
        jav: lines(f.jav),
        yrkanden: lines(f.yrkanden).map(said),
        propositionsordning: opt(f.propositionsordning),
        ...(votes.length > 0 ? { votering: { question: str(f.voteQuestion), ja: str(f.voteJa), nej: str(f.voteNej), votes } } : {}),
        reservations: lines(f.reservations)
          .map(said)
          .map((r) => (r.text ? r : { who: r.who })),
        anteckningar: lines(f.anteckningar).map(said),
        immediateJustering: f.immediateJustering === 'on',
      };
    }
    case 'rejectJustering':
      return { ...base, comment: str(f.comment) };
    case 'publishAnslag':
      return { ...base, date: str(f.date), protocolKeptAt: str(f.protocolKeptAt) };
    default:
      return { ...base, ...(opt(f.comment) ? { comment: opt(f.comment) } : {}) };
  }
}
