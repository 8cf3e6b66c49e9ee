import type { IsoDate } from '../iso-date';

/**
 * The municipality's digital anslagstavla (kommunallagen (2017:725) 8 kap. 9–13 §§): one per municipality, public,
 * apart from the rest of the site. It shows notices that a protokoll has been justerat (organ, meeting date, day of
 * justering, the day it went up and the day it comes down, where the protokoll is kept, how to appeal and the last
 * day; 8 kap. 12 §) and kungörelser of KF's meetings (5 kap. 12 §). A notice stays up until the appeal period has
 * ended (8 kap. 12 § andra stycket). Every notice going up and coming down is written to a log in which each entry
 * holds the SHA-256 of the one before (a hash chain): an entry changed or removed afterwards breaks the chain, which is
 * the evidence if an appeal's timeliness is disputed.
 */

export type NoticeKind = 'protokoll' | 'kungorelse';

export interface BoardNotice {
  id: string;
  kind: NoticeKind;
  meetingId: string;
  organ: string;
  organName: string;
  meetingDate: IsoDate;
  /** kungörelse: time and place of the meeting and its ärenden */
  time?: string;
  place?: string;
  items?: string[];
  /** protokoll */
  justeringDate?: IsoDate;
  paragraphs?: string;
  protocolKeptAt?: string;
  lastAppealDay?: IsoDate;
  upDate: IsoDate;
  downDate: IsoDate;
  /** When it actually went up and came down (workflow time, ISO 8601). */
  wentUpAt?: string;
  cameDownAt?: string;
}

export type BoardEvent = 'upp' | 'ned';

export interface BoardLogEntry {
  seq: number;
  at: string;
  event: BoardEvent;
  noticeId: string;
  upDate: IsoDate;
  downDate: IsoDate;
  prevHash: string;
  hash: string;
}

/** The hash of the first entry's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/** How to appeal (KL 13 kap. 1–5 §§), printed with every notice of a justerat protokoll. */
export const HOW_TO_APPEAL =
  'Den som är medlem i kommunen kan överklaga beslutet genom laglighetsprövning hos förvaltningsrätten (kommunallagen 13 kap.). ' +
  'Överklagandet ska ha kommit in till förvaltningsrätten inom tre veckor från den dag då det tillkännagavs på anslagstavlan att protokollet justerats. ' +
  'Skriv vilket beslut du överklagar, varför du anser att det ska upphävas och skicka skrivelsen till förvaltningsrätten.';

/** The exact text an entry's hash is computed over: its fields in a fixed order, the previous hash included. */
export function logEntryText(e: Omit<BoardLogEntry, 'hash'>): string {
  return JSON.stringify([e.seq, e.at, e.event, e.noticeId, e.upDate, e.downDate, e.prevHash]);
}

/** Checks the chain with the given SHA-256 (hex) function; the first broken entry's seq when it is broken. */
export function verifyLog(entries: readonly BoardLogEntry[], sha256Hex: (text: string) => string): { ok: true } | { ok: false; brokenAt: number } {
  let prev = GENESIS_HASH;
  for (const [i, e] of entries.entries()) {
    if (e.seq !== i + 1 || e.prevHash !== prev || sha256Hex(logEntryText(e)) !== e.hash) return { ok: false, brokenAt: e.seq };
    prev = e.hash;
  }
  return { ok: true };
}

/**
 * Is the notice on the board? It is from the moment the board put it up until it took it down: the durable events
 * (the board's own timers on its first and last day), not a clock of whoever asks.
 */
export function isCurrent(n: BoardNotice): boolean {
  return !!n.wentUpAt && !n.cameDownAt;
}

/** The notices on the board, newest first. */
export function currentNotices(notices: readonly BoardNotice[]): BoardNotice[] {
  return notices.filter(isCurrent).sort((a, b) => b.upDate.localeCompare(a.upDate) || a.id.localeCompare(b.id));
}

/** "§§ 12–16" from the paragraph numbers of a protokoll. */
export function paragraphRange(numbers: readonly number[]): string | undefined {
  if (numbers.length === 0) return undefined;
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  return min === max ? `§ ${min}` : `§§ ${min}–${max}`;
}
