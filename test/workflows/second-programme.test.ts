/**
 * Issue 11 point 6: the next programme is data. "Ledarresan" (test/fixtures/programmes/ledarresan.json: another
 * owner, parts, rates, period and agreement numbers) exists only as a configuration file in the web process's
 * BF_PROGRAMMES_DIR. An ärende registered for it through the API, and an onboarding SKR invites to it through the
 * API, run to signed agreements, a startbesked and fee statements on the unchanged workflows; the PDFs read back
 * name Ledarresan, its owner, its parts and its rates. The worker is not told of the programme at all: the web
 * process passes the validated definition in the workflows' input (docs/process.md, "Programmes are configuration").
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { DEMO_TOKENS } from '../../demo/demo-users';
import type { AdoptionInput } from '../../domain/arende-state';
import { addDays, stockholmDate } from '../../domain/iso-date';
import { DEFAULT_PROGRAMMES_DIR } from '../../runtime/programmes';
import type { adoptionWorkflow } from '../../workflows/adoption';
import { onboardingStateQuery, onboardingWorkflowId, signAgreementUpdate, type OnboardingState } from '../../workflows/onboarding-messages';
import { registrationBody } from '../fixtures/registration';
import { normalizeSpace, readPdf } from '../support/pdf';
import { eventually } from '../onboarding/helpers';
import { appealPeriodPasses, ArendeDriver, bothSign, KOMMUN_SIGNER, SKR_SIGNER, startHarness, targetStartFrom, throughNamnd, type Harness } from './harness';
import { startHttp, type HttpOverHarness } from './http-over-harness';
import { BrowserSession } from '../web/http';

jest.setTimeout(300_000);

let h: Harness;
let http: HttpOverHarness;
beforeAll(async () => {
  // The installation's folder: Yrkesresan as shipped, and Ledarresan beside it.
  const dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'programmes-'));
  copyFileSync(path.join(DEFAULT_PROGRAMMES_DIR, 'yrkesresan.json'), path.join(dir, 'yrkesresan.json'));
  copyFileSync(path.join(__dirname, '..', 'fixtures', 'programmes', 'ledarresan.json'), path.join(dir, 'ledarresan.json'));
  h = await startHarness('second-programme');
  // BF_DIARIESERIER=open: the ärende's nämnd gets a series of its own (its own diarium and meeting plan).
  http = await startHttp(h, { BF_PROGRAMMES_DIR: dir, BF_DIARIESERIER: 'open' });
});
afterAll(async () => {
  await http?.stop();
  await h?.stop();
});

const PROGRAM = 'ledarresan';
const skrApi = () => (method: string, p: string, body?: unknown) => callAs(DEMO_TOKENS.skr.token, method, p, body);

async function callAs(token: string, method: string, p: string, body?: unknown) {
  const res = await fetch(`${http.baseUrl}${p}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function pdfText(id: string): Promise<string> {
  const record = await h.store.getRecord(id);
  const bytes = await h.store.getBytes(record!.sha256);
  return normalizeSpace((await readPdf(bytes as Uint8Array)).text);
}

function expectLedarresanAgreement(text: string) {
  expect(text).toContain('Anslutningsavtal för Ledarresan');
  expect(text).toContain('Kommunala ledares utvecklingsförbund, organisationsnummer 802000-1234, 111 22 Uppsala, nedan kallad KLU');
  expect(text).toContain('Nya chefer');
  expect(text).toContain('Erfarna chefer');
  expect(text).toContain('3,15 kr per invånare och år');
  expect(text).not.toContain('Yrkesresan');
  expect(text).not.toContain('Sveriges Kommuner och Regioner');
}

test('an unknown programme is refused with the field named; the registration form offers the configured ones', async () => {
  const r = await http.api('POST', '/api/arenden', registrationBody({ program: 'okandresan', namnd: { kod: 'SNX', namn: 'Socialnämnden' } }));
  expect(r.status).toBe(400);
  expect(r.json.error.fields).toEqual([
    expect.objectContaining({
      field: 'program',
      rule: 'unknown_program',
      message: expect.stringContaining('ledarresan, yrkesresan'),
    }),
  ]);
  const page = await (await http.session()).get('/arenden/ny');
  expect(page.text).toContain('value="ledarresan"');
  expect(page.text).toContain('Ledarresan');
  const fees = await callAs(DEMO_TOKENS.skr.token, 'GET', `/api/skr/avgifter?program=${PROGRAM}&kommunkod=0180&start=2027-07-01`);
  expect(fees.status).toBe(200);
  expect(fees.json.years[0]).toMatchObject({ year: 2027 });
  const wrong = await callAs(DEMO_TOKENS.skr.token, 'GET', '/api/skr/taxor?program=okandresan');
  expect(wrong.status).toBe(400);
});

test('an ärende for Ledarresan: registered through the API, decided, handed over, signed; agreement, startbesked and fee statement are Ledarresan’s', async () => {
  const today = stockholmDate(await h.env.currentTimeMs());
  const targetStart = targetStartFrom(today);
  const serie = `LR${randomUUID()
    .replace(/[^A-Z]/gi, '')
    .slice(0, 4)
    .toUpperCase()}`;
  const created = await http.api(
    'POST',
    '/api/arenden',
    registrationBody({
      program: PROGRAM,
      kfRequired: false,
      targetStart,
      namnd: { kod: serie, namn: 'Socialnämnden' },
      title: 'Hemställan om att ansluta till Ledarresan',
    }),
  );
  expect(created.status).toBe(201);
  const handle = h.env.client.workflow.getHandle(created.json.id) as WorkflowHandle<typeof adoptionWorkflow>;
  const input = { ...registrationBody(), kommunkod: '0180', program: PROGRAM, targetStart } as unknown as AdoptionInput;
  const d = new ArendeDriver(h, handle, input, (await handle.describe()).runId);
  h.started.push(d);
  let s = await d.waitFor((x) => x.meetingPlans !== undefined && x.documents.length === 1, 'registrerat');
  expect(s).toMatchObject({ program: PROGRAM, programmeStart: '2027-03-01', policy: { targetStart } });

  await throughNamnd(d);
  s = await appealPeriodPasses(d);
  expect(s.stage).toBe('avtal');
  expect(s.agreementOwner?.workflowId).toBe(onboardingWorkflowId('0180', PROGRAM));
  s = await bothSign(d);
  const o = await d.waitForOwner((x) => x.agreement?.signedDocument !== undefined, 'undertecknat avtal');
  expect(o.agreement).toMatchObject({
    number: `LR-0180-${targetStart.slice(0, 4)}`,
    period: { start: targetStart, end: '2028-12-31' },
    preliminary: false,
  });
  const agreement = await pdfText(o.agreement!.signedDocument!.id);
  expectLedarresanAgreement(agreement);
  expect(agreement).toContain('Stockholms stad, nedan kallad kommunen');

  await d.advanceTo(targetStart);
  s = await d.waitFor((x) => x.stage === 'aktiv' && x.documents.some((doc) => doc.type === 'startbesked'), 'aktiv med startbesked');
  const startbesked = await pdfText(s.documents.find((doc) => doc.type === 'startbesked')!.id);
  expect(startbesked).toContain('Startbesked för Ledarresan');
  expect(startbesked).toContain(`Anslutningen till Ledarresan börjar den ${targetStart}`);
  expect(startbesked).toContain('Nya chefer');
  const owner = await d.waitForOwner((x) => x.feeStatements.length === 1, 'första avgiften');
  const fee = await pdfText(owner.feeStatements[0].document.id);
  expect(fee).toContain(`Avgifter för Ledarresan år ${targetStart.slice(0, 4)}`);
  expect(fee).toContain('Kommunala ledares utvecklingsförbund (KLU)');
  expect(fee).toContain('3,15 kr');
  expect(fee).toContain('0,95 kr');
});

test('an onboarding for Ledarresan: SKR invites and registers the decision through the API; the agreement and the fee statement are Ledarresan’s', async () => {
  const kommunkod = '0114'; // Upplands Väsby, Stockholms län: Ledarresan's regional rate applies
  const skr = skrApi();
  const invited = await skr('POST', `/api/skr/kommuner/${kommunkod}/atgarder/invite?program=${PROGRAM}`, {
    requestId: `inv-${randomUUID()}`,
  });
  expect(invited.status).toBe(200);
  const workflowId = onboardingWorkflowId(kommunkod, PROGRAM);
  h.alsoStarted.push(workflowId);
  const handle = h.env.client.workflow.getHandle(workflowId);
  const today = stockholmDate(await h.env.currentTimeMs());
  const start = addDays(today, 40) > '2027-01-01' ? addDays(today, 40) : '2027-01-01';
  const decided = await skr('POST', `/api/skr/kommuner/${kommunkod}/atgarder/registerDecision?program=${PROGRAM}`, {
    requestId: `beslut-${randomUUID()}`,
    organ: 'Kommunfullmäktige',
    date: today,
    paragraph: 41,
    outcome: 'bifall',
    terms: { startDate: start, organisation: 'rss', admins: [{ name: 'Kim Konto', email: 'kim@example.se' }] },
  });
  expect(decided.status).toBe(200);
  const sent = await eventually(async () => {
    const st: OnboardingState = await handle.query(onboardingStateQuery);
    return st.stage === 'avtal_signeras' ? st : undefined;
  }, 30_000);
  const version = sent.agreement!.version;
  for (const [party, signer] of [
    ['kommun', KOMMUN_SIGNER],
    ['skr', SKR_SIGNER],
  ] as const) {
    const body = { requestId: `sign-${randomUUID()}`, actor: { name: signer.name }, party, version, signer };
    await handle.executeUpdate(signAgreementUpdate, { args: [body as never], updateId: body.requestId });
  }
  const signed = await eventually(async () => {
    const st: OnboardingState = await handle.query(onboardingStateQuery);
    return st.agreement?.signedDocument ? st : undefined;
  }, 30_000);
  expect(signed.agreement).toMatchObject({
    number: `LR-${kommunkod}-${start.slice(0, 4)}`,
    period: { start, end: '2028-12-31' },
    fees: { nationalRate: 31_500 },
  });
  expectLedarresanAgreement(await pdfText(signed.agreement!.signedDocument!.id));

  const at = (date: string) => h.env.currentTimeMs().then((now) => Math.max(0, new Date(`${date}T10:00:00+01:00`).getTime() - now));
  await h.env.sleep(await at(start));
  const active = await eventually(async () => {
    const st: OnboardingState = await handle.query(onboardingStateQuery);
    return st.feeStatements.length >= 1 ? st : undefined;
  }, 30_000);
  const fee = await pdfText(active.feeStatements[0].document.id);
  expect(fee).toContain(`Avgifter för Ledarresan år ${start.slice(0, 4)}`);
  expect(fee).toContain('3,15 kr');
  expect(fee).toContain('0,95 kr');

  // SKR's page of the municipality follows ?program= (the configured programmes); an unknown one is refused.
  const page = new BrowserSession(http.baseUrl);
  await page.signIn('skrAdmin');
  const shown = await page.get(`/skr/kommuner/${kommunkod}?program=${PROGRAM}`);
  expect(shown.status).toBe(200);
  expect(shown.text).toContain('anslutning till Ledarresan');
  // (Handlebars writes "=" in an attribute as &#x3D;)
  expect(shown.text.replaceAll('&#x3D;', '=')).toContain(`/api/skr/kommuner/${kommunkod}/dokument/${active.feeStatements[0].document.id}?program=${PROGRAM}`);
  expect((await page.get(`/skr/kommuner/${kommunkod}?program=okandresan`)).status).toBe(400);
});
