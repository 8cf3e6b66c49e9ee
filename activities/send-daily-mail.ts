import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import nodemailer from 'nodemailer';
import { arendeDueItems, remindersDue, sortDue, type DueArende, type DueItem } from '../domain/due-items';
import { digestMail, reminderMail } from '../mail/compose';
import { stateQuery } from '../workflows/messages';
import type { ReminderPreferences, ReminderRecipient } from '../workflows/reminders-messages';

export interface MailSettings {
  /** smtp://user:pass@host:587 or smtps://… (BF_SMTP_URL) */
  smtpUrl: string;
  /** BF_MAIL_FROM */
  from: string;
  /** BF_PUBLIC_URL: the web app's address for links in the mails. */
  baseUrl?: string;
}

/** The ärenden a person may see (ids of running adoption workflows); default a visibility query. */
export type FindArenden = (r: ReminderRecipient) => Promise<string[]>;

/**
 * Where due items come from, for one person: the ärenden they may see (below). The sammanträde's own items
 * (justering, anslag of a meeting) are another source of the same shape, added to DUE_SOURCES when meetings exist.
 */
export type DueSource = (r: ReminderRecipient) => Promise<DueItem[]>;

function visibilityFinder(client: Client): FindArenden {
  return async (r) => {
    if (r.role === 'skr_admin' || !r.kommunkod) return [];
    const namnder = r.namnder?.length ? ` AND BfNamnd IN (${r.namnder.map((n) => `'${n.replace(/'/g, '')}'`).join(', ')})` : '';
    const ids: string[] = [];
    for await (const w of client.workflow.list({
      query: `BfKind = 'arende' AND BfKommun = '${r.kommunkod.replace(/'/g, '')}'${namnder} AND ExecutionStatus = 'Running'`,
    }))
      ids.push(w.workflowId);
    return ids;
  };
}

export function arendeSource(client: Client, find: FindArenden): DueSource {
  return async (r) => {
    const items: DueItem[] = [];
    for (const id of await find(r)) {
      const state = await client.workflow
        .getHandle(id)
        .query(stateQuery)
        .catch(() => undefined);
      if (state) items.push(...arendeDueItems(state as unknown as DueArende, { role: r.role, signingRight: r.signingRight }));
      Context.current().heartbeat();
    }
    return items;
  };
}

/**
 * The morning's mails (workflows/reminders.ts): for each person, their due items; a reminder for each item whose last
 * day is two days off or today, and one digest of everything, each only when the person wants it. Message-IDs are
 * made from the person, the day and the item, so a retried activity's repeat is recognisable as the same mail.
 */
export function makeSendDailyMail(deps: { client: Client; mail?: MailSettings; findArenden?: FindArenden; sources?: DueSource[] }) {
  return async function sendDailyMail(input: {
    today: string;
    recipients: Array<ReminderRecipient & { preferences: ReminderPreferences }>;
  }): Promise<{ sent: number }> {
    if (!deps.mail) return { sent: 0 }; // no BF_SMTP_URL: nothing is sent (docs/reminders.md)
    const transport = nodemailer.createTransport(deps.mail.smtpUrl);
    const sources = deps.sources ?? [arendeSource(deps.client, deps.findArenden ?? visibilityFinder(deps.client))];
    let sent = 0;
    try {
      for (const r of input.recipients) {
        if (!r.email) continue;
        const items = sortDue((await Promise.all(sources.map((s) => s(r)))).flat(), input.today);
        const mails = [
          ...(r.preferences.reminders
            ? remindersDue(items).map((i) => ({ id: `paminnelse.${i.key}.${input.today}`, ...reminderMail(r.name, i, deps.mail!.baseUrl) }))
            : []),
          ...(r.preferences.digest && items.length
            ? [{ id: `sammanfattning.${input.today}`, ...digestMail(r.name, input.today, items, deps.mail!.baseUrl) }]
            : []),
        ];
        for (const m of mails) {
          const messageId = `<${Buffer.from(`${r.userId}.${m.id}`).toString('base64url').slice(0, 120)}@beslutsflode.invalid>`;
          await transport.sendMail({
            from: deps.mail.from,
            to: { name: r.name, address: r.email },
            subject: m.subject,
            text: m.text,
            messageId,
            textEncoding: 'base64',
          });
          sent++;
          Context.current().heartbeat();
        }
      }
    } finally {
      transport.close();
    }
    return { sent };
  };
}
