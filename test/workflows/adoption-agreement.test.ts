/** The agreement with SKR (rejected with a comment, then signed), äldrenämnden joining later, and a renewal. */
import { normalizeSpace, readPdf } from '../support/pdf';
import { addDaysIso, appealPeriodPasses, ArendeDriver, bothSign, startHarness, throughNamnd, type Harness } from './harness';

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

test('the agreement rejected with a comment goes back to the sender; both sign again; one signed agreement', async () => {
  const d = await ArendeDriver.register(h, { kfRequired: false, regionalOrganisation: 'egen' });
  let s = await toAgreement(d);
  expect(s.stage).toBe('avtal');
  await d.act('signAgreement', { party: 'kommun', signatory: { name: 'Karin Kommunstyrelseordförande', title: 'Kommunstyrelsens ordförande' } });
  const rejected = await d.act('rejectAgreement', { party: 'skr', comment: 'Bilagan om kontoadministration saknas.' });
  expect(rejected.message).toContain('Tillbaka till kommunen');
  s = await d.state();
  expect(s.stage).toBe('avtal');
  expect(s.agreement).toMatchObject({ round: 2, signatures: {}, rejections: [{ party: 'skr', comment: 'Bilagan om kontoadministration saknas.', round: 1 }] });
  expect(s.documents.filter((x) => x.type === 'anslutningsavtal')).toHaveLength(0);

  s = await bothSign(d);
  const avtal = s.documents.filter((x) => x.type === 'anslutningsavtal');
  expect(avtal).toHaveLength(1);
  const text = normalizeSpace((await readPdf(await d.pdf(avtal[0].id))).text);
  expect(text).toContain('Barn och unga');
  expect(text).toContain('ingen regional avgift'); // the municipality organises the regional part itself
  await d.recordHistories('avtal-avvisat-sedan-undertecknat');
});

test('äldrenämnden joins the same anslutning later; a renewal gives a new period and its fee statement', async () => {
  const d = await ArendeDriver.register(h, { kfRequired: false });
  await toAgreement(d);
  let s = await bothSign(d);
  const start = s.start!;
  await d.advanceTo(start);
  s = await d.waitFor((x) => x.stage === 'aktiv' && x.fees.length === 1, 'aktiv');

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

  const end = s.agreement!.period.end;
  await d.act('decideRenewal', { decision: 'renew' });
  await d.advanceTo(addDaysIso(end, 1));
  s = await d.waitFor((x) => x.agreement!.period.start === addDaysIso(end, 1) && x.fees.length === 3, 'ny avtalsperiod');
  expect(s.stage).toBe('aktiv');
  expect(s.fees[2]).toMatchObject({ from: addDaysIso(end, 1) });
  expect(s.participants).toHaveLength(1);
  await d.recordHistories('aldrenamnden-ansluter-fornyelse');
});
