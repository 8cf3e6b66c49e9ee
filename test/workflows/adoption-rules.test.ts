/**
 * Human steps are Updates with validators: an action the stage does not allow, or a payload that breaks a rule, is
 * rejected with a machine code and a Swedish message and changes nothing; the same request twice is recorded once
 * (also after continue-as-new). Also: the meeting plan entity decides where the ärende can be placed.
 */
import { generateMeetingPlan } from '../../domain/meetings';
import type { Action } from '../../domain/stages';
import { meetingPlanQuery, meetingPlanWorkflowId, saveMeetingPlan } from '../../workflows/meeting-plan-messages';
import {
  addDaysIso,
  appealPeriodPasses,
  ArendeDriver,
  bothSign,
  decideAndPublish,
  draftAndSign,
  HANDLAGGARE,
  ksPrepares,
  startHarness,
  type Harness,
} from './harness';

jest.setTimeout(600_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness('rules');
});
afterAll(async () => {
  await h?.stop();
});

/** A valid payload of each action, so that a rejection is about the stage, not the payload. */
const VALID: Record<Action, Record<string, unknown>> = {
  reviseDraft: { tjansteutlatande: { proposals: ['Nämnden godkänner förslaget.'] } },
  sendReferrals: { referrals: [{ recipient: 'Äldrenämnden', dueDate: '2099-01-01' }] },
  recordReferralAnswer: { recipient: 'Äldrenämnden', answer: 'avstar' },
  finishBeredning: {},
  signTjansteutlatande: { role: 'forvaltningschef', signatory: { name: 'V W', title: 'Socialdirektör' } },
  placeOnMeeting: {},
  recordDecision: { outcome: 'bifall', paragraph: 1 },
  recordJustering: { date: '2020-01-01', chair: 'O', adjusters: ['J'] },
  recordAnslag: { date: '2020-01-01', protocolKeptAt: 'Stadshuset' },
  registerOverklagande: { receivedDate: '2020-01-01', appellant: 'K' },
  recordCourtJudgment: { date: '2020-01-01', outcome: 'upheld' },
  recordKsBeredning: { meetingDate: '2020-01-01' },
  signAgreement: { party: 'kommun', signatory: { name: 'K', title: 'Ordförande' } },
  rejectAgreement: { party: 'skr', comment: 'Nej' },
  decideRenewal: { decision: 'end' },
  joinNamnd: { namnd: { kod: 'AN', namn: 'Äldrenämnden' }, decisionDate: '2020-01-01' },
};

/** Every action the stage does not allow is refused with ACTION_NOT_ALLOWED_IN_STAGE, and the state is untouched. */
async function refusesOthers(d: ArendeDriver, probes: Action[]): Promise<void> {
  const before = await d.settled();
  for (const action of probes) {
    if (before.allowedActions.includes(action)) continue;
    const r = await d.rejected(action, VALID[action]);
    expect([action, r.code]).toEqual([action, 'ACTION_NOT_ALLOWED_IN_STAGE']);
    expect(r.message).toMatch(/är inte tillåten när ärendet är i skedet/);
  }
  expect(await d.state()).toEqual(before);
}

const SOME: Action[] = ['recordDecision', 'signAgreement', 'recordAnslag', 'sendReferrals', 'recordKsBeredning', 'joinNamnd', 'recordCourtJudgment'];

test('invalid actions in each stage are rejected with a code and a Swedish reason, and change nothing', async () => {
  const d = await ArendeDriver.register(h);
  const today = await d.today();
  await refusesOthers(d, SOME); // utkast

  // Bad payloads: VALIDATION_FAILED names the field and the rule.
  const bad = await d.rejected('sendReferrals', { referrals: [{ recipient: 'Äldrenämnden', dueDate: '2027-02-30' }] });
  expect(bad.code).toBe('VALIDATION_FAILED');
  expect(bad.fields[0]).toMatchObject({ field: 'referrals.0.dueDate' });
  const past = await d.rejected('sendReferrals', { referrals: [{ recipient: 'Äldrenämnden', dueDate: today }] });
  expect(past.fields[0]).toMatchObject({ field: 'referrals.0.dueDate', rule: 'not_after_today' });
  const noActor = await d.rejected('reviseDraft', { actor: { name: '' }, tjansteutlatande: { proposals: ['x'] } });
  expect(noActor.fields[0]).toMatchObject({ field: 'actor.name' });

  await d.act('sendReferrals', { actor: HANDLAGGARE, referrals: [{ recipient: 'Äldrenämnden', dueDate: addDaysIso(today, 10) }] });
  await refusesOthers(d, [...SOME, 'signTjansteutlatande', 'placeOnMeeting']); // beredning
  const early = await d.rejected('finishBeredning', {});
  expect(early.code).toBe('PRECONDITION_FAILED');
  const unknown = await d.rejected('recordReferralAnswer', { recipient: 'Kulturnämnden', answer: 'avstar' });
  expect(unknown.fields[0]).toMatchObject({ field: 'recipient', rule: 'unknown_referral' });
  const noText = await d.rejected('recordReferralAnswer', { recipient: 'Äldrenämnden', answer: 'yttrande' });
  expect(noText.fields[0]).toMatchObject({ field: 'text' });
  await d.act('recordReferralAnswer', { actor: HANDLAGGARE, recipient: 'Äldrenämnden', answer: 'avstar' });

  await d.act('signTjansteutlatande', { actor: HANDLAGGARE, role: 'forvaltningschef', signatory: { name: 'V W', title: 'Socialdirektör' } });
  await refusesOthers(d, SOME); // signering
  const twice = await d.rejected('signTjansteutlatande', { role: 'forvaltningschef', signatory: { name: 'V W', title: 'Socialdirektör' } });
  expect(twice.code).toBe('PRECONDITION_FAILED');
  await d.act('signTjansteutlatande', { actor: HANDLAGGARE, role: 'avdelningschef', signatory: { name: 'L B', title: 'Avdelningschef' } });

  let s = await d.waitForStage('sammantrade');
  await refusesOthers(d, [...SOME, 'reviseDraft']);
  const tooEarly = await d.rejected('recordDecision', { outcome: 'bifall', paragraph: 1 });
  expect(tooEarly.code).toBe('PRECONDITION_FAILED');
  await d.advanceTo(s.meeting!.date);
  const noReason = await d.rejected('recordDecision', { outcome: 'aterremiss', paragraph: 1 });
  expect(noReason.fields[0]).toMatchObject({ field: 'reason' });
  const minority = await d.rejected('recordDecision', { outcome: 'bordlaggning', paragraph: 1, minority: true });
  expect(minority.fields[0]).toMatchObject({ field: 'minority', rule: 'only_in_kf' });
  await d.act('recordDecision', { outcome: 'bifall', paragraph: 1 });

  await refusesOthers(d, [...SOME, 'placeOnMeeting']); // justering
  const beforeMeeting = await d.rejected('recordJustering', { date: addDaysIso(s.meeting!.date, -1), chair: 'O', adjusters: ['J'] });
  expect(beforeMeeting.fields[0]).toMatchObject({ field: 'date', rule: 'too_early' });
  const future = await d.rejected('recordJustering', { date: addDaysIso(s.meeting!.date, 30), chair: 'O', adjusters: ['J'] });
  expect(future.fields[0]).toMatchObject({ field: 'date', rule: 'in_future' });
  await d.act('recordJustering', { date: s.meeting!.date, chair: 'O', adjusters: ['J'] });
  await refusesOthers(d, [...SOME, 'recordJustering']); // anslag
  await d.advanceTo(addDaysIso(s.meeting!.date, 1));
  await d.act('recordAnslag', { date: addDaysIso(s.meeting!.date, 1), protocolKeptAt: 'Stadshuset' });
  await refusesOthers(d, [...SOME, 'registerOverklagande']); // ks_beredning: the nämnd's decision is not appealable

  s = await ksPrepares(d);
  s = await decideAndPublish(d, { paragraph: 2 });
  await refusesOthers(d, [...SOME, 'recordJustering']); // overklagandetid
  const late = await d.rejected('registerOverklagande', { receivedDate: addDaysIso(s.appeal!.lastDay, 1), appellant: 'K' });
  expect(late.fields[0]).toMatchObject({ field: 'receivedDate' });
  await d.advanceTo(addDaysIso(s.appeal!.from, 2));
  await d.act('registerOverklagande', { receivedDate: addDaysIso(s.appeal!.from, 2), appellant: 'K' });
  await refusesOthers(d, [...SOME, 'registerOverklagande']); // overklagat
  await d.act('recordCourtJudgment', { date: addDaysIso(s.appeal!.from, 2), outcome: 'upheld', finalDate: addDaysIso(s.appeal!.from, 2) });
  // Laga kraft only when the decision's own appeal period has ended too (issue 10 point 4).
  await d.advanceTo(addDaysIso(s.appeal!.lastDay, 1));
  await d.waitForStage('avtal');

  // (Each time after the owner's report has arrived, so that only the refusals could change the state.)
  await d.waitFor((x) => x.agreementOwner?.progress?.stage === 'avtal_signeras', 'avtalet hos ägaren');
  await refusesOthers(d, [...SOME, 'decideRenewal']); // avtal
  s = await bothSign(d);
  await d.waitFor((x) => x.agreementOwner?.progress?.stage === 'vantar_start', 'ägaren väntar på start');
  await refusesOthers(d, [...SOME, 'decideRenewal', 'rejectAgreement']); // vantar_start
  await d.advanceTo(s.start!);
  await d.waitFor((x) => x.stage === 'aktiv' && x.runs >= 1 && x.agreementOwner?.progress?.stage === 'aktiv', 'aktiv');
  await refusesOthers(d, [...SOME, 'signAgreement', 'placeOnMeeting']); // aktiv
  await d.recordHistories('ogiltiga-atgarder');
});

test('the same decision sent twice is recorded once; the same request id with another payload is refused', async () => {
  const d = await ArendeDriver.register(h, { kfRequired: false });
  const s0 = await draftAndSign(d);
  await d.advanceTo(s0.meeting!.date);
  const payload = { requestId: 'beslut-sn-2027-001', outcome: 'bifall' as const, paragraph: 21 };
  const first = await d.act('recordDecision', payload);
  const second = await d.act('recordDecision', payload);
  expect(second).toEqual(first);
  // Also when the second copy arrives as another update (e.g. another web process): the workflow's own memory answers.
  const third = await d.act('recordDecision', payload, { updateId: 'beslut-sn-2027-001-igen' });
  expect(third).toEqual(first);
  const s = await d.state();
  expect(s.decisions).toHaveLength(1);
  expect(s.history.filter((e) => e.requestId === 'beslut-sn-2027-001')).toHaveLength(1);

  const reused = await d.rejected('recordDecision', { ...payload, paragraph: 22 }, { updateId: 'beslut-sn-2027-001-annat' });
  expect(reused.code).toBe('REQUEST_ID_REUSED');
  expect(await d.state()).toEqual(s);
  await d.recordHistories('samma-beslut-tva-ganger');
});

test('a request repeated after continue-as-new returns its first result and changes nothing', async () => {
  const d = await ArendeDriver.register(h, { kfRequired: false });
  await draftAndSign(d);
  await decideAndPublish(d, { paragraph: 3 });
  await appealPeriodPasses(d);
  let s = await bothSign(d);
  const join = { requestId: 'aldrenamnden-ansluter-01', namnd: { kod: 'AN', namn: 'Äldrenämnden' }, decisionDate: await d.today() };
  const first = await d.act('joinNamnd', join);
  await d.advanceTo(s.start!);
  s = await d.waitFor((x) => x.stage === 'aktiv' && x.runs >= 1, 'ny körning efter avgiften');
  const again = await d.act('joinNamnd', join, { updateId: 'aldrenamnden-ansluter-01-efter' });
  expect(again).toEqual(first);
  expect((await d.state()).participants).toHaveLength(1);
  await d.recordHistories('upprepad-begaran-efter-continue-as-new');
});

test('the meeting plan entity: no open meeting → the ärende waits in placering; a named meeting must be in the plan', async () => {
  const d = await ArendeDriver.register(h, { kfRequired: false });
  const today = await d.today();
  const year = Number(today.slice(0, 4));
  const organ = d.input.namnd.kod;
  // A plan whose meetings have all closed for documents.
  await saveMeetingPlan(h.env.client, h.taskQueue, d.input.kommunkod, {
    organ,
    name: 'Socialnämnden',
    meetings: [{ date: addDaysIso(today, -20), documentDeadline: addDaysIso(today, -30) }],
  });
  const invalid = await saveMeetingPlan(h.env.client, h.taskQueue, d.input.kommunkod, {
    organ,
    name: 'Socialnämnden',
    meetings: [{ date: '2027-02-30', documentDeadline: '2027-02-01' }],
  }).catch((e) => e);
  expect(invalid).toBeInstanceOf(Error);
  expect((await h.env.client.workflow.getHandle(meetingPlanWorkflowId(d.input.kommunkod, organ)).query(meetingPlanQuery)).version).toBe(1);

  await d.act('signTjansteutlatande', { actor: HANDLAGGARE, role: 'forvaltningschef', signatory: { name: 'V W', title: 'Socialdirektör' } });
  await d.act('signTjansteutlatande', { actor: HANDLAGGARE, role: 'avdelningschef', signatory: { name: 'L B', title: 'Avdelningschef' } });
  let s = await d.waitFor((x) => x.stage === 'placering' && x.history.some((e) => e.action === 'placering'), 'väntar på placering');
  await refusesOthers(d, SOME);
  const none = await d.rejected('placeOnMeeting', {});
  expect(none.code).toBe('PRECONDITION_FAILED');

  const plan = generateMeetingPlan(organ, 'Socialnämnden', [year, year + 1], { weekday: 4, week: 2 });
  await saveMeetingPlan(h.env.client, h.taskQueue, d.input.kommunkod, plan);
  const notInPlan = await d.rejected('placeOnMeeting', { meetingDate: addDaysIso(today, 1) });
  expect(notInPlan.fields[0]).toMatchObject({ field: 'meetingDate', rule: 'not_in_plan' });
  const open = plan.meetings.filter((m) => m.documentDeadline >= today);
  await d.act('placeOnMeeting', { meetingDate: open[1].date, time: '09:30', place: 'Rådhussalen' });
  s = await d.state();
  expect(s.stage).toBe('sammantrade');
  expect(s.meeting).toMatchObject({ date: open[1].date, time: '09:30', place: 'Rådhussalen' });
  // Moved to an earlier open meeting: a new föredragningslista.
  await d.act('placeOnMeeting', { meetingDate: open[0].date });
  s = await d.state();
  expect(s.meeting!.date).toBe(open[0].date);
  expect(s.documents.filter((x) => x.type === 'foredragningslista')).toHaveLength(2);
  await d.recordHistories('sammantradesplan-placering');
});
