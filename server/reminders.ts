import { WorkflowNotFoundError } from '@temporalio/client';
import { arendeDueItems, sortDue, type DueArende, type DueView } from '../domain/due-items';
import { stockholmDate } from '../domain/iso-date';
import { stateQuery } from '../workflows/messages';
import {
  recipientSeenSignal,
  REMINDERS_WORKFLOW_ID,
  remindersQuery,
  setPreferencesUpdate,
  type ReminderPreferences,
  type ReminderRecipient,
} from '../workflows/reminders-messages';
import { withAgreementHolder } from './agreement-owner';
import { listArenden } from './arendelista';
import type { Principal } from './auth/principal';
import type { ServerContext } from './context';
import { logger } from '../runtime/logger';

/** Mina ärenden and the reminder service as the web sees them (issue 15 p. 2, docs/reminders.md). */

function recipientOf(p: Principal): ReminderRecipient {
  return {
    userId: p.userId,
    name: p.name,
    role: p.role,
    ...(p.email ? { email: p.email } : {}),
    ...(p.kommunkod ? { kommunkod: p.kommunkod } : {}),
    ...(p.namnder ? { namnder: [...p.namnder] } : {}),
    ...(p.signingRight ? { signingRight: true } : {}),
  };
}

/** Tells the reminder service who signed in (starting it the first time); a failure never stops a sign-in. */
export async function recordSignIn(ctx: ServerContext, p: Principal): Promise<void> {
  try {
    await ctx.client.workflow.signalWithStart('remindersWorkflow', {
      workflowId: REMINDERS_WORKFLOW_ID,
      taskQueue: ctx.taskQueue,
      args: [{ hour: ctx.reminderHour ?? 7 }],
      signal: recipientSeenSignal,
      signalArgs: [{ ...recipientOf(p), at: new Date().toISOString() }],
    });
  } catch (err) {
    logger().warn({ err: (err as Error).message, userId: p.userId }, 'påminnelsetjänsten kunde inte nås vid inloggningen');
  }
}

const DEFAULT_PREFERENCES: ReminderPreferences = { reminders: true, digest: true };

export async function preferencesOf(ctx: ServerContext, p: Principal): Promise<ReminderPreferences> {
  try {
    const state = await ctx.client.workflow.getHandle(REMINDERS_WORKFLOW_ID).query(remindersQuery);
    return state.recipients[p.userId]?.preferences ?? DEFAULT_PREFERENCES;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') return DEFAULT_PREFERENCES;
    throw err;
  }
}

export async function savePreferences(ctx: ServerContext, p: Principal, prefs: ReminderPreferences): Promise<ReminderPreferences> {
  await recordSignIn(ctx, p); // known to the service before the choice is stored
  return ctx.client.workflow.getHandle(REMINDERS_WORKFLOW_ID).executeUpdate(setPreferencesUpdate, { args: [{ userId: p.userId, ...prefs }] });
}

/** What is due for this person in the ärenden they may see, overdue first (at most the 200 with the nearest deadlines). */
export async function dueForMe(ctx: ServerContext, p: Principal, today = stockholmDate(new Date())): Promise<DueView[]> {
  if (p.role === 'skr_admin') return [];
  const list = (await listArenden(ctx, p)).filter((a) => a.stage !== 'avslutad').slice(0, 200);
  const items = [];
  for (let i = 0; i < list.length; i += 10) {
    const states = await Promise.all(
      list.slice(i, i + 10).map((a) =>
        ctx.client.workflow
          .getHandle(a.id)
          .query(stateQuery)
          .then((s) => withAgreementHolder(ctx, s))
          .catch(() => undefined),
      ),
    );
    for (const s of states) if (s) items.push(...arendeDueItems(s as unknown as DueArende, { role: p.role, signingRight: p.signingRight !== undefined }));
  }
  return sortDue(items, today);
}
