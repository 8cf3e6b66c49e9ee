import { createHash } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '../domain/actions';
import type { BoardNotice } from '../domain/meeting/anslagstavla';
import type { DocumentStore } from '../documents/store';
import { ACTION_UPDATES, stateQuery } from '../workflows/messages';
import { allocateParagraphsUpdate, boardWorkflowId, paragraphSeriesWorkflowId, postNoticeUpdate } from '../workflows/meeting/messages';

/**
 * The meeting's reach outside itself (workflows/meeting/effects.ts): adoption ärenden through their own updates, the
 * organ's § series, the anslagstavla, the hash of a log entry, and the signing seam.
 */

export type FeedAction = 'recordDecision' | 'recordJustering' | 'recordAnslag';
export type FeedResult = { ok: true; message: string } | { ok: false; code: string; message: string };

async function refusalOf(err: unknown): Promise<FeedResult> {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    return { ok: false, code: err.cause.type ?? 'REFUSED', message: err.cause.message };
  }
  if ((err as Error).name === 'WorkflowNotFoundError') return { ok: false, code: 'ARENDE_NOT_FOUND', message: 'ärendet finns inte' };
  throw err; // anything else is retried
}

async function startOnce(client: Client, workflowType: string, workflowId: string, taskQueue: string, args: unknown[]): Promise<void> {
  try {
    await client.workflow.start(workflowType, { workflowId, taskQueue, args, workflowIdConflictPolicy: 'USE_EXISTING' });
  } catch (err) {
    if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
  }
}

export function createMeetingActivities(deps: { client: Client; taskQueue: string; store: DocumentStore; signsPdfs?: boolean }) {
  const { client, taskQueue } = deps;
  const signsPdfs = deps.signsPdfs ?? false;
  return {
    /** The ärende's own placeOnMeeting, unless it is already on this meeting. */
    async placeArendeOnMeeting(input: {
      arendeId: string;
      meetingDate: string;
      time: string;
      place: string;
      rapporteur?: string;
      requestId: string;
      actor: Actor;
    }): Promise<FeedResult> {
      const handle = client.workflow.getHandle(input.arendeId);
      try {
        const s = await handle.query(stateQuery);
        if (s.stage === 'sammantrade' && s.meeting?.date === input.meetingDate) return { ok: true, message: 'redan placerat' };
        const r = await handle.executeUpdate(ACTION_UPDATES.placeOnMeeting, {
          args: [
            {
              requestId: input.requestId.replace(/[^A-Za-z0-9_-]/g, '-'),
              actor: input.actor,
              meetingDate: input.meetingDate,
              time: input.time,
              place: input.place,
              ...(input.rapporteur ? { rapporteur: input.rapporteur } : {}),
            },
          ],
          updateId: input.requestId,
        });
        return { ok: true, message: r.message };
      } catch (err) {
        return refusalOf(err);
      }
    },

    /** Sends the meeting's decision, justering or anslag to an adoption ärende through the same update a person uses. */
    async feedArende(input: { arendeId: string; action: FeedAction; payload: Record<string, unknown> & { requestId: string } }): Promise<FeedResult> {
      try {
        const r = await client.workflow.getHandle(input.arendeId).executeUpdate(ACTION_UPDATES[input.action] as never, {
          args: [input.payload as never],
          updateId: input.payload.requestId,
        });
        return { ok: true, message: (r as { message: string }).message };
      } catch (err) {
        return refusalOf(err);
      }
    },

    async allocateParagraphs(input: { kommunkod: string; organ: string; year: number; keys: string[] }): Promise<number[]> {
      const workflowId = paragraphSeriesWorkflowId(input.kommunkod, input.organ, input.year);
      await startOnce(client, 'paragraphSeriesWorkflow', workflowId, taskQueue, [{ kommunkod: input.kommunkod, organ: input.organ, year: input.year }]);
      return client.workflow.getHandle(workflowId).executeUpdate(allocateParagraphsUpdate, { args: [{ keys: input.keys }] });
    },

    async postNotice(input: { kommunkod: string; notice: BoardNotice }): Promise<BoardNotice> {
      const workflowId = boardWorkflowId(input.kommunkod);
      await startOnce(client, 'anslagstavlaWorkflow', workflowId, taskQueue, [{ kommunkod: input.kommunkod }]);
      return client.workflow
        .getHandle(workflowId)
        .executeUpdate(postNoticeUpdate, { args: [input.notice], updateId: `notice-${input.notice.id}`.slice(0, 200) });
    },

    /** SHA-256 (hex) of a log entry of the anslagstavla (domain/meeting/anslagstavla.ts logEntryText). */
    async sealBoardEntry(text: string): Promise<string> {
      return createHash('sha256').update(text, 'utf8').digest('hex');
    },

    /** The signing seam of the justerat protokoll (docs/meeting.md, docs/signing.md). */
    async signProtokoll(input: {
      meetingId: string;
      documentId: string;
      sha256: string;
      signers: Array<{ name: string; role: string; userId: string; date: string }>;
    }): Promise<{ documentId: string; sha256: string; signed: boolean }> {
      const record = await deps.store.getRecord(input.documentId);
      if (!record) throw new Error(`protokollet ${input.documentId} finns inte i dokumentlagret`);
      // The signatures go into the justerat protokoll's archive copy (archiveDocument, signing/document-signatures.ts
      // rule 'protokoll': the ordförande, then the justerare), as for the anslutningsavtal: the published original
      // stays as rendered. `signed` tells whether this installation signs (BF_PDF_SIGNER), i.e. whether the copy will
      // carry them.
      return { documentId: input.documentId, sha256: input.sha256, signed: signsPdfs };
    },
  };
}
