// Longer than 300 lines on purpose: every step of a meeting as one pure state machine (KL 5 kap.), tested as a whole.
import { compareIsoDates, type IsoDate } from '../iso-date';
import { anslagDeadline, noticePeriod } from './deadlines';
import { OPENING_ITEMS, STANDARD_ITEMS, type MeetingItem, type MeetingState, type MeetingStatus, type StandardItem } from './model';
import { MEETING_ACTION_LABELS, type MeetingAction, type MeetingPayload } from './schemas';
import { tally, voteProblems, voters } from './votes';
import { MEETING_STATUS_LABELS } from './model';

/**
 * The meeting's steps as pure functions: state, payload and the moment in; the state changed in place, a Swedish
 * message and the effects the workflow must carry out (documents, § numbers, messages to adoption ärenden) out. A step
 * that is not allowed throws a MeetingRefusal and changes nothing (the workflow's validator runs it on a copy first).
 */

/** The codes of the one vocabulary (workflows/engine/failures.ts ERROR_CODES), and FORBIDDEN: not a signer of this meeting. */
export type MeetingRefusalCode = 'ACTION_NOT_ALLOWED_IN_STAGE' | 'VALIDATION_FAILED' | 'PRECONDITION_FAILED' | 'FORBIDDEN';

export class MeetingRefusal extends Error {
  constructor(
    readonly code: MeetingRefusalCode,
    message: string,
    readonly fields: Array<{ field: string; rule: string; message: string }> = [],
  ) {
    super(message);
  }
}

export type Effect =
  | { kind: 'allocateParagraphs'; itemIds: string[] }
  | { kind: 'renderKallelse'; version: number }
  | { kind: 'feedDecision'; itemId: string }
  | { kind: 'renderProtokoll'; round: number }
  | { kind: 'justerat' }
  | { kind: 'publish' };

export interface StepContext {
  today: IsoDate;
  now: string;
  /** "Name (role)" */
  actor: string;
  /** A fresh id (uuid4 in the workflow; a placeholder when the validator tries the step on a copy). */
  newId(): string;
}

export interface StepResult {
  message: string;
  effects: Effect[];
}

const ALLOWED: Record<MeetingAction, readonly MeetingStatus[]> = {
  setTimePlace: ['planerad', 'kallad'],
  addArende: ['planerad', 'kallad'],
  addItem: ['planerad', 'kallad'],
  addStandardItem: ['planerad', 'kallad'],
  removeItem: ['planerad', 'kallad'],
  reorderItems: ['planerad'],
  sendKallelse: ['planerad', 'kallad'],
  openMeeting: ['kallad'],
  setAttendance: ['pagar', 'protokoll'],
  setSigners: ['pagar', 'protokoll'],
  recordItem: ['pagar', 'protokoll'],
  closeMeeting: ['pagar'],
  sendForJustering: ['protokoll'],
  justera: ['justering'],
  rejectJustering: ['justering'],
  publishAnslag: ['justerat'],
};

export function allowedMeetingActions(status: MeetingStatus): MeetingAction[] {
  return (Object.keys(ALLOWED) as MeetingAction[]).filter((a) => ALLOWED[a].includes(status));
}

function field(name: string, rule: string, message: string): MeetingRefusal {
  return new MeetingRefusal('VALIDATION_FAILED', `Fel i ${name}: ${message}`, [{ field: name, rule, message }]);
}

function itemOf(s: MeetingState, itemId: string): MeetingItem {
  const item = s.items.find((i) => i.id === itemId);
  if (!item) throw field('itemId', 'unknown_item', 'punkten finns inte på sammanträdet');
  return item;
}

/** Kallelsen is outdated when the items changed after it was sent (a new version must be sent). */
function itemsChanged(s: MeetingState): void {
  const last = s.kallelser.at(-1);
  if (last) last.outdated = true;
}

/** The meeting's items in the usual order: opening standard items, the rest, closing standard items. */
function insertAt(s: MeetingState, item: MeetingItem): void {
  if (item.kind === 'standard' && OPENING_ITEMS.includes(item.standard as StandardItem)) {
    const lastOpening = s.items.map((i) => i.kind === 'standard' && OPENING_ITEMS.includes(i.standard as StandardItem)).lastIndexOf(true);
    s.items.splice(lastOpening + 1, 0, item);
    return;
  }
  if (item.kind !== 'standard') {
    const firstClosing = s.items.findIndex((i) => i.kind === 'standard' && !OPENING_ITEMS.includes(i.standard as StandardItem));
    if (firstClosing >= 0) {
      s.items.splice(firstClosing, 0, item);
      return;
    }
  }
  s.items.push(item);
}

/** The five standard items of a new meeting (DOMAIN.md §7). */
export function standardItems(newId: () => string): MeetingItem[] {
  return (Object.keys(STANDARD_ITEMS) as StandardItem[]).map((k) => ({ id: newId(), kind: 'standard', standard: k, title: STANDARD_ITEMS[k], proposals: [] }));
}

type Steps = { [A in MeetingAction]: (s: MeetingState, p: MeetingPayload[A], c: StepContext) => StepResult };

const STEPS: Steps = {
  setTimePlace: (s, p) => {
    s.time = p.time.replace('.', ':');
    s.place = p.place;
    itemsChanged(s);
    return { message: `Tid och plats: ${s.time}, ${s.place}`, effects: [] };
  },
  addArende: (s, p, c) => {
    if (s.items.some((i) => i.arendeId === p.arendeId)) throw new MeetingRefusal('PRECONDITION_FAILED', 'Ärendet finns redan på sammanträdet.');
    const item: MeetingItem = {
      id: c.newId(),
      kind: 'arende',
      arendeId: p.arendeId,
      title: p.title,
      ...(p.diarienummer ? { diarienummer: p.diarienummer } : {}),
      ...(p.rapporteur ? { rapporteur: p.rapporteur } : {}),
      proposals: p.proposals,
    };
    insertAt(s, item);
    itemsChanged(s);
    // The ärende itself was booked on this meeting before this step (workflows/meeting/stages/planerad.ts).
    return { message: `Ärendet ${p.diarienummer ?? ''} ${p.title} lagt på sammanträdet`.replace(/\s+/g, ' '), effects: [] };
  },
  addItem: (s, p, c) => {
    const item: MeetingItem = {
      id: c.newId(),
      kind: 'business',
      title: p.title,
      ...(p.diarienummer ? { diarienummer: p.diarienummer } : {}),
      ...(p.rapporteur ? { rapporteur: p.rapporteur } : {}),
      proposals: p.proposals,
    };
    insertAt(s, item);
    itemsChanged(s);
    return { message: `Punkten "${p.title}" lagd på sammanträdet`, effects: [] };
  },
  addStandardItem: (s, p, c) => {
    const standard = p.standard as StandardItem;
    if (s.items.some((i) => i.standard === standard)) throw new MeetingRefusal('PRECONDITION_FAILED', `Punkten "${STANDARD_ITEMS[standard]}" finns redan.`);
    insertAt(s, { id: c.newId(), kind: 'standard', standard, title: STANDARD_ITEMS[standard], proposals: [] });
    itemsChanged(s);
    return { message: `Punkten "${STANDARD_ITEMS[standard]}" lagd på sammanträdet`, effects: [] };
  },
  removeItem: (s, p) => {
    const item = itemOf(s, p.itemId);
    s.items = s.items.filter((i) => i.id !== item.id);
    itemsChanged(s);
    return {
      message: `Punkten "${item.title}" borttagen${item.kind === 'arende' ? ' (ärendet står kvar på sitt sammanträde i ärendet tills det placeras om)' : ''}`,
      effects: [],
    };
  },
  reorderItems: (s, p) => {
    const ids = new Set(s.items.map((i) => i.id));
    if (p.order.length !== ids.size || new Set(p.order).size !== p.order.length || p.order.some((id) => !ids.has(id)))
      throw field('order', 'not_a_permutation', 'ordningen måste innehålla varje punkt på sammanträdet exakt en gång');
    s.items = p.order.map((id) => s.items.find((i) => i.id === id) as MeetingItem);
    return { message: 'Punkternas ordning ändrad', effects: [] };
  },
  sendKallelse: (s, p, c) => {
    const last = s.kallelser.at(-1);
    if (last && !last.outdated)
      throw new MeetingRefusal('PRECONDITION_FAILED', `Kallelsen (version ${last.version}) är redan skickad och ingenting har ändrats sedan dess.`);
    if (!s.items.some((i) => i.kind !== 'standard')) throw new MeetingRefusal('PRECONDITION_FAILED', 'Sammanträdet har inga ärenden att kalla till.');
    const version = (last?.version ?? 0) + 1;
    s.kallelser.push({ version, sentAt: c.now, sentBy: c.actor, items: s.items.map((i) => i.id), documentIds: [] });
    s.status = 'kallad';
    return {
      message: `Kallelse och föredragningslista skickade (version ${version}${version > 1 ? ', ändrad' : ''})${p.comment ? `: ${p.comment}` : ''}`,
      effects: [{ kind: 'renderKallelse', version }],
    };
  },
  openMeeting: (s, _p, c) => {
    if (compareIsoDates(c.today, s.date) < 0)
      throw new MeetingRefusal('PRECONDITION_FAILED', `Sammanträdet är ${s.date}; det kan öppnas från och med den dagen.`);
    s.status = 'pagar';
    return { message: 'Sammanträdet öppnat; paragraferna numreras', effects: [{ kind: 'allocateParagraphs', itemIds: s.items.map((i) => i.id) }] };
  },
  setAttendance: (s, p) => {
    s.attendance = { present: p.present, serving: p.serving, absent: p.absent, others: p.others };
    return { message: `Närvaro: ${p.present.length} ledamöter, ${p.serving.length} tjänstgörande ersättare, ${p.absent.length} frånvarande`, effects: [] };
  },
  setSigners: (s, p) => {
    const ids = [p.ordforande.userId, ...p.justerare.map((j) => j.userId)];
    if (new Set(ids).size !== ids.length) throw field('justerare', 'same_person', 'ordföranden och justerarna måste vara olika personer');
    if (p.plannedDate && compareIsoDates(p.plannedDate, s.date) < 0) throw field('plannedDate', 'too_early', 'justeringen kan inte ske före sammanträdet');
    s.justering.signers = [{ role: 'ordforande', ...p.ordforande }, ...p.justerare.map((j) => ({ role: 'justerare' as const, ...j }))];
    if (p.plannedDate) s.justering.plannedDate = p.plannedDate;
    return {
      message: `Ordförande ${p.ordforande.name}; justerare ${p.justerare.map((j) => j.name).join(' och ')}${p.plannedDate ? `; justering ${p.plannedDate}` : ''}`,
      effects: [],
    };
  },
  recordItem: (s, p, c) => {
    const item = itemOf(s, p.itemId);
    if (item.kind === 'arende' && !p.outcome) throw field('outcome', 'required', 'ange beslutet i ärendet (bifall, avslag, återremiss eller bordläggning)');
    if (item.kind === 'arende' && item.fed?.decision)
      throw new MeetingRefusal(
        'PRECONDITION_FAILED',
        `Beslutet i ärendet (§ ${item.paragraph}) är redan registrerat i ärendet och kan inte ändras här; en rättelse är en ny handläggning.`,
      );
    if (item.kind !== 'standard' && p.decision.length === 0 && !p.outcome) throw field('decision', 'required', 'ange beslutet');
    let votering;
    if (p.votering) {
      const problems = voteProblems(p.votering.votes, voters(s.attendance, p.jav));
      if (!s.attendance) throw new MeetingRefusal('PRECONDITION_FAILED', 'Registrera närvaron innan en omröstning protokollförs.');
      if (problems.length > 0)
        throw new MeetingRefusal(
          'VALIDATION_FAILED',
          `Fel i omröstningen: ${problems.map((x) => x.message).join('; ')}`,
          problems.map((x) => ({ ...x, rule: 'invalid' })),
        );
      votering = { ...p.votering, result: tally(p.votering.votes, p.votering.casting) };
    }
    item.minutes = {
      jav: p.jav,
      yrkanden: p.yrkanden,
      ...(p.propositionsordning ? { propositionsordning: p.propositionsordning } : {}),
      ...(p.outcome ? { outcome: p.outcome } : {}),
      decision: p.decision,
      ...(p.reason ? { reason: p.reason } : {}),
      ...(votering ? { votering } : {}),
      reservations: p.reservations,
      anteckningar: p.anteckningar,
      immediateJustering: p.immediateJustering,
      recordedAt: c.now,
      recordedBy: c.actor,
    };
    const effects: Effect[] = item.kind === 'arende' ? [{ kind: 'feedDecision', itemId: item.id }] : [];
    return { message: `§ ${item.paragraph ?? '–'} ${item.title} protokollförd`, effects };
  },
  closeMeeting: (s) => {
    const open = s.items.filter((i) => i.kind !== 'standard' && !i.minutes);
    if (open.length > 0)
      throw new MeetingRefusal('PRECONDITION_FAILED', `Beslut saknas för ${open.map((i) => `§ ${i.paragraph ?? '–'} ${i.title}`).join(', ')}.`);
    s.status = 'protokoll';
    return { message: 'Sammanträdet avslutat; protokollet skrivs', effects: [] };
  },
  sendForJustering: (s) => {
    if (!s.attendance) throw new MeetingRefusal('PRECONDITION_FAILED', 'Närvaron är inte registrerad.');
    if (s.justering.signers.length < 2) throw new MeetingRefusal('PRECONDITION_FAILED', 'Ordförande och justerare är inte valda.');
    s.status = 'justering';
    s.justering.round += 1;
    s.justering.signatures = [];
    return {
      message: `Protokollet skickat för justering till ${s.justering.signers.map((x) => x.name).join(', ')}`,
      effects: [{ kind: 'renderProtokoll', round: s.justering.round }],
    };
  },
  justera: (s, p, c) => {
    const signer = s.justering.signers.find((x) => x.userId === p.userId);
    if (!signer) throw new MeetingRefusal('FORBIDDEN', 'Du är inte ordförande eller justerare för det här sammanträdet.');
    if (s.justering.signatures.some((x) => x.userId === p.userId))
      throw new MeetingRefusal('PRECONDITION_FAILED', `${signer.name} har redan justerat protokollet.`);
    s.justering.signatures.push({ userId: p.userId, name: signer.name, role: signer.role, at: c.now, date: c.today });
    const missing = s.justering.signers.filter((x) => !s.justering.signatures.some((y) => y.userId === x.userId));
    if (missing.length > 0) return { message: `${signer.name} har justerat protokollet; väntar på ${missing.map((x) => x.name).join(', ')}`, effects: [] };
    s.justering.date = c.today;
    s.status = 'justerat';
    return { message: `Protokollet justerat ${c.today} av ${s.justering.signatures.map((x) => x.name).join(', ')}`, effects: [{ kind: 'justerat' }] };
  },
  rejectJustering: (s, p, c) => {
    const signer = s.justering.signers.find((x) => x.userId === p.userId);
    if (!signer) throw new MeetingRefusal('FORBIDDEN', 'Du är inte ordförande eller justerare för det här sammanträdet.');
    s.justering.rejections.push({ userId: p.userId, name: signer.name, role: signer.role, comment: p.comment, at: c.now, round: s.justering.round });
    s.justering.signatures = [];
    s.status = 'protokoll';
    return { message: `${signer.name} avvisade protokollet: ${p.comment}`, effects: [] };
  },
  publishAnslag: (s, p, c) => {
    if (compareIsoDates(p.date, c.today) < 0)
      throw field('date', 'backdated', `anslaget kan inte sättas upp bakåt i tiden (${p.date}); i dag är det ${c.today}`);
    const justerad = s.justering.date as IsoDate;
    const latest = anslagDeadline(justerad);
    const late = compareIsoDates(p.date, latest) > 0;
    const period = noticePeriod(p.date);
    s.notice = {
      noticeId: `${s.id}-${s.justering.round}`,
      ...period,
      protocolKeptAt: p.protocolKeptAt,
      publishedAt: c.now,
      publishedBy: c.actor,
      ...(late ? { late } : {}),
    };
    s.status = 'anslaget';
    const lateText = late ? ` (senare än andra dagen efter justeringen, ${latest}, KL 8 kap. 12 §)` : '';
    return { message: `Anslag ${p.date}–${period.downDate}${lateText}; sista dag för överklagande ${period.lastAppealDay}`, effects: [{ kind: 'publish' }] };
  },
};

/** Applies a step: checks the status, then the step's own rules; throws MeetingRefusal when refused. */
export function applyStep<A extends MeetingAction>(s: MeetingState, action: A, p: MeetingPayload[A], c: StepContext): StepResult {
  if (!ALLOWED[action].includes(s.status)) {
    const allowed =
      allowedMeetingActions(s.status)
        .map((a) => `"${MEETING_ACTION_LABELS[a]}"`)
        .join(', ') || 'inga';
    throw new MeetingRefusal(
      'ACTION_NOT_ALLOWED_IN_STAGE',
      `"${MEETING_ACTION_LABELS[action]}" går inte när sammanträdet har status "${MEETING_STATUS_LABELS[s.status]}". Tillåtet nu: ${allowed}.`,
    );
  }
  return (STEPS[action] as (s: MeetingState, p: MeetingPayload[A], c: StepContext) => StepResult)(s, p, c);
}

/** Gives § numbers (from the organ's running series) to the items in order. */
export function numberItems(s: MeetingState, numbers: Record<string, number>): void {
  for (const item of s.items) if (numbers[item.id] !== undefined) item.paragraph = numbers[item.id];
}

/** A new meeting: its standard items, nothing else yet. */
export function newMeeting(
  input: { id: string; kommunkod: string; organ: string; organName: string; date: IsoDate; time: string; place: string; createdBy: string; now: string },
  newId: () => string,
): MeetingState {
  return {
    id: input.id,
    kommunkod: input.kommunkod,
    organ: input.organ,
    organName: input.organName,
    date: input.date,
    time: input.time.replace('.', ':'),
    place: input.place,
    status: 'planerad',
    items: standardItems(newId),
    justering: { signers: [], signatures: [], rejections: [], round: 0 },
    kallelser: [],
    protokoll: [],
    utdrag: {},
    createdAt: input.now,
    createdBy: input.createdBy,
    log: [],
  };
}
