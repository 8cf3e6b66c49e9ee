/**
 * Reminders by e-mail (issue 15 p. 2): the reminder service is a long-running workflow with a durable timer to the
 * next morning; time skipping takes it there. A referral due two days after that morning gives its reminder mail and
 * the daily digest, sent with nodemailer to a real SMTP server on loopback and read back; a person who turned the
 * mails off gets none. Preferences live in the workflow and survive its continue-as-new.
 */
import { randomUUID } from 'node:crypto';
import { addDays, stockholmDate } from '../../domain/iso-date';
import { remindersWorkflow, nextRunAt } from '../../workflows/reminders';
import { recipientSeenSignal, remindersQuery, setPreferencesUpdate } from '../../workflows/reminders-messages';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { ArendeDriver, HANDLAGGARE, startHarness, type Harness } from './harness';

let h: Harness;
let smtp: TestSmtp;
const found: string[] = [];

beforeAll(async () => {
  smtp = await startSmtp();
  h = await startHarness('reminders', {
    mail: { smtpUrl: smtp.url, from: 'Beslutsflöde <noreply@beslutsflode.invalid>', baseUrl: 'https://beslut.kommun.example' },
    // The time-skipping test server has no visibility queries: the ärenden a person may see are named here.
    findArenden: async () => [...found],
  });
}, 120_000);
afterAll(async () => {
  await h?.stop();
  await smtp?.stop();
});

test('the morning after, a referral due in two days gives a reminder and the digest; a person who turned them off gets none', async () => {
  const d = await ArendeDriver.register(h);
  found.push(d.handle.workflowId);
  const now = await h.env.currentTimeMs();
  const runAt = nextRunAt(now, 7);
  const due = addDays(stockholmDate(runAt), 2);
  await d.act('sendReferrals', { referrals: [{ recipient: 'Äldrenämnden', dueDate: due }], actor: HANDLAGGARE } as never);
  await d.waitForStage('beredning');

  const workflowId = `paminnelser-${randomUUID()}`;
  h.alsoStarted.push(workflowId);
  const seen = (userId: string, name: string, email: string) => ({
    userId,
    name,
    email,
    role: 'namndsekreterare' as const,
    kommunkod: d.input.kommunkod,
    at: new Date(now).toISOString(),
  });
  await h.env.client.workflow.signalWithStart(remindersWorkflow, {
    workflowId,
    taskQueue: h.taskQueue,
    args: [{ hour: 7 }],
    signal: recipientSeenSignal,
    signalArgs: [seen('sara', 'Sara Sekreterare', 'sara.sekreterare@stockholm.example')],
  });
  const handle = h.env.client.workflow.getHandle(workflowId);
  await handle.signal(recipientSeenSignal, seen('olle', 'Olle Utan Post', 'olle@stockholm.example'));
  // Olle turns both off; the choice is stored in the workflow
  expect(await handle.executeUpdate(setPreferencesUpdate, { args: [{ userId: 'olle', reminders: false, digest: false }] })).toEqual({
    reminders: false,
    digest: false,
  });

  // time skipping to a minute after the morning run
  await h.env.sleep(runAt.getTime() - (await h.env.currentTimeMs()) + 60_000);
  const deadline = Date.now() + 30_000;
  while (smtp.mails.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

  expect(smtp.mails.every((m) => m.to.includes('sara.sekreterare@stockholm.example'))).toBe(true);
  const reminder = smtp.mails.find((m) => m.subject.startsWith('Påminnelse'));
  const digest = smtp.mails.find((m) => m.subject.startsWith('Att göra i Beslutsflöde'));
  expect(reminder?.subject).toBe(`Påminnelse: Remissvar från Äldrenämnden, sista dag ${due} – ${(await d.state()).diarienummer}`);
  expect(reminder?.text).toContain('Hej Sara Sekreterare,');
  expect(reminder?.text).toContain(`ska vara klart senast ${due} (om 2 dagar).`);
  expect(reminder?.text).toContain(`https://beslut.kommun.example/arenden/${d.handle.workflowId}`);
  expect(digest?.subject).toBe(`Att göra i Beslutsflöde ${stockholmDate(runAt)}: 1 sak`);
  expect(digest?.text).toContain(`- Remissvar från Äldrenämnden: ${d.input.title}`);
  expect(digest?.text).toContain('Stäng av påminnelser eller sammanfattningar under Mina ärenden: https://beslut.kommun.example/mina-arenden');
  expect(smtp.mails.some((m) => m.to.includes('olle@stockholm.example'))).toBe(false);
  expect(smtp.mails).toHaveLength(2);

  // the next run (a new run after continue-as-new) still knows Olle's choice
  const state = await handle.query(remindersQuery);
  expect(state.recipients.olle.preferences).toEqual({ reminders: false, digest: false });
  expect(state.lastRun).toBe(stockholmDate(runAt));
  expect(state.lastSent).toBe(2);
});
