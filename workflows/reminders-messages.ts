import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

/**
 * The reminder service (issue 15 p. 2, docs/reminders.md): one long-running workflow per installation that wakes
 * every morning, and the durable register of who gets reminders and whether they want them.
 */
export const REMINDERS_WORKFLOW_ID = 'paminnelser';

/** A person as the web last saw them sign in: where reminders go and what they may see. */
export interface ReminderRecipient {
  userId: string;
  name: string;
  email?: string;
  role: 'namndsekreterare' | 'handlaggare' | 'lasare' | 'skr_admin';
  kommunkod?: string;
  namnder?: string[];
  signingRight?: boolean;
}

/** Each person's choice; both on until they turn them off. */
export interface ReminderPreferences {
  /** A mail two days before a last day and on the day itself. */
  reminders: boolean;
  /** One mail each morning with everything that is due, overdue first. */
  digest: boolean;
}

export interface RemindersState {
  recipients: Record<string, ReminderRecipient & { preferences: ReminderPreferences; seenAt: string }>;
  /** The last morning the mails went out (ISO date), so that a restart the same day sends nothing twice. */
  lastRun?: string;
  /** How many mails went out on the last run. */
  lastSent?: number;
}

export interface RemindersInput {
  /** Hour of the morning run, Stockholm time (default 7). */
  hour?: number;
}

/** The web tells the service who signed in (their e-mail and scope may have changed); preferences are kept. */
export const recipientSeenSignal = defineSignal<[ReminderRecipient & { at: string }]>('recipientSeen');
export const setPreferencesUpdate = defineUpdate<ReminderPreferences, [{ userId: string } & ReminderPreferences]>('setPreferences');
export const remindersQuery = defineQuery<RemindersState>('reminders');
