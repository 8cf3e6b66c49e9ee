/**
 * The messages of the meeting workflows: the sammanträde (`sammantrade-<kommunkod>-<organ>-<date>`), the § series of
 * an organ and year (`paragrafer-<kommunkod>-<organ>-<year>`) and the municipality's anslagstavla
 * (`anslagstavla-<kommunkod>`). server/ and activities/ import these definitions without the workflow code.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BoardLogEntry, BoardNotice } from '../../domain/meeting/anslagstavla';
import type { MeetingState } from '../../domain/meeting/model';
import { MEETING_ACTIONS, type MeetingAction, type MeetingInput } from '../../domain/meeting/schemas';

export { meetingWorkflowId } from '../../domain/meeting/model';

export interface MeetingWorkflowInput {
  kommunkod: string;
  organ: string;
  organName: string;
  date: string;
  time: string;
  place: string;
  createdBy: string;
  /** The municipality's name, printed in the documents. */
  kommunName?: string;
}

export interface MeetingActionResult {
  requestId: string;
  action: MeetingAction;
  status: MeetingState['status'];
  message: string;
  documentIds: string[];
  at: string;
}

export const meetingStateQuery = defineQuery<MeetingState>('meetingState');

/** One update per step, named `meeting.<step>`; the argument is the step's payload (domain/meeting/schemas.ts). */
export const MEETING_UPDATES = Object.fromEntries(MEETING_ACTIONS.map((a) => [a, defineUpdate<MeetingActionResult, [unknown]>(`meeting.${a}`)])) as {
  [A in MeetingAction]: UpdateDefinition<MeetingActionResult, [MeetingInput[A]]>;
};

// ------------------------------------------------------------------ the § series of an organ and year

export interface ParagraphSeriesInput {
  kommunkod: string;
  organ: string;
  year: number;
  next?: number;
  recent?: Array<[string, number]>;
}

/** Numbers for the keys (one per item, `<meetingId>/<itemId>`), in order; a key asked for again gets its number. */
export const allocateParagraphsUpdate = defineUpdate<number[], [{ keys: string[] }]>('allocateParagraphs');
export const paragraphSeriesQuery = defineQuery<{ next: number }>('paragraphSeries');

export function paragraphSeriesWorkflowId(kommunkod: string, organ: string, year: number): string {
  return `paragrafer-${kommunkod}-${organ}-${year}`;
}

// ------------------------------------------------------------------ the anslagstavla

export interface BoardInput {
  kommunkod: string;
  notices?: BoardNotice[];
  log?: BoardLogEntry[];
}

export interface BoardState {
  kommunkod: string;
  notices: BoardNotice[];
  log: BoardLogEntry[];
}

/** Puts a notice on the board (it goes up on its upDate and comes down on its downDate by itself); by id, once. */
export const postNoticeUpdate = defineUpdate<BoardNotice, [BoardNotice]>('postNotice');
export const boardQuery = defineQuery<BoardState>('anslagstavla');

export function boardWorkflowId(kommunkod: string): string {
  return `anslagstavla-${kommunkod}`;
}

// ------------------------------------------------------------------ the municipality's meetings

export interface MeetingIndexEntry {
  id: string;
  organ: string;
  organName: string;
  date: string;
}

/** The municipality's meetings, so that the list needs no visibility store: one index per municipality. */
export const registerMeetingUpdate = defineUpdate<MeetingIndexEntry[], [MeetingIndexEntry]>('registerMeeting');
export const meetingIndexQuery = defineQuery<MeetingIndexEntry[]>('meetingIndex');

export function meetingIndexWorkflowId(kommunkod: string): string {
  return `sammantraden-${kommunkod}`;
}
