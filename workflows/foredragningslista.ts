import { proxyActivities, uuid4, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DocumentRef } from '../domain/documents/ref';
import { handlingKey } from '../domain/document-identity';
import { nowIso } from './engine/clock';

const { renderDocument } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  // The worker heartbeats for every activity (runtime/activity-interceptor.ts): a killed worker's task is retried
  // elsewhere after 20 s instead of after the full start-to-close timeout.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export interface ForedragningslistaInput {
  kommunkod: string;
  organ: string;
  organName: string;
  meetingDate: string;
  time: string;
  place: string;
  items: Array<{ title: string; diarienummer?: string; rapporteur?: string; note?: string }>;
  createdBy: string;
}

/**
 * The föredragningslista (agenda) of one meeting, rendered once for one set of items: the web app starts it with a
 * workflow id made from the meeting and a hash of the items, so the same agenda is one document and a changed
 * agenda a new one.
 */
export async function foredragningslistaWorkflow(input: ForedragningslistaInput): Promise<DocumentRef> {
  const data = { organ: input.organName, meetingDate: input.meetingDate, time: input.time, place: input.place, items: input.items };
  return renderDocument({
    docId: uuid4(),
    // Each distinct agenda is its own entry in the register (the store numbers versions per entry and handling).
    arendeId: workflowInfo().workflowId,
    kommunkod: input.kommunkod,
    type: 'foredragningslista',
    data,
    step: 'sammantrade',
    version: 1,
    // The agenda of one meeting is one handling (domain/document-identity.ts); it is final when issued.
    handling: handlingKey('foredragningslista', data),
    status: 'slutlig',
    createdBy: input.createdBy,
    createdAt: nowIso(),
  });
}
