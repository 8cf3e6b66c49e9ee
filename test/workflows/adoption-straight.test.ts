/** The whole process straight through, with KF, to two years of fees; months pass in milliseconds. */
import { normalizeSpace, readPdf } from '../support/pdf';
import {
  appealPeriodPasses,
  ArendeDriver,
  bothSign,
  decideAndPublish,
  draftAndSign,
  HANDLAGGARE,
  ksPrepares,
  startHarness,
  addDaysIso,
  type Harness,
} from './harness';

jest.setTimeout(240_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness('straight');
});
afterAll(async () => {
  await h?.stop();
});

test('utkast → beredning → nämnd → KS → KF → laga kraft → avtal (held by SKR’s anslutning) → start → two fee years → utträde', async () => {
  const d = await ArendeDriver.register(h, { kommunkod: '0180' });
  const today = await d.today();
  let s = await d.state();
  expect(s.stage).toBe('utkast');
  expect(s.diarienummer).toMatch(/^S[A-Z]{5} \d{4}\/0001$/);
  expect(s.plan?.milestones.map((m) => m.step)).toContain('kf_sammantrade');

  // Beredning: two referrals in parallel, one yttrande and one "avstår"; then on to signing by itself.
  await d.act('sendReferrals', {
    actor: HANDLAGGARE,
    referrals: [
      { recipient: 'Förvaltningsgruppen', dueDate: addDaysIso(today, 7) },
      { recipient: 'Rådet för funktionshinderfrågor', dueDate: addDaysIso(today, 8), questions: ['Hur påverkas tillgängligheten?'] },
    ],
  });
  s = await d.state();
  expect(s.stage).toBe('beredning');
  expect(s.documents.filter((x) => x.type === 'remiss')).toHaveLength(2);
  expect(s.deadlines[0]).toMatchObject({ kind: 'remissvar', date: addDaysIso(today, 7) });
  await d.act('recordReferralAnswer', {
    actor: HANDLAGGARE,
    recipient: 'Förvaltningsgruppen',
    answer: 'yttrande',
    text: ['Förvaltningsgruppen tillstyrker förslaget.'],
  });
  await d.act('recordReferralAnswer', { actor: HANDLAGGARE, recipient: 'Rådet för funktionshinderfrågor', answer: 'avstar' });
  s = await d.waitForStage('signering');
  expect(s.documents.filter((x) => x.type === 'yttrande')).toHaveLength(2);

  // Signed by both → placed on the nämnd's next open meeting (föredragningslista).
  s = await draftAndSign(d);
  expect(s.meeting).toMatchObject({ organ: 'namnd', organName: 'Socialnämnden' });
  expect(s.meeting!.documentDeadline >= today).toBe(true);
  const signed = s.documents.filter((x) => x.type === 'tjansteutlatande');
  expect(signed.map((x) => x.version)).toEqual([1, 2]);

  // Nämnden: bifall with a reservation → justering → anslag → hemställan to KF via KS (not appealable: preparatory).
  s = await decideAndPublish(d, { paragraph: 7, reservations: [{ who: 'Vera Vänster (V)', text: 'Vi anser att staden ska använda StorSthlm.' }] });
  expect(s.stage).toBe('ks_beredning');
  expect(s.appeal).toBeUndefined();
  expect(s.documents.map((x) => x.type)).toEqual(expect.arrayContaining(['protokollsutdrag', 'anslagsbevis', 'hemstallan']));

  const utdrag = s.documents.find((x) => x.type === 'protokollsutdrag')!;
  expect(utdrag).toMatchObject({ step: 'justering', version: 1 });
  const text = normalizeSpace((await readPdf(await d.pdf(utdrag.id))).text);
  expect(text).toContain('§ 7');
  expect(text).toContain('Socialnämnden godkänner förvaltningens förslag');
  expect(text).toContain('Vera Vänster (V)');

  // KS prepares; KF decides; the appeal period runs out → laga kraft → the agreement stage.
  s = await ksPrepares(d);
  s = await decideAndPublish(d, { paragraph: 3 });
  expect(s.stage).toBe('overklagandetid');
  expect(s.deadlines.map((x) => x.kind)).toContain('overklagande');
  const kfAnslag = s.decisions[s.decisions.length - 1].anslag!;
  s = await appealPeriodPasses(d);
  expect(s.stage).toBe('avtal');
  expect(s.lagaKraft).toBe(addDaysIso(kfAnslag.lastAppealDay, 1));

  // The decision is handed over to SKR's anslutning of the municipality, which holds the agreement and the fees.
  expect(s.agreementOwner?.workflowId).toBe('anslutning-0180-yrkesresan');
  // Both sign (there) → the start date is the target (1 July) → a durable timer (the owner's).
  s = await bothSign(d);
  expect(s.start).toBe(d.input.targetStart);
  expect(s.agreement).toBeUndefined(); // no second agreement in the ärende
  const start = s.start!;
  let o = await d.waitForOwner((x) => x.agreement?.signedDocument !== undefined, 'undertecknat avtal');
  expect(o.agreement!.period.end > start).toBe(true);
  const avtalText = normalizeSpace((await readPdf(await d.pdf(o.agreement!.signedDocument!.id))).text);
  expect(avtalText).toContain('Sveriges Kommuner och Regioner');
  expect(avtalText).toContain('Stockholms stad, nedan kallad kommunen');
  expect(avtalText).not.toContain('nedan kallad nedan kallad');
  expect(avtalText).toContain('Karin Kommunstyrelseordförande');

  await d.advanceTo(start);
  s = await d.waitFor((x) => x.stage === 'aktiv' && x.runs >= 1, 'aktiv (ny körning)');
  expect(s.documents.map((x) => x.type)).toContain('startbesked');
  expect(s.fees).toEqual([]); // the fee statements are the owner's
  o = await d.waitForOwner((x) => x.feeStatements.length === 1, 'första avgiften');
  expect(o.feeStatements[0]).toMatchObject({ year: Number(start.slice(0, 4)), from: start });

  const nextYear = `${Number(start.slice(0, 4)) + 1}-01-01`;
  await d.advanceTo(nextYear);
  o = await d.waitForOwner((x) => x.feeStatements.length === 2, 'andra avgiftsåret');
  expect(o.feeStatements[1]).toMatchObject({ year: Number(start.slice(0, 4)) + 1, from: nextYear });
  const feeText = normalizeSpace((await readPdf(await d.pdf(o.feeStatements[1].document.id))).text);
  expect(feeText).toContain('Avgiftsunderlag');

  // At the end of the period the municipality decides (through its ärende, forwarded to the owner): utträde.
  await d.advanceTo(addDaysIso(o.agreement!.period.end, 1));
  await d.waitForOwner((x) => x.stage === 'fornyelse', 'förnyelse eller utträde');
  await d.ownerAct('decideRenewal', { decision: 'uttrade', comment: 'Ny dialog med SKR om nästa period.' });
  s = await d.waitForStage('avslutad');
  expect(s.endReason).toContain('trätt ur');
  await d.recordHistories('straight');
});
