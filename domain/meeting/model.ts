import type { IsoDate } from '../iso-date';
import type { DecisionOutcome } from '../actions';

/**
 * The sammanträde as the nämndsekreterare's unit of work (DOMAIN.md §7): one meeting of one organ on one day, with
 * its time and place, its items in order, the attendance, the minutes of each item and the protokoll's justering and
 * anslag. Plain data: the meeting workflow (workflows/meeting/) holds it, the pure commands of ./commands.ts change it.
 */

/** The standard items of a kallelse and a protokoll (DOMAIN.md §7), in their usual order. */
export const STANDARD_ITEMS = {
  upprop: 'Upprop och närvaro',
  justerare: 'Val av justerare och tid för justering',
  dagordning: 'Godkännande av dagordningen',
  delegationsbeslut: 'Anmälan av delegationsbeslut',
  meddelanden: 'Meddelanden',
} as const;
export type StandardItem = keyof typeof STANDARD_ITEMS;
export const STANDARD_ITEM_KINDS = Object.keys(STANDARD_ITEMS) as StandardItem[];

/** Where a standard item goes by default: the first three open the meeting, the last two close it. */
export const OPENING_ITEMS: readonly StandardItem[] = ['upprop', 'justerare', 'dagordning'];

/**
 * The meeting's life: planerad (items may be reordered) → kallad (kallelse sent; a change makes a new version) →
 * pagar (opened: § numbers given) → protokoll (closed; the secretary completes the protokoll) → justering (sent to
 * the ordförande and the justerare; a rejection sends it back to protokoll) → justerat (never changed again) →
 * anslaget (the notice is on the anslagstavla) → nedtaget (the appeal period has ended and the notice is down).
 */
export const MEETING_STATUSES = ['planerad', 'kallad', 'pagar', 'protokoll', 'justering', 'justerat', 'anslaget', 'nedtaget'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  planerad: 'Planerat',
  kallad: 'Kallelse skickad',
  pagar: 'Pågår',
  protokoll: 'Protokoll skrivs',
  justering: 'Protokollet justeras',
  justerat: 'Protokollet justerat',
  anslaget: 'Anslaget på anslagstavlan',
  nedtaget: 'Anslaget nedtaget',
};

export type ItemKind = 'arende' | 'business' | 'standard';

export type Vote = 'ja' | 'nej' | 'avstar';

export interface Votering {
  /** what ja and nej mean, e.g. "Ja för ordförandens förslag, nej för Anna Anderssons yrkande" */
  question: string;
  ja: string;
  nej: string;
  votes: Array<{ member: string; vote: Vote }>;
  /** Counted from the votes (./votes.ts). */
  result: { ja: number; nej: number; avstar: number; winner: 'ja' | 'nej' | 'lika' };
  /** On equal votes the ordförande's utslagsröst decides (KL 5 kap. 57 §; for nämnder 6 kap. 33 §). */
  casting?: 'ja' | 'nej';
}

/** The minutes of one item (KL 5 kap. 67–69 §§). */
export interface ItemMinutes {
  /** Members who declared (or were found to have) jäv and took no part in the item. */
  jav: string[];
  /** Who proposed what. */
  yrkanden: Array<{ who: string; text: string }>;
  propositionsordning?: string;
  outcome?: DecisionOutcome;
  /** The beslut as decided. */
  decision: string[];
  /** Required with återremiss: why. */
  reason?: string;
  votering?: Votering;
  reservations: Array<{ who: string; text?: string }>;
  anteckningar: Array<{ who: string; text: string }>;
  immediateJustering: boolean;
  recordedAt: string;
  recordedBy: string;
}

export interface MeetingItem {
  /** Chosen by the workflow (uuid4); also the stem of the request ids sent to an adoption ärende. */
  id: string;
  kind: ItemKind;
  title: string;
  diarienummer?: string;
  /** föredragande */
  rapporteur?: string;
  /** kind arende: the adoption ärende's workflow id */
  arendeId?: string;
  /** kind standard */
  standard?: StandardItem;
  /** förslag till beslut, printed in the kallelse */
  proposals: string[];
  paragraph?: number;
  minutes?: ItemMinutes;
  /** What the adoption ärende answered when it received this item's decision, justering and anslag. */
  fed?: { decision?: string; justering?: string; anslag?: string; problems?: string[] };
}

export interface Person {
  name: string;
  party?: string;
}

export interface Attendance {
  /** närvarande ledamöter */
  present: Person[];
  /** tjänstgörande ersättare and whom they serve for */
  serving: Array<Person & { replaces: string }>;
  /** frånvarande ledamöter */
  absent: Person[];
  /** not voting: ersättare who attend without serving, officials */
  others: Person[];
}

export type SignerRole = 'ordforande' | 'justerare';

export interface Signer {
  role: SignerRole;
  name: string;
  /** The signed-in user who may justera (config/users.json id). */
  userId: string;
}

export interface Justering {
  signers: Signer[];
  /** "tid för justering", chosen at the meeting */
  plannedDate?: IsoDate;
  /** Who has justerat in this round, and when. */
  signatures: Array<{ userId: string; name: string; role: SignerRole; at: string; date: IsoDate }>;
  rejections: Array<{ userId: string; name: string; role: SignerRole; comment: string; at: string; round: number }>;
  round: number;
  /** Set when every signer has justerat: the day of the last signature. */
  date?: IsoDate;
}

export interface KallelseVersion {
  version: number;
  sentAt: string;
  sentBy: string;
  /** The item ids in the order sent (a later change makes a new version). */
  items: string[];
  /** Set when the items have changed since this version was sent. */
  outdated?: boolean;
  documentIds: string[];
}

export interface MeetingNotice {
  noticeId: string;
  upDate: IsoDate;
  downDate: IsoDate;
  lastAppealDay: IsoDate;
  protocolKeptAt: string;
  publishedAt: string;
  publishedBy: string;
  late?: boolean;
  takenDownAt?: string;
}

export interface MeetingLogEntry {
  at: string;
  actor: string;
  action: string;
  text: string;
  requestId?: string;
}

export interface MeetingState {
  id: string;
  kommunkod: string;
  /** The organ's code (its diarieserie: SN, KS, KF …). */
  organ: string;
  organName: string;
  date: IsoDate;
  time: string;
  place: string;
  status: MeetingStatus;
  items: MeetingItem[];
  attendance?: Attendance;
  justering: Justering;
  kallelser: KallelseVersion[];
  /** The protokoll PDF of each justering round (the justerat one is the last). */
  protokoll: Array<{ round: number; documentId: string; unsigned: boolean; at: string }>;
  /** Protokollsutdrag by item id. */
  utdrag: Record<string, string>;
  notice?: MeetingNotice;
  /** The PDF/A-2b archive copies of the final documents, by document id (sha256). */
  archived?: Record<string, string>;
  secretary?: string;
  createdAt: string;
  createdBy: string;
  log: MeetingLogEntry[];
}

export function meetingWorkflowId(kommunkod: string, organ: string, date: IsoDate): string {
  return `sammantrade-${kommunkod}-${organ}-${date}`;
}

export function isKf(organ: string): boolean {
  return organ === 'KF';
}
