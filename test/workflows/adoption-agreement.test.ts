/**
 * The agreement with SKR, held by SKR's anslutning of the municipality (the ärende hands over and follows): rejected
 * with a comment, then a new version signed; äldrenämnden joining later; a renewal with its new agreement and fees.
 */
import { normalizeSpace, readPdf } from '../support/pdf';
import { addDaysIso, appealPeriodPasses, ArendeDriver, bothSign, KOMMUN_SIGNER, startHarness, throughNamnd, type Harness } from './harness';

jest.setTimeout(240_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness('agreement');
});
afterAll(async () => {
  await h?.stop();
});

async function toAgreement(d: ArendeDriver) {
  await throughNamnd(d);
  return appealPeriodPasses(d);
}

test('the agreement rejected with a comment goes back to SKR; a new version signed by both; one signed agreement', async () => {
  const d = await ArendeDriver.register(h, { kfRequired: false, regionalOrganisation: 'egen' });
  let s = await toAgreement(d);
  expect(s.stage).toBe('avtal');
  let o = await d.waitForOwner((x) => x.stage === 'avtal_signeras', 'avtalet skickat');
  await d.ownerAct('signAgreement', { party: 'kommun', version: 1, signer: KOMMUN_SIGNER });
  await d.ownerAct('rejectAgreement', { party: 'skr', version: 1, comment: 'Bilagan om kontoadministration saknas.' });
  o = await d.ownerState();
  expect(o.stage).toBe('avtal_avvisat');
  expect(o.agreement!.rejection).toMatchObject({ party: 'skr', comment: 'Bilagan om kontoadministration saknas.' });
  s = await d.state();
  expect(s.stage).toBe('avtal'); // the ärende waits for its owner
  await d.ownerAct('reviseAgreement', { comment: 'Bilagan tillagd.' });
  await d.waitForOwner((x) => x.stage === 'avtal_signeras' && x.agreement!.version === 2, 'version 2');

  s = await bothSign(d);
  o = await d.waitForOwner((x) => x.agreement?.signedDocument !== undefined, 'undertecknat avtal');
  expect(s.documents.filter((x) => x.type === 'anslutningsavtal')).toHaveLength(0); // the ärende writes none
  expect(o.agreement!.version).toBe(2);
  const text = normalizeSpace((await readPdf(await d.pdf(o.agreement!.signedDocument!.id))).text);
  expect(text).toContain('Barn och unga');
  expect(text).toContain('Kommunstyrelsens ordförande');
  await d.recordHistories('avtal-avvisat-sedan-undertecknat');
});

test('äldrenämnden joins the same anslutning later; a renewal gives a new period and its fee statement', async () => {
  const d = await ArendeDriver.register(h, { kfRequired: false });
  await toAgreement(d);
  let s = await bothSign(d);
  const start = s.start!;
  await d.advanceTo(start);
  s = await d.waitFor((x) => x.stage === 'aktiv', 'aktiv');

  const joinedOn = addDaysIso(start, 40);
  await d.advanceTo(joinedOn);
  await d.act('joinNamnd', { namnd: { kod: 'AN', namn: 'Äldrenämnden' }, decisionDate: joinedOn, paragraph: 8 });
  s = await d.state();
  expect(s.participants).toEqual([expect.objectContaining({ kod: 'AN', namn: 'Äldrenämnden', decisionDate: joinedOn })]);
  const besked = s.documents.filter((x) => x.type === 'startbesked');
  expect(besked).toHaveLength(2);
  const text = normalizeSpace((await readPdf(await d.pdf(besked[1].id))).text);
  expect(text).toContain('Äldrenämnden');

  // The same nämnd cannot join twice.
  const again = await d.rejected('joinNamnd', { namnd: { kod: 'AN', namn: 'Äldrenämnden' }, decisionDate: joinedOn });
  expect(again.code).toBe('PRECONDITION_FAILED');

  // At the period's end: renewal (decided by the municipality, recorded by the owner); a new agreement, signed again.
  let o = await d.waitForOwner((x) => x.feeStatements.length >= 1, 'första avgiften');
  const end = o.agreement!.period.end;
  await d.advanceTo(addDaysIso(end, 1));
  await d.waitForOwner((x) => x.stage === 'fornyelse', 'förnyelse');
  await d.ownerAct('decideRenewal', { decision: 'fornya' });
  await bothSign(d, 'aktiv');
  o = await d.waitForOwner(
    (x) => x.agreement!.period.start === addDaysIso(end, 1) && x.feeStatements.some((f) => f.from === addDaysIso(end, 1)),
    'ny avtalsperiod',
  );
  s = await d.state();
  expect(s.stage).toBe('aktiv');
  expect(s.participants).toHaveLength(1);
  await d.recordHistories('aldrenamnden-ansluter-fornyelse');
});
