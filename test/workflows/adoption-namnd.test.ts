/** The nämnd's outcomes: avslag, återremiss then bifall (after a beredning with a reminder), bordläggning twice. */
import { normalizeSpace, readPdf } from '../support/pdf';
import { addDaysIso, appealPeriodPasses, ArendeDriver, decideAndPublish, draftAndSign, HANDLAGGARE, startHarness, type Harness } from './harness';

jest.setTimeout(240_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness('namnd');
});
afterAll(async () => {
  await h?.stop();
});

test('avslag in the nämnd: justering with the protokollsutdrag, then the ärende ends', async () => {
  const d = await ArendeDriver.register(h);
  const s0 = await draftAndSign(d);
  await d.advanceTo(s0.meeting!.date);
  const result = await d.act('recordDecision', { outcome: 'avslag', paragraph: 11, reservations: [{ who: 'Mats Moderat (M)' }] });
  expect(result).toMatchObject({ action: 'recordDecision', stage: 'justering' });
  await d.act('recordJustering', { date: s0.meeting!.date, chair: 'Ordförande Olsson', adjusters: ['Justerare Jansson'] });
  const s = await d.waitForStage('avslutad');
  expect(s.endReason).toContain('avslag');
  const utdrag = s.documents.find((x) => x.type === 'protokollsutdrag')!;
  const text = normalizeSpace((await readPdf(await d.pdf(utdrag.id))).text);
  expect(text).toContain('§ 11');
  expect(text).toContain('Socialnämnden avslår förslaget.');
  expect(text).toContain('Mats Moderat (M)');
  await d.waitFor((x) => x.allowedActions.length === 0, 'inga åtgärder kvar');
  await d.recordHistories('avslag');
});

test('beredning with a reminder and the overdue policy; återremiss with a reason back to utkast; then bifall', async () => {
  const d = await ArendeDriver.register(h, { kfRequired: false });
  const today = await d.today();
  await d.act('sendReferrals', {
    actor: HANDLAGGARE,
    proceedWhenOverdue: true,
    referrals: [
      { recipient: 'Äldrenämnden', dueDate: addDaysIso(today, 5) },
      { recipient: 'Stadsdelsnämnderna', dueDate: addDaysIso(today, 9) },
    ],
  });
  await d.act('recordReferralAnswer', { actor: HANDLAGGARE, recipient: 'Stadsdelsnämnderna', answer: 'yttrande', text: ['Stadsdelsnämnderna tillstyrker.'] });
  // The first due date passes: a reminder is recorded and, by the policy, the beredning goes on without the answer.
  await d.advanceTo(addDaysIso(today, 6));
  let s = await d.waitForStage('signering');
  expect(s.referrals.find((r) => r.recipient === 'Äldrenämnden')?.remindedAt).toBeDefined();
  expect(s.history.map((e) => e.text)).toEqual(expect.arrayContaining([expect.stringContaining('Påminnelse: remissvar från Äldrenämnden saknas')]));

  s = await draftAndSign(d);
  const firstMeeting = s.meeting!.date;
  await d.advanceTo(firstMeeting);
  await d.act('recordDecision', { outcome: 'aterremiss', paragraph: 5, reason: 'Komplettera med en kostnadsjämförelse mellan StorSthlm och egen regi.' });
  s = await d.state();
  expect(s.stage).toBe('utkast');
  expect(s.signatures).toEqual({});
  const documentsBefore = s.documents.length;

  // The förvaltning revises (new version; the earlier documents stay), signs again, and the nämnd decides.
  await d.act('reviseDraft', {
    actor: HANDLAGGARE,
    tjansteutlatande: { ...d.input.tjansteutlatande, assessment: ['Egen regi är 1,2 Mkr billigare per år än StorSthlm.'] },
    comment: 'Kompletterat efter återremiss',
  });
  s = await draftAndSign(d);
  expect(s.documents.length).toBeGreaterThan(documentsBefore);
  expect(s.documents.filter((x) => x.type === 'tjansteutlatande').map((x) => x.version)).toEqual([1, 2, 3, 4]);
  expect(s.meeting!.date > firstMeeting).toBe(true);
  s = await decideAndPublish(d, { paragraph: 9 });
  expect(s.stage).toBe('overklagandetid'); // no KF step: the nämnd's decision is the one appealable
  s = await appealPeriodPasses(d);
  expect(s.stage).toBe('avtal');
  expect(s.decisions.map((x) => x.outcome)).toEqual(['aterremiss', 'bifall']);
  await d.recordHistories('aterremiss-bifall');
});

test('bordläggning twice: each time to the next meeting with a new föredragningslista', async () => {
  const d = await ArendeDriver.register(h, { kfRequired: false });
  let s = await draftAndSign(d);
  const meetings = [s.meeting!.date];
  for (const paragraph of [3, 4]) {
    await d.advanceTo(s.meeting!.date);
    await d.act('recordDecision', { outcome: 'bordlaggning', paragraph });
    s = await d.state();
    expect(s.stage).toBe('sammantrade');
    expect(s.meeting!.date > meetings[meetings.length - 1]).toBe(true);
    meetings.push(s.meeting!.date);
  }
  expect(s.documents.filter((x) => x.type === 'foredragningslista')).toHaveLength(3);
  s = await decideAndPublish(d, { paragraph: 2 });
  expect(s.decisions.map((x) => [x.outcome, x.meetingDate])).toEqual([
    ['bordlaggning', meetings[0]],
    ['bordlaggning', meetings[1]],
    ['bifall', meetings[2]],
  ]);
  expect(s.stage).toBe('overklagandetid');
  await d.recordHistories('bordlaggning-tva-ganger');
});
