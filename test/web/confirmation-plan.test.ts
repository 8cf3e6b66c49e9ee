/**
 * Issue 15 p. 5: a meeting plan change that re-plans ärenden (takes away a meeting they are placed on) is carried out
 * only once confirmed, and every change is listed with its author on the plan page. Over HTTP and in a real browser:
 * unconfirmed → 428 with the ärenden named and nothing changed; a wrong, foreign or expired token → refused;
 * confirmed → saved once, in the history. The confirmation page passes axe and works with the keyboard.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_USERS } from '../../demo/demo-users';
import { generateMeetingPlan } from '../../domain/meetings';
import { addDays } from '../../domain/iso-date';
import { registrationBody } from '../fixtures/registration';
import { eventually } from '../support/product';
import {
  axeClean,
  baseUrl,
  call,
  expiredToken,
  keyboardActivate,
  page,
  signIn,
  skr,
  sthlm,
  tampered,
  today,
  useProduct,
  visible,
} from './confirmation-support';
import { uniqueSerie } from './http';

jest.setTimeout(240_000);
useProduct();

test('a meeting plan change that takes away a meeting with a placed ärende needs a confirmation; the plan page lists who changed what', async () => {
  const serie = uniqueSerie('K');
  const year = Number(today.slice(0, 4));
  const later = generateMeetingPlan(serie, 'Socialnämnden', [year + 1], { weekday: 2, week: 3 }).meetings;
  const plan = { organ: serie, name: 'Socialnämnden', meetings: [{ date: today, documentDeadline: today }, ...later] };
  expect((await call('PUT', `/api/sammantradesplaner/${serie}`, plan, sthlm)).status).toBe(200);

  // An ärende placed on today's meeting.
  const created = await call('POST', '/api/arenden', registrationBody({ namnd: { kod: serie, namn: 'Socialnämnden' }, kfRequired: false }), sthlm);
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await eventually(async () => ((await call('GET', `/api/arenden/${id}`, undefined, sthlm)).body.meetingPlans ? true : undefined));
  const act = async (action: string, body: Record<string, unknown>) => {
    const r = await call('POST', `/api/arenden/${id}/atgarder/${action}`, { requestId: `bk-${randomUUID()}`, ...body }, sthlm);
    expect({ action, status: r.status }).toEqual({ action, status: 200 });
  };
  await act('sendReferrals', { referrals: [{ recipient: 'Äldrenämnden', dueDate: addDays(today, 7) }] });
  await act('recordReferralAnswer', { recipient: 'Äldrenämnden', answer: 'yttrande', text: ['Tillstyrks.'] });
  await act('signTjansteutlatande', {
    role: 'forvaltningschef',
    signatory: { name: 'Fia Förvaltningschef', title: 'Socialdirektör' },
  });
  await act('signTjansteutlatande', {
    role: 'avdelningschef',
    signatory: { name: 'Adam Avdelningschef', title: 'Avdelningschef' },
  });
  const placed = await eventually(async () => {
    const s = (await call('GET', `/api/arenden/${id}`, undefined, sthlm)).body;
    return s.stage === 'sammantrade' ? s : undefined;
  });
  expect(placed.meeting.date).toBe(today);

  // Adding a meeting re-plans nothing: saved at once.
  const added = {
    ...plan,
    meetings: [...plan.meetings, { date: `${year + 2}-01-20`, documentDeadline: `${year + 2}-01-06` }],
  };
  expect((await call('PUT', `/api/sammantradesplaner/${serie}`, added, sthlm)).status).toBe(200);

  const without = { ...added, meetings: added.meetings.slice(1) };
  const first = await call('PUT', `/api/sammantradesplaner/${serie}`, without, sthlm);
  expect(first.status).toBe(428);
  expect(first.body.error.code).toBe('CONFIRMATION_REQUIRED');
  const { confirmation } = first.body.error;
  expect(confirmation.summary).toMatchObject({
    count: 1,
    message: `Sammanträdet ${today} tas bort ur planen. 1 ärende är placerat där och måste planeras om.`,
  });
  expect(confirmation.summary.items).toEqual([`${placed.diarienummer} ${placed.title} (placerat ${today})`]);
  const unchanged = async () => {
    const o = (await call('GET', `/api/sammantradesplaner/${serie}`, undefined, sthlm)).body;
    expect(o.plan.meetings[0].date).toBe(today);
    return o;
  };
  expect((await unchanged()).history).toHaveLength(2);

  const expired = expiredToken('sammantradesplan', 'sthlm-sekreterare', {
    kommunkod: '0180',
    organ: serie,
    plan: without,
    version: 2,
    replanned: [id],
  });
  const bulkToken = (await call('POST', '/api/skr/massatgarder', { action: 'invite' }, skr)).body.error.confirmation.token;
  for (const [token, rule] of [
    [tampered(confirmation.token), 'invalid'],
    [bulkToken, 'invalid'],
    [expired, 'expired'],
  ]) {
    const refused = await call('PUT', `/api/sammantradesplaner/${serie}`, { ...without, confirmationToken: token }, sthlm);
    expect({ status: refused.status, rule: refused.body.error.fields[0].rule }).toEqual({ status: 428, rule });
  }
  expect((await unchanged()).history).toHaveLength(2);

  const confirmed = await call('PUT', `/api/sammantradesplaner/${serie}`, { ...without, confirmationToken: confirmation.token }, sthlm);
  expect(confirmed.status).toBe(200);
  const after = (await call('GET', `/api/sammantradesplaner/${serie}`, undefined, sthlm)).body;
  expect(after.plan.meetings[0].date).not.toBe(today);
  expect(after.history).toHaveLength(3);
  expect(after.history[0]).toMatchObject({
    version: 3,
    by: DEMO_USERS.stockholmSekreterare.name,
    replanned: confirmation.summary.items,
    summary: confirmation.summary.message,
  });
  // The same plan again takes away nothing more that has ärenden: saved at once, as version 4.
  expect((await call('PUT', `/api/sammantradesplaner/${serie}`, { ...without, confirmationToken: confirmation.token }, sthlm)).status).toBe(200);
  expect((await call('GET', `/api/sammantradesplaner/${serie}`, undefined, sthlm)).body.history).toHaveLength(4);

  // In the browser: today's meeting back (nothing re-planned), then away again through the confirmation page.
  await signIn('stockholmSekreterare');
  await page.goto(`${baseUrl()}/sammantraden/${serie}`, { waitUntil: 'load' });
  const planLines = (await page.$eval('#plan-meetings', (t) => (t as HTMLTextAreaElement).value)).split('\n');
  await page.$eval('#plan-meetings', (t, v) => ((t as HTMLTextAreaElement).value = v as string), [`${today} ${today}`, ...planLines].join('\n'));
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form[aria-labelledby="rubrik-andra"] button[type="submit"]')]);
  expect(await visible()).toContain('Sammanträdesplanen är sparad.');
  await page.$eval('#plan-meetings', (t, v) => ((t as HTMLTextAreaElement).value = v as string), planLines.join('\n'));
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form[aria-labelledby="rubrik-andra"] button[type="submit"]')]);
  expect(await page.$eval('h1', (h) => h.textContent)).toBe('Bekräfta ändringen av Socialnämndens sammanträdesplan');
  expect(await visible()).toContain(`${placed.diarienummer} ${placed.title} (placerat ${today})`);
  await axeClean('bekrafta-sammantradesplan');
  await keyboardActivate('Bekräfta');
  const text = await visible();
  expect(text).toContain('Sammanträdesplanen är sparad.');
  expect(text).toContain('Ändringshistorik');
  expect(text).toMatch(
    new RegExp(
      `\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\s+${DEMO_USERS.stockholmSekreterare.name}\\s+Version 6 av planen, bekräftad: Sammanträdet ${today} tas bort`,
    ),
  );
  await axeClean('sammantradesplan-historik');
});
