import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { meetingIndexQuery, registerMeetingUpdate, type MeetingIndexEntry } from './messages';

/** The municipality's meetings (id, organ, day), for the meeting list; a meeting is registered once. */
export async function meetingIndexWorkflow(input: { kommunkod: string; meetings?: MeetingIndexEntry[] }): Promise<void> {
  const meetings: MeetingIndexEntry[] = input.meetings ?? [];
  let changed = 0;
  setHandler(meetingIndexQuery, () => meetings);
  setHandler(registerMeetingUpdate, (m) => {
    if (!meetings.some((x) => x.id === m.id)) {
      meetings.push({ id: m.id, organ: m.organ, organName: m.organName, date: m.date });
      meetings.sort((a, b) => a.date.localeCompare(b.date) || a.organ.localeCompare(b.organ));
      changed += 1;
    }
    return meetings;
  });
  await condition(() => changed >= 500 || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof meetingIndexWorkflow>({ kommunkod: input.kommunkod, meetings });
}
