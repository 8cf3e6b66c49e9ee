/**
 * A whole ärende through the HTTP API on the dev server (real time): registration, referrals, signing, placement on
 * the nämnd's meeting (a plan with a meeting today), decision, justering, anslag, and, acting before laga kraft, the
 * agreement signed by both parties. Also: the plan endpoint, 409 for an action the stage does not allow, 400 naming
 * the field, the same request twice recorded once, and the list from visibility.
 */
import { randomUUID } from 'node:crypto';
import { generateMeetingPlan } from '../../domain/meetings';
import { addDays, stockholmDate } from '../../domain/iso-date';
import { registrationBody } from '../fixtures/registration';
import { normalizeSpace, readPdf } from '../support/pdf';
import { eventually, apiCall, startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { DEMO_TOKENS } from '../../demo/demo-users';

jest.setTimeout(180_000);

let product: TestProduct;
beforeAll(async () => {
  product = await startProduct(devServerAddress());
});
afterAll(async () => {
  await product?.stop();
});

const call = (method: string, path: string, body?: unknown) => apiCall(product, method, path, body);

const act = (id: string, action: string, body: Record<string, unknown>) =>
  call('POST', `/api/arenden/${id}/atgarder/${action}`, { requestId: `http-${randomUUID()}`, ...body });

function uniqueSerie(): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = 'H';
  for (let i = 0; i < 5; i++) s += letters[Math.floor(Math.random() * letters.length)];
  return s;
}

test('a whole ärende through POST /api/arenden/:id/atgarder/:action', async () => {
  const today = stockholmDate(new Date());
  const serie = uniqueSerie();
  const year = Number(today.slice(0, 4));
  // The nämnd meets today (documents due today) and then monthly.
  const later = generateMeetingPlan(serie, 'Socialnämnden', [year + 1, year + 2], { weekday: 2, week: 3 });
  const plan = { organ: serie, name: 'Socialnämnden', meetings: [{ date: today, documentDeadline: today }, ...later.meetings] };
  expect((await call('PUT', `/api/sammantradesplaner/${serie}`, plan)).status).toBe(200);

  const created = await call(
    'POST',
    '/api/arenden',
    registrationBody({ namnd: { kod: serie, namn: 'Socialnämnden' }, kfRequired: false, actBeforeLagaKraft: true }),
  );
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await eventually(async () => ((await call('GET', `/api/arenden/${id}`)).body.meetingPlans ? true : undefined));

  const planned = await call('GET', `/api/arenden/${id}/plan?targetStart=${year + 1}-07-01`);
  expect(planned.status).toBe(200);
  expect(planned.body).toMatchObject({ stage: 'utkast', targetStart: `${year + 1}-07-01` });
  expect(planned.body.milestones.map((m: { step: string }) => m.step)).toEqual(expect.arrayContaining(['namnd_sammantrade', 'laga_kraft', 'start']));
  expect((await call('GET', `/api/arenden/${id}/plan?targetStart=2027-02-30`)).status).toBe(400);

  // Not allowed in utkast: 409 with the code and a Swedish reason; nothing changes.
  const before = (await call('GET', `/api/arenden/${id}`)).body;
  const wrongStage = await act(id, 'recordDecision', { outcome: 'bifall', paragraph: 1 });
  expect(wrongStage.status).toBe(409);
  expect(wrongStage.body.error).toMatchObject({ code: 'ACTION_NOT_ALLOWED_IN_STAGE' });
  expect(wrongStage.body.error.message).toContain('Utkast');
  // Invalid payload: 400 naming the field.
  const invalid = await act(id, 'sendReferrals', { referrals: [{ recipient: 'Äldrenämnden', dueDate: '31/12' }] });
  expect(invalid.status).toBe(400);
  expect(invalid.body.error.fields[0]).toMatchObject({ field: 'referrals.0.dueDate' });
  expect((await call('GET', `/api/arenden/${id}`)).body.history).toEqual(before.history);
  expect((await call('POST', `/api/arenden/${id}/atgarder/flyttaArende`, {})).status).toBe(404);

  const referral = await act(id, 'sendReferrals', { referrals: [{ recipient: 'Äldrenämnden', dueDate: addDays(today, 7) }] });
  expect(referral.status).toBe(200);
  expect(referral.body.state.stage).toBe('beredning');
  await act(id, 'recordReferralAnswer', { recipient: 'Äldrenämnden', answer: 'yttrande', text: ['Äldrenämnden tillstyrker men avstår från att ansluta nu.'] });
  await act(id, 'signTjansteutlatande', { role: 'forvaltningschef', signatory: { name: 'Veronica Carstorp Wolgast', title: 'Socialdirektör' } });
  const signed = await act(id, 'signTjansteutlatande', { role: 'avdelningschef', signatory: { name: 'Lina Blombergsson', title: 'Avdelningschef' } });
  expect(signed.status).toBe(200);
  const onAgenda = await eventually(async () => {
    const s = (await call('GET', `/api/arenden/${id}`)).body;
    return s.stage === 'sammantrade' ? s : undefined;
  });
  expect(onAgenda.meeting.date).toBe(today);

  // The same decision sent twice (same requestId) is recorded once.
  const decision = { requestId: `beslut-${randomUUID()}`, outcome: 'bifall', paragraph: 17, reservations: [{ who: 'Vera Vänster (V)' }] };
  const first = await call('POST', `/api/arenden/${id}/atgarder/recordDecision`, decision);
  const second = await call('POST', `/api/arenden/${id}/atgarder/recordDecision`, decision);
  expect(first.status).toBe(200);
  expect(second.status).toBe(200);
  expect(second.body.result).toEqual(first.body.result);
  expect(second.body.state.decisions).toHaveLength(1);
  const reused = await call('POST', `/api/arenden/${id}/atgarder/recordDecision`, { ...decision, paragraph: 18 });
  expect(reused.status).toBe(409);
  expect(reused.body.error.code).toBe('REQUEST_ID_REUSED');

  const justerat = await act(id, 'recordJustering', { date: today, chair: 'Ordförande Olsson', adjusters: ['Justerare Jansson'] });
  expect(justerat.body.state.stage).toBe('anslag');
  const anslag = await act(id, 'recordAnslag', { date: today, protocolKeptAt: 'Stadshuset, Stockholm' });
  expect(anslag.body.state).toMatchObject({ stage: 'avtal', appeal: { status: 'open', from: today } });
  expect(anslag.body.state.allowedActions).toEqual(expect.arrayContaining(['registerOverklagande']));

  // The agreement is held by SKR's anslutning (the ärende handed over): each party signs for itself, as the person
  // signed in with a signing right — the kommunstyrelsens ordförande on the ärende, SKR's administrator at SKR.
  const out = await eventually(async () => {
    const st = (await call('GET', `/api/arenden/${id}`)).body;
    return st.agreementHolder?.stage === 'avtal_signeras' ? st : undefined;
  });
  expect(out.allowedActions).toEqual(expect.arrayContaining(['signAgreement', 'rejectAgreement', 'registerOverklagande']));
  const signAs = (token: string, path: string, body: Record<string, unknown>) =>
    fetch(`${product.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ requestId: `http-${randomUUID()}`, ...body }),
    });
  expect((await signAs(DEMO_TOKENS.stockholmOrdforande.token, `/api/arenden/${id}/atgarder/signAgreement`, {})).status).toBe(200);
  expect((await signAs(DEMO_TOKENS.skr.token, '/api/skr/kommuner/0180/atgarder/signAgreement', { version: 1 })).status).toBe(200);
  const done = {
    body: {
      state: await eventually(async () => {
        const s = (await call('GET', `/api/arenden/${id}`)).body;
        return s.stage === 'vantar_start' ? s : undefined;
      }),
    },
  };
  expect(done.body.state.history.find((e: { action: string }) => e.action === 'recordDecision').actor).toContain('Sara Sekreterare');

  const utdrag = done.body.state.documents.find((d: { type: string }) => d.type === 'protokollsutdrag');
  const pdf = await fetch(`${product.baseUrl}/api/arenden/${id}/dokument/${utdrag.id}`, { headers: product.apiHeaders });
  const text = normalizeSpace((await readPdf(new Uint8Array(await pdf.arrayBuffer()))).text);
  expect(text).toContain('§ 17');
  expect(text).toContain('Vera Vänster (V)');

  const listed = await eventually(async () => {
    const { body } = await call('GET', `/api/arenden?namnd=${serie}&stage=vantar_start`);
    return body.arenden.length === 1 ? body.arenden : undefined;
  });
  expect(listed[0]).toMatchObject({ id, stage: 'vantar_start' });
});
