/** KF's minority rule, and appeals: upheld, quashed (rectified), and quashed after acting before laga kraft. */
import {
  addDaysIso,
  ArendeDriver,
  bothSign,
  decideAndPublish,
  draftAndSign,
  HANDLAGGARE,
  ksPrepares,
  startHarness,
  throughNamnd,
  type Harness,
} from './harness';

jest.setTimeout(240_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness('kf-appeal');
});
afterAll(async () => {
  await h?.stop();
});

test('KF: återremiss on the request of a third (once per ärende), back through KS, then bifall', async () => {
  const d = await ArendeDriver.register(h);
  await draftAndSign(d);
  await decideAndPublish(d, { paragraph: 6 });
  let s = await ksPrepares(d);
  expect(s.organ).toBe('kf');
  await d.advanceTo(s.meeting!.date);
  await d.act('recordDecision', {
    outcome: 'aterremiss',
    paragraph: 14,
    minority: true,
    membersPresent: 101,
    membersRequesting: 34,
    reason: 'Minoriteten begär en utredning av kostnaderna.',
  });
  s = await d.state();
  expect(s).toMatchObject({ stage: 'utkast', organ: 'kf', minorityUsed: true });

  // Revised and signed again, the ärende is prepared by KS once more and placed on KF's next meeting.
  await d.act('reviseDraft', { actor: HANDLAGGARE, tjansteutlatande: { ...d.input.tjansteutlatande, assessment: ['Kostnaderna är utredda.'] } });
  await d.act('signTjansteutlatande', {
    actor: HANDLAGGARE,
    role: 'forvaltningschef',
    signatory: { name: 'Veronica Carstorp Wolgast', title: 'Socialdirektör' },
  });
  await d.act('signTjansteutlatande', { actor: HANDLAGGARE, role: 'avdelningschef', signatory: { name: 'Lina Blombergsson', title: 'Avdelningschef' } });
  s = await d.waitForStage('ks_beredning');
  const today = await d.today();
  await d.act('recordKsBeredning', { meetingDate: today, paragraph: 30 });
  s = await d.waitFor((x) => x.stage === 'sammantrade' && x.organ === 'kf', 'KF igen');
  await d.advanceTo(s.meeting!.date);

  // A second minority request is refused: the rule may be used once per ärende.
  const before = await d.settled();
  const refused = await d.rejected('recordDecision', { outcome: 'bordlaggning', paragraph: 2, minority: true, membersPresent: 101, membersRequesting: 40 });
  expect(refused.code).toBe('MINORITY_RULE_USED');
  expect(await d.state()).toEqual(before);

  await d.act('recordDecision', { outcome: 'bifall', paragraph: 2 });
  s = await d.state();
  expect(s.stage).toBe('justering');
  expect(s.decisions.filter((x) => x.organ === 'kf').map((x) => [x.outcome, x.minority])).toEqual([
    ['aterremiss', true],
    ['bifall', false],
  ]);
  await d.recordHistories('kf-minoritet-aterremiss');
});

test('an appeal upheld: laga kraft when the judgment is final, then the agreement', async () => {
  const d = await ArendeDriver.register(h, { kfRequired: false });
  let s = await throughNamnd(d);
  expect(s.stage).toBe('overklagandetid');
  const received = addDaysIso(s.appeal!.from, 10);
  await d.advanceTo(received);
  await d.act('registerOverklagande', { receivedDate: received, appellant: 'Kommunmedlem K', court: 'Förvaltningsrätten i Stockholm', caseNumber: '1234-27' });
  s = await d.state();
  expect(s.stage).toBe('overklagat');
  // The appeal window's end no longer matters: the court decides.
  await d.advanceTo(addDaysIso(s.appeal!.lastDay, 5));
  expect((await d.state()).stage).toBe('overklagat');
  const judged = addDaysIso(received, 90);
  await d.advanceTo(judged);
  // The judgment can itself be appealed for three weeks from delgivning (FPL 6 a §): laga kraft is planned, not yet.
  await d.act('recordCourtJudgment', { date: judged, outcome: 'upheld', caseNumber: '1234-27', delgivningDate: judged });
  s = await d.state();
  expect(s.stage).toBe('overklagat');
  expect(s.lagaKraft).toBeUndefined();
  const final = s.appeal!.plannedLagaKraft!;
  expect(final > judged).toBe(true);
  await d.advanceTo(final);
  await d.act('recordCourtJudgment', { date: judged, outcome: 'upheld', caseNumber: '1234-27', finalDate: final });
  s = await d.state();
  expect(s.stage).toBe('avtal');
  expect(s.lagaKraft).toBe(final);
  await d.recordHistories('overklagande-avslaget');
});

test('an appeal quashed: the decision falls and the ärende is rectified (back to utkast; documents stay)', async () => {
  const d = await ArendeDriver.register(h, { kfRequired: false });
  let s = await throughNamnd(d);
  const received = addDaysIso(s.appeal!.from, 3);
  await d.advanceTo(received);
  await d.act('registerOverklagande', { receivedDate: received, appellant: 'Kommunmedlem L' });
  const judged = addDaysIso(received, 60);
  await d.advanceTo(judged);
  const documents = (await d.state()).documents.length;
  // Quashed without saying what follows is invalid input, and changes nothing.
  const invalid = await d.rejected('recordCourtJudgment', { date: judged, outcome: 'quashed' });
  expect(invalid).toMatchObject({ code: 'VALIDATION_FAILED' });
  expect(invalid.fields[0]).toMatchObject({ field: 'then' });
  await d.act('recordCourtJudgment', { date: judged, outcome: 'quashed', then: 'rectify', comment: 'Beslutet fattades i strid med jävsreglerna.' });
  s = await d.state();
  expect(s).toMatchObject({ stage: 'utkast', organ: 'namnd', decisionsFrom: 1 });
  expect(s.appeal!.status).toBe('quashed');
  expect(s.documents.length).toBe(documents);
  expect(s.plan?.milestones[0]?.step).toBe('beredning_klar');
  await d.recordHistories('overklagande-upphavt-rattelse');
});

test('acting before laga kraft: the agreement is signed while the appeal window runs; a quashed decision ends the anslutning', async () => {
  const d = await ArendeDriver.register(h, { kfRequired: false, actBeforeLagaKraft: true });
  let s = await throughNamnd(d);
  expect(s.stage).toBe('avtal');
  expect(s.appeal!.status).toBe('open');
  // The agreement's actions are its owner's (SKR's anslutning); the appeal stays the ärende's.
  expect(s.allowedActions).toEqual(['registerOverklagande']);
  s = await bothSign(d);
  const received = addDaysIso(s.appeal!.from, 15);
  await d.advanceTo(received);
  await d.act('registerOverklagande', { receivedDate: received, appellant: 'Kommunmedlem M' });
  s = await d.state();
  expect(s.stage).toBe('vantar_start');
  expect(s.allowedActions).toEqual(expect.arrayContaining(['joinNamnd', 'recordCourtJudgment']));
  const judged = addDaysIso(received, 30);
  await d.advanceTo(judged);
  await d.act('recordCourtJudgment', { date: judged, outcome: 'quashed', then: 'end' });
  s = await d.waitForStage('avslutad');
  expect(s.endReason).toContain('upphävt');
  // The anslutning built on the decision ends with it at its owner.
  const o = await d.waitForOwner((x) => x.stage === 'avslutad', 'anslutningen upphör');
  expect(o.timeline.at(-1)!.text).toContain('upphävt');
  await d.recordHistories('verkstalls-fore-laga-kraft-upphavt');
});
