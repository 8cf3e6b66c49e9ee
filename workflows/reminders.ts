import { continueAsNew, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { addDays, stockholmDate, stockholmMidnight } from '../domain/iso-date';
import { recipientSeenSignal, remindersQuery, setPreferencesUpdate, type RemindersInput, type RemindersState } from './reminders-messages';
import { ERROR_CODES, nowMs, refuse, today as todayInStockholm } from './engine';

const { sendDailyMail } = proxyActivities<Pick<Activities, 'sendDailyMail'>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '30 seconds', maximumInterval: '10 minutes', maximumAttempts: 20 },
});

/** The next morning run: today at `hour` Stockholm time if that is still ahead, else tomorrow's. */
export function nextRunAt(now: number, hour: number): Date {
  const today = stockholmDate(now);
  for (const day of [today, addDays(today, 1), addDays(today, 2)]) {
    const at = new Date(stockholmMidnight(day).getTime() + hour * 3_600_000);
    if (at.getTime() > now) return at;
  }
  return new Date(now + 86_400_000);
}

/**
 * The reminder service: sleeps until the next morning (a durable timer, not a cron in the web process), then one
 * activity sends the day's reminder and digest mails to everyone who wants them, and the workflow continues as new
 * for the next day with the register of recipients and their preferences.
 */
export async function remindersWorkflow(input: RemindersInput = {}, carried?: RemindersState): Promise<void> {
  const state: RemindersState = carried ?? { recipients: {} };
  const hour = input.hour ?? 7;

  setHandler(remindersQuery, () => state);
  setHandler(recipientSeenSignal, (r) => {
    const { at, ...who } = r;
    const before = state.recipients[r.userId];
    state.recipients[r.userId] = { ...who, preferences: before?.preferences ?? { reminders: true, digest: true }, seenAt: at };
  });
  setHandler(
    setPreferencesUpdate,
    (p) => {
      const r = state.recipients[p.userId];
      r.preferences = { reminders: p.reminders, digest: p.digest };
      return r.preferences;
    },
    {
      validator: (p) => {
        if (!state.recipients[p?.userId]) throw refuse({ code: ERROR_CODES.precondition, message: 'Personen är okänd för påminnelsetjänsten' });
        if (typeof p.reminders !== 'boolean' || typeof p.digest !== 'boolean')
          throw refuse({
            code: ERROR_CODES.validation,
            message: 'Valen ska vara ja eller nej',
            fields: [{ field: typeof p.reminders !== 'boolean' ? 'reminders' : 'digest', rule: 'invalid_type', message: 'ska vara ja eller nej' }],
          });
      },
    },
  );

  const at = nextRunAt(nowMs(), hour);
  await sleep(at.getTime() - nowMs());
  const today = todayInStockholm();
  if (state.lastRun !== today) {
    const recipients = Object.values(state.recipients).filter((r) => r.email && (r.preferences.reminders || r.preferences.digest));
    state.lastSent = recipients.length ? (await sendDailyMail({ today, recipients })).sent : 0;
    state.lastRun = today;
  }
  await continueAsNew<typeof remindersWorkflow>(input, state);
}
