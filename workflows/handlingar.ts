import { condition, continueAsNew, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { registerHandlingSchema, type RegisterHandling } from '../domain/attachments';
import { handlingarQuery, registerHandlingUpdate, type HandlingarInput, type HandlingarState, type HandlingEntry } from './handlingar-messages';
import { nowIso, parsePayload } from './engine';

const { registerHandling } = proxyActivities<Pick<Activities, 'registerHandling'>>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/**
 * The ärende's register of received and drawn-up files (docs/attachments.md). It waits for uploads for as long as the
 * ärende may receive mail, which is longer than the process runs; each registration is one activity (the record in
 * the document register) and one entry here. Continues as new when the history grows long.
 */
export async function handlingarWorkflow(input: HandlingarInput, carried?: HandlingarState): Promise<void> {
  const state: HandlingarState = carried ?? { arendeId: input.arendeId, handlingar: [] };
  let busy = 0;

  setHandler(handlingarQuery, () => state);
  setHandler(
    registerHandlingUpdate,
    async (raw: RegisterHandling): Promise<HandlingEntry> => {
      const p = registerHandlingSchema.parse(raw);
      const known = state.handlingar.find((h) => h.requestId === p.requestId);
      if (known) return known;
      busy++;
      try {
        const registeredBy = p.actor.role ? `${p.actor.name} (${p.actor.role})` : p.actor.name;
        const document = await registerHandling({
          docId: uuid4(),
          arendeId: state.arendeId,
          diarienummer: input.diarienummer,
          direction: p.direction,
          description: p.description,
          registeredDate: p.date,
          sender: p.sender,
          fileName: p.fileName,
          contentType: p.contentType,
          sha256: p.sha256,
          size: p.size,
          createdBy: registeredBy,
          createdAt: nowIso(),
        });
        const again = state.handlingar.find((h) => h.requestId === p.requestId); // a concurrent duplicate finished first
        if (again) return again;
        const entry: HandlingEntry = {
          document,
          registeredBy,
          requestId: p.requestId,
          ...(p.referralRecipient ? { referralRecipient: p.referralRecipient } : {}),
        };
        state.handlingar.push(entry);
        return entry;
      } finally {
        busy--;
      }
    },
    {
      validator: (raw: RegisterHandling) => {
        parsePayload(registerHandlingSchema, raw, 'Registrera handling');
      },
    },
  );

  await condition(() => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 5_000);
  await condition(() => busy === 0);
  await continueAsNew<typeof handlingarWorkflow>(input, state);
}
