/**
 * Issue 10, points 4, 5, 10 and 11 through the HTTP API, on the time-skipping server: laga kraft after several appeals
 * and final judgments; omedelbar justering as a choice of the meeting; KF's minority rule with counts; the plan
 * endpoint refusing a target start that has passed or is before the programme's start.
 */
import { randomUUID } from 'node:crypto';
import { isWorkingDay } from '../../domain/swedish-calendar';
import { stockholmDate } from '../../domain/iso-date';
import { timeline } from '../../server/arende-view';
import { lastDayToAppealJudgment } from '../../domain/appeals';
import { normalizeSpace, readPdf } from '../support/pdf';
import { addDaysIso, ArendeDriver, decideAndPublish, draftAndSign, ksPrepares, startHarness, throughNamnd, type Harness } from './harness';
import { startHttp, type HttpOverHarness } from './http-over-harness';

/** The API client acts as Stockholm's nämndsekreterare, so the ärenden of this file are Stockholm's (the harness picks any municipality otherwise). */
const STOCKHOLM = '0180';
import { adoptionWorkflow } from '../../workflows/adoption';

jest.setTimeout(300_000);

let h: Harness;
let http: HttpOverHarness;
beforeAll(async () => {
  h = await startHarness('issue10-appeals');
  http = await startHttp(h);
});
afterAll(async () => {
  await http?.stop();
  await h?.stop();
});

const act = (id: string, action: string, body: Record<string, unknown>) =>
  http.api('POST', `/api/arenden/${id}/atgarder/${action}`, { requestId: `http-${randomUUID()}`, ...body });

async function pdfText(id: string, docId: string): Promise<string> {
  const res = await fetch(`${http.baseUrl}/api/arenden/${id}/dokument/${docId}`, { headers: { authorization: 'Bearer bf_demo_stockholm_9f2c4a7e1b6d' } });
  expect(res.status).toBe(200);
  return normalizeSpace((await readPdf(new Uint8Array(await res.arrayBuffer()))).text);
}

/**
 * The timeline's status of a step ("Klart", "Pågår", "Planerat"), as the ärende page shows it, from the state the API
 * returns. (The page itself lists ärenden through visibility, which the time-skipping server does not have.)
 */
async function timelineStatus(id: string, label: string): Promise<string | undefined> {
  const state = (await http.api('GET', `/api/arenden/${id}`)).json;
  const today = stockholmDate(await h.env.currentTimeMs());
  return timeline(state, today).find((t) => t.label === label)?.statusLabel;
}

const PERIOD = 'Överklagandetiden för nämndens beslut löper ut';

test('point 4: two appeals; an upheld judgment does not give laga kraft while the period runs or before the judgments are final', async () => {
  const d = await ArendeDriver.register(h, { kommunkod: STOCKHOLM, kfRequired: false });
  let s = await throughNamnd(d);
  const id = d.handle.workflowId;
  const { from, lastDay } = s.appeal!;

  const k = addDaysIso(from, 2);
  await d.advanceTo(k);
  let r = await act(id, 'registerOverklagande', {
    receivedDate: k,
    appellant: 'Kommunmedlem K',
    court: 'Förvaltningsrätten i Stockholm',
    caseNumber: '1001-27',
  });
  expect(r.status).toBe(200);
  expect(r.json.state.stage).toBe('overklagat');
  // A second member appeals while the period still runs.
  const l = addDaysIso(from, 9);
  await d.advanceTo(l);
  r = await act(id, 'registerOverklagande', { receivedDate: l, appellant: 'Kommunmedlem L', caseNumber: '1002-27' });
  expect(r.status).toBe(200);
  expect(r.json.state.appeal.appeals.map((a: { appellant: string }) => a.appellant)).toEqual(['Kommunmedlem K', 'Kommunmedlem L']);

  // With two appeals waiting, a judgment must say whose appeal it decides.
  const judged = addDaysIso(from, 12);
  await d.advanceTo(judged);
  const which = await act(id, 'recordCourtJudgment', { date: judged, outcome: 'upheld', finalDate: judged });
  expect(which.status).toBe(400);
  expect(which.json.error.fields[0]).toMatchObject({ field: 'appellant', rule: 'which_appeal' });

  // K's appeal is rejected and that judgment is final at once; the period still runs: no laga kraft.
  r = await act(id, 'recordCourtJudgment', { date: judged, outcome: 'upheld', appellant: 'Kommunmedlem K', finalDate: judged });
  expect(r.status).toBe(200);
  s = r.json.state;
  expect(s.stage).toBe('overklagat');
  expect(s.lagaKraft).toBeUndefined();
  expect(await timelineStatus(id, PERIOD)).toBe('Pågår');

  // The period ends; L's appeal still waits for its judgment.
  await d.advanceTo(addDaysIso(lastDay, 2));
  s = await d.waitFor((x) => x.appeal?.windowEnded === true, 'överklagandetiden slut');
  expect(s.stage).toBe('overklagat');
  expect(s.lagaKraft).toBeUndefined();
  expect(await timelineStatus(id, PERIOD)).toBe('Klart');
  expect(await timelineStatus(id, 'Beslutet vinner laga kraft')).toBe('Pågår');

  // L's appeal is rejected and the judgment delgiven: laga kraft is planned three weeks later (FPL 6 a §), not recorded.
  const lJudged = addDaysIso(lastDay, 40);
  await d.advanceTo(lJudged);
  r = await act(id, 'recordCourtJudgment', { date: lJudged, outcome: 'upheld', appellant: 'Kommunmedlem L', delgivningDate: lJudged });
  expect(r.status).toBe(200);
  const planned = addDaysIso(lastDayToAppealJudgment(lJudged), 1);
  expect(r.json.state).toMatchObject({ stage: 'overklagat', appeal: { plannedLagaKraft: planned, status: 'pending' } });
  expect(r.json.state.lagaKraft).toBeUndefined();
  const plan = (await http.api('GET', `/api/arenden/${id}/plan`)).json;
  expect(plan.milestones.find((m: { step: string }) => m.step === 'laga_kraft')).toMatchObject({ earliest: planned, fixed: false });

  // Past the planned day nothing is assumed: the court's word that the judgment is final gives laga kraft.
  await d.advanceTo(addDaysIso(planned, 3));
  expect((await d.state()).lagaKraft).toBeUndefined();
  r = await act(id, 'recordCourtJudgment', { date: lJudged, outcome: 'upheld', appellant: 'Kommunmedlem L', finalDate: planned });
  expect(r.status).toBe(200);
  expect(r.json.state).toMatchObject({ stage: 'avtal', lagaKraft: planned, appeal: { status: 'closed' } });
  expect(await timelineStatus(id, 'Beslutet vinner laga kraft')).toBe('Klart');
});

test('point 4: nobody appeals: laga kraft the day after the last appeal day, as before', async () => {
  const d = await ArendeDriver.register(h, { kommunkod: STOCKHOLM, kfRequired: false });
  const s = await throughNamnd(d);
  expect(await timelineStatus(d.handle.workflowId, PERIOD)).toBe('Pågår');
  await d.advanceTo(addDaysIso(s.appeal!.lastDay, 1));
  const done = await d.waitFor((x) => x.lagaKraft !== undefined, 'laga kraft');
  expect(done).toMatchObject({ stage: 'avtal', lagaKraft: addDaysIso(s.appeal!.lastDay, 1) });
});

test('point 4: an ärende appealed before the new rules (old state shape) keeps working and moves to them', async () => {
  const d = await ArendeDriver.register(h, { kommunkod: STOCKHOLM, kfRequired: false });
  let s = await throughNamnd(d);
  const received = addDaysIso(s.appeal!.from, 3);
  await d.advanceTo(received);
  await d.act('registerOverklagande', { receivedDate: received, appellant: 'Kommunmedlem M' });
  s = await d.state();
  // The state as a run from before patch 'appeal-laga-kraft' carried it: one appeal, no list, no rules.
  const { appeals: _a, rules: _r, plannedLagaKraft: _p, windowEnded: _w, ...oldAppeal } = s.appeal!;
  const arendeId = `arende-test-${randomUUID()}`;
  const carried = { state: { ...s, id: arendeId, appeal: oldAppeal }, requests: [] };
  await h.env.client.workflow.start(adoptionWorkflow, { workflowId: arendeId, taskQueue: h.taskQueue, args: [{ ...d.input, arendeId }, carried] });
  h.alsoStarted.push(arendeId);

  const second = addDaysIso(s.appeal!.from, 5);
  await d.advanceTo(second);
  let r = await act(arendeId, 'registerOverklagande', { receivedDate: second, appellant: 'Kommunmedlem N' });
  expect(r.status).toBe(200);
  expect(r.json.state.appeal).toMatchObject({ rules: 2, status: 'pending' });
  expect(r.json.state.appeal.appeals.map((a: { appellant: string }) => a.appellant)).toEqual(['Kommunmedlem M', 'Kommunmedlem N']);
  const judged = addDaysIso(s.appeal!.lastDay, 10);
  await d.advanceTo(judged);
  for (const appellant of ['Kommunmedlem M', 'Kommunmedlem N']) {
    r = await act(arendeId, 'recordCourtJudgment', { date: judged, outcome: 'upheld', appellant, finalDate: judged });
    expect(r.status).toBe(200);
  }
  expect(r.json.state).toMatchObject({ stage: 'avtal', lagaKraft: judged });
});

test('point 5: "omedelbart justerad" only when the meeting chose it; then the justering is on the meeting day', async () => {
  const chosen = await ArendeDriver.register(h, { kommunkod: STOCKHOLM, kfRequired: false });
  let s = await draftAndSign(chosen);
  const meeting = s.meeting!.date;
  await chosen.advanceTo(meeting);
  const id = chosen.handle.workflowId;
  let r = await act(id, 'recordDecision', { outcome: 'bifall', paragraph: 41, immediateJustering: true });
  expect(r.status).toBe(200);
  expect(r.json.state.decisions[0].immediateJustering).toBe(true);
  expect(r.json.state.deadlines.find((x: { kind: string }) => x.kind === 'justering')).toMatchObject({ date: meeting });
  await chosen.advanceTo(addDaysIso(meeting, 2));
  const late = await act(id, 'recordJustering', { date: addDaysIso(meeting, 2), chair: 'Ordförande Olsson', adjusters: ['Justerare Jansson'] });
  expect(late.status).toBe(400);
  expect(late.json.error.fields[0]).toMatchObject({ field: 'date', rule: 'immediate_justering' });
  r = await act(id, 'recordJustering', { date: meeting, chair: 'Ordförande Olsson', adjusters: ['Justerare Jansson'] });
  expect(r.status).toBe(200);
  const utdrag = r.json.state.documents.find((x: { type: string }) => x.type === 'protokollsutdrag');
  expect(await pdfText(id, utdrag.id)).toContain('Paragrafen är omedelbart justerad');

  // Justerat on the meeting day without that choice: the extract does not say so.
  const plain = await ArendeDriver.register(h, { kommunkod: STOCKHOLM, kfRequired: false });
  s = await draftAndSign(plain);
  await plain.advanceTo(s.meeting!.date);
  const pid = plain.handle.workflowId;
  expect((await act(pid, 'recordDecision', { outcome: 'bifall', paragraph: 42 })).status).toBe(200);
  r = await act(pid, 'recordJustering', { date: s.meeting!.date, chair: 'Ordförande Olsson', adjusters: ['Justerare Jansson'] });
  expect(r.status).toBe(200);
  const text = await pdfText(pid, r.json.state.documents.find((x: { type: string }) => x.type === 'protokollsutdrag').id);
  expect(text).toContain('§ 42');
  expect(text).not.toContain('omedelbart justerad');
});

test('point 10: KF minority rule needs the counts and at least one third of those present', async () => {
  const d = await ArendeDriver.register(h, { kommunkod: STOCKHOLM });
  await draftAndSign(d);
  await decideAndPublish(d, { paragraph: 6 });
  const s = await ksPrepares(d);
  await d.advanceTo(s.meeting!.date);
  const id = d.handle.workflowId;
  const before = (await http.api('GET', `/api/arenden/${id}`)).json;

  const flagOnly = await act(id, 'recordDecision', { outcome: 'aterremiss', paragraph: 14, minority: true, reason: 'Utred kostnaderna.' });
  expect(flagOnly.status).toBe(400);
  expect(flagOnly.json.error.fields.map((f: { field: string }) => f.field)).toEqual(['membersPresent', 'membersRequesting']);
  const tooFew = await act(id, 'recordDecision', {
    outcome: 'aterremiss',
    paragraph: 14,
    minority: true,
    membersPresent: 101,
    membersRequesting: 33,
    reason: 'Utred kostnaderna.',
  });
  expect(tooFew.status).toBe(400);
  expect(tooFew.json.error.fields[0]).toMatchObject({ field: 'membersRequesting', rule: 'below_one_third' });
  expect(tooFew.json.error.fields[0].message).toContain('minst 34');
  expect((await http.api('GET', `/api/arenden/${id}`)).json.history).toEqual(before.history);

  const ok = await act(id, 'recordDecision', {
    outcome: 'aterremiss',
    paragraph: 14,
    minority: true,
    membersPresent: 101,
    membersRequesting: 34,
    reason: 'Utred kostnaderna.',
  });
  expect(ok.status).toBe(200);
  expect(ok.json.state).toMatchObject({ stage: 'utkast', minorityUsed: true });
  expect(ok.json.state.decisions.at(-1)).toMatchObject({ minority: true, minorityCount: { present: 101, requesting: 34 } });
  expect(ok.json.result.message).toContain('34 av 101 närvarande');
});

test('point 11: GET …/plan refuses a target start in the past or before the programme; planned days are working days', async () => {
  const d = await ArendeDriver.register(h, { kommunkod: STOCKHOLM });
  const id = d.handle.workflowId;
  const past = await http.api('GET', `/api/arenden/${id}/plan?targetStart=2026-01-15`);
  expect(past.status).toBe(400);
  expect(past.json.error.fields[0]).toMatchObject({ field: 'targetStart', rule: 'in_past' });
  const early = await http.api('GET', `/api/arenden/${id}/plan?targetStart=2027-05-14`);
  expect(early.status).toBe(400);
  expect(early.json.error.fields[0]).toMatchObject({ field: 'targetStart', rule: 'before_programme_start' });

  const plan = await http.api('GET', `/api/arenden/${id}/plan?targetStart=2028-01-03`);
  expect(plan.status).toBe(200);
  expect(plan.json.earliestStart >= '2027-07-01').toBe(true);
  const human = ['beredning_klar', 'tjansteutlatande_undertecknat', 'namnd_justering', 'namnd_anslag', 'kf_justering', 'kf_anslag', 'avtal_undertecknat'];
  for (const m of plan.json.milestones as Array<{ step: string; earliest?: string; latest?: string }>) {
    if (!human.includes(m.step)) continue;
    for (const date of [m.earliest, m.latest]) if (date) expect(`${m.step} ${date} ${isWorkingDay(date)}`).toBe(`${m.step} ${date} true`);
  }
});
