/**
 * Issue 10, points 1 and 2, through the HTTP API on the dev server (real time):
 * - one owner of the agreement: an ärende whose decision can be acted on hands it over to SKR's onboarding of the
 *   municipality and programme (started by kommunkod + programme, no invitation needed); both parties sign there, each
 *   for itself; the ärende follows (väntar på start) and shows the owner's agreement; SKR's overview, the county
 *   counts and a bulk invitation see the municipality as connected; SKR links another municipality's ärende by its
 *   diarienummer;
 * - a walk over every action endpoint (the ärende's and SKR's onboarding's) with a principal of the wrong party or
 *   role: 403 with a code, and nothing changes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { generateMeetingPlan } from '../../domain/meetings';
import { stockholmDate } from '../../domain/iso-date';
import { ACTIONS } from '../../domain/stages';
import { ONBOARDING_ACTIONS } from '../../domain/onboarding-stages';
import { registrationBody } from '../fixtures/registration';
import { normalizeSpace, readPdf } from '../support/pdf';
import { eventually, startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { apiClient, uniqueSerie } from '../web/http';
import { KIND, KOMMUN, PROGRAM, STAGE } from '../../workflows/search-attributes';

jest.setTimeout(240_000);

let product: TestProduct;
let sekreterare: ReturnType<typeof apiClient>; // Stockholm's nämndsekreterare: keeps the record, may not sign
let ordforande: ReturnType<typeof apiClient>; // Stockholm's kommunstyrelsens ordförande: may sign for the municipality
let skr: ReturnType<typeof apiClient>; // SKR's administrator: may sign for SKR
let gbg: ReturnType<typeof apiClient>;

beforeAll(async () => {
  product = await startProduct(devServerAddress());
  sekreterare = apiClient(product.baseUrl, 'stockholm');
  ordforande = apiClient(product.baseUrl, 'stockholmOrdforande');
  skr = apiClient(product.baseUrl, 'skr');
  gbg = apiClient(product.baseUrl, 'goteborg');
});
afterAll(async () => {
  await product?.stop();
});

const rid = () => `t-${randomUUID()}`;

/** An ärende of the token's municipality taken through the nämnd to its anslag today, acting before laga kraft. */
async function decidedArende(client: ReturnType<typeof apiClient>, kommunkod: string): Promise<{ id: string; diarienummer: string }> {
  const today = stockholmDate(new Date());
  const year = Number(today.slice(0, 4));
  const serie = uniqueSerie('A');
  const later = generateMeetingPlan(serie, 'Socialnämnden', [year + 1, year + 2], { weekday: 2, week: 3 });
  expect(
    (
      await client('PUT', `/api/sammantradesplaner/${serie}`, {
        organ: serie,
        name: 'Socialnämnden',
        meetings: [{ date: today, documentDeadline: today }, ...later.meetings],
      })
    ).status,
  ).toBe(200);
  const created = await client(
    'POST',
    '/api/arenden',
    registrationBody({ kommunkod, namnd: { kod: serie, namn: 'Socialnämnden' }, kfRequired: false, actBeforeLagaKraft: true }),
  );
  expect(created.status).toBe(201);
  const id = created.json.id as string;
  await eventually(async () => ((await client('GET', `/api/arenden/${id}`)).json?.meetingPlans ? true : undefined));
  const act = async (action: string, body: Record<string, unknown>) => {
    const r = await client('POST', `/api/arenden/${id}/atgarder/${action}`, { requestId: rid(), ...body });
    expect([action, r.status, r.json?.error]).toEqual([action, 200, undefined]);
    return r.json;
  };
  await act('signTjansteutlatande', { role: 'forvaltningschef', signatory: { name: 'Veronica Carstorp Wolgast', title: 'Socialdirektör' } });
  await act('signTjansteutlatande', { role: 'avdelningschef', signatory: { name: 'Lina Blombergsson', title: 'Avdelningschef' } });
  await eventually(async () => ((await client('GET', `/api/arenden/${id}`)).json.stage === 'sammantrade' ? true : undefined));
  await act('recordDecision', { outcome: 'bifall', paragraph: 17 });
  await act('recordJustering', { date: today, chair: 'Ordförande Olsson', adjusters: ['Justerare Jansson'] });
  await act('recordAnslag', { date: today, protocolKeptAt: 'Stadshuset' });
  return { id, diarienummer: created.json.diarienummer };
}

let handedOver: { id: string; diarienummer: string } | undefined;

test('one agreement: the ärende hands over to SKR’s onboarding, each party signs for itself, and both sides show the same connection', async () => {
  const a = await decidedArende(sekreterare, '0180');
  handedOver = a;

  // The ärende's decision started the one onboarding of Stockholm and Yrkesresan (nobody invited it), linked to it.
  const sent = await eventually(async () => {
    const r = await skr('GET', '/api/skr/kommuner/0180');
    return r.json.onboarding?.stage === 'avtal_signeras' ? r.json : undefined;
  }, 60_000);
  expect(sent.onboarding).toMatchObject({
    linkedArendeId: a.id,
    linkedDiarienummer: a.diarienummer,
    followedBy: a.id,
    decision: { source: 'beslutsflode', paragraph: 17 },
  });
  expect(sent.onboarding.timeline[0].text).toContain(a.diarienummer);

  // The ärende shows the owner's agreement (read from the onboarding), and writes none of its own.
  const arende = (await sekreterare('GET', `/api/arenden/${a.id}`)).json;
  expect(arende.stage).toBe('avtal');
  expect(arende.agreement).toBeUndefined();
  expect(arende.agreementOwner.workflowId).toBe('anslutning-0180-yrkesresan');
  expect(arende.agreementHolder).toMatchObject({ stage: 'avtal_signeras', agreement: { version: 1, signatures: {} } });
  expect(arende.allowedActions).toEqual(expect.arrayContaining(['signAgreement', 'rejectAgreement']));

  // Neither the nämndsekreterare (no signing right) nor SKR (the other party) can sign for the municipality.
  const bySekreterare = await sekreterare('POST', `/api/arenden/${a.id}/atgarder/signAgreement`, { requestId: rid(), party: 'kommun' });
  expect([bySekreterare.status, bySekreterare.json.error.code]).toEqual([403, 'NO_SIGNING_RIGHT']);
  const skrForKommun = await skr('POST', '/api/skr/kommuner/0180/atgarder/signAgreement', { requestId: rid(), party: 'kommun', version: 1 });
  expect([skrForKommun.status, skrForKommun.json.error.code]).toEqual([403, 'WRONG_PARTY']);
  const kommunForSkr = await ordforande('POST', `/api/arenden/${a.id}/atgarder/signAgreement`, { requestId: rid(), party: 'skr' });
  expect([kommunForSkr.status, kommunForSkr.json.error.code]).toEqual([403, 'WRONG_PARTY']);
  expect((await skr('GET', '/api/skr/kommuner/0180')).json.onboarding.agreement.signatures).toEqual({});

  // The municipality signs on its ärende, as the signed-in person with a signing right (no free-text signatory).
  const kommun = await ordforande('POST', `/api/arenden/${a.id}/atgarder/signAgreement`, {
    requestId: rid(),
    signatory: { name: 'Någon Annan', title: 'Påhittad' },
  });
  expect([kommun.status, kommun.json.error]).toEqual([200, undefined]);
  // SKR signs for SKR on its dashboard's API.
  const skrSigned = await skr('POST', '/api/skr/kommuner/0180/atgarder/signAgreement', { requestId: rid(), version: 1 });
  expect([skrSigned.status, skrSigned.json.error]).toEqual([200, undefined]);

  const connected = await eventually(async () => {
    const r = await skr('GET', '/api/skr/kommuner/0180');
    return r.json.kommun.connected ? r.json : undefined;
  }, 60_000);
  const signatures = connected.onboarding.agreement.signatures;
  expect(signatures.kommun).toMatchObject({ name: 'Karin Kommunstyrelseordförande', title: 'Kommunstyrelsens ordförande', userId: 'sthlm-ordforande' });
  expect(signatures.skr).toMatchObject({ name: 'Siv SKR-administratör', title: 'Avdelningschef, SKR', userId: 'skr-admin' });
  expect(Date.parse(signatures.kommun.at)).toBeGreaterThan(0);

  // The ärende follows the owner: väntar på start, with the owner's start date and the signed agreement.
  const following = await eventually(async () => {
    const r = (await sekreterare('GET', `/api/arenden/${a.id}`)).json;
    return r.stage === 'vantar_start' && r.agreementHolder?.agreement?.signedDocument ? r : undefined;
  }, 60_000);
  expect(following.start).toBe(connected.onboarding.agreement.period.start);
  expect(following.documents.filter((d: any) => d.type === 'anslutningsavtal').map((d: any) => d.id)).toEqual(
    (await skr('GET', '/api/skr/kommuner/0180')).json.onboarding.documents.filter((d: any) => d.type === 'anslutningsavtal').map((d: any) => d.id),
  );

  // The ärende's page shows the agreement as its owner holds it.
  const page = await fetch(`${product.baseUrl}/arenden/${a.id}`, { headers: { ...product.apiHeaders, accept: 'text/html' } });
  const html = await page.text();
  expect(page.status).toBe(200);
  expect(html).toContain('Avtalet hålls av');
  expect(html).toContain('Karin Kommunstyrelseordförande, Kommunstyrelsens ordförande');

  // The signed agreement PDF (downloaded through the ärende) names who signed, in what title, and the day.
  const signedDoc = following.agreementHolder.agreement.signedDocument;
  const pdf = await fetch(`${product.baseUrl}/api/arenden/${a.id}/dokument/${signedDoc.id}`, { headers: product.apiHeaders });
  expect(pdf.status).toBe(200);
  const text = normalizeSpace((await readPdf(new Uint8Array(await pdf.arrayBuffer()))).text);
  expect(text).toContain('Karin Kommunstyrelseordförande');
  expect(text).toContain('Kommunstyrelsens ordförande');
  expect(text).toContain('Siv SKR-administratör');
  expect(text).toContain(signatures.kommun.at.slice(0, 10));
  expect(text).not.toContain('Behörig företrädare');

  // Issue 13: the signed agreement gets its PDF/A archive copy in SKR's anslutning, downloadable through the ärende;
  // the version sent for signature (not final) gets none.
  const archived = await eventually(async () => {
    const r = (await sekreterare('GET', `/api/arenden/${a.id}`)).json;
    return r.documents.find((d: any) => d.id === signedDoc.id && d.archived);
  }, 60_000);
  const copy = await fetch(`${product.baseUrl}/api/arenden/${a.id}/dokument/${signedDoc.id}/arkivexemplar`, { headers: product.apiHeaders });
  expect(copy.status).toBe(200);
  expect(
    createHash('sha256')
      .update(new Uint8Array(await copy.arrayBuffer()))
      .digest('hex'),
  ).toBe(archived.archived.sha256);
  const sentForSigning = following.documents.find((d: any) => d.type === 'anslutningsavtal' && d.id !== signedDoc.id);
  expect((await fetch(`${product.baseUrl}/api/arenden/${a.id}/dokument/${sentForSigning.id}/arkivexemplar`, { headers: product.apiHeaders })).status).toBe(404);

  // SKR's overview and the county counts see Stockholm as connected; a bulk invitation of the county skips it.
  const overview = await eventually(async () => {
    const o = (await skr('GET', '/api/skr/oversikt')).json;
    return o.byLan.find((l: any) => l.lanskod === '01').connected === 1 ? o : undefined;
  });
  expect(overview.byStatus.find((s: any) => s.status === 'ej_inbjuden').count).toBe(289);
  const bulk = await skr('POST', '/api/skr/massatgarder', {
    requestId: `bulk-${randomUUID()}`,
    action: 'invite',
    filter: { lanskod: '01', status: 'ej_anslutna' },
  });
  const done = await eventually(async () => {
    const p = (await skr('GET', `/api/skr/massatgarder/${bulk.json.id}`)).json;
    return p.status === 'klar' ? p : undefined;
  }, 60_000);
  expect(done).toMatchObject({ total: 25, invited: 25, errors: [] });
  const after = (await skr('GET', '/api/skr/kommuner/0180')).json.onboarding;
  expect(after.timeline.filter((t: any) => t.action === 'invite')).toHaveLength(1);
});

test('SKR links a municipality’s ärende by its diarienummer (not only by its id); an unknown one is 400 naming the field', async () => {
  const created = await gbg('POST', '/api/arenden', registrationBody({ kommunkod: '1480', namnd: { kod: uniqueSerie('G'), namn: 'Socialnämnden' } }));
  expect(created.status).toBe(201);
  expect((await skr('POST', '/api/skr/kommuner/1480/atgarder/invite', { requestId: rid() })).status).toBe(200);
  const unknown = await skr('POST', '/api/skr/kommuner/1480/atgarder/linkAdoption', { requestId: rid(), diarienummer: 'SN 1999/9999' });
  expect(unknown.status).toBe(400);
  expect(unknown.json.error.fields[0]).toMatchObject({ field: 'diarienummer' });
  const linked = await eventually(async () => {
    const r = await skr('POST', '/api/skr/kommuner/1480/atgarder/linkAdoption', {
      requestId: `link-gbg-${created.json.id.slice(-12)}`,
      diarienummer: created.json.diarienummer,
    });
    return r.status === 200 ? r : undefined; // visibility may lag the registration by a moment
  });
  expect(linked.json).toMatchObject({ stage: 'beslut_pagar' });
  const state = (await skr('GET', '/api/skr/kommuner/1480')).json.onboarding;
  expect(state).toMatchObject({ linkedArendeId: created.json.id, linkedDiarienummer: created.json.diarienummer });
  // Another municipality's ärende cannot be linked.
  const foreign = await skr('POST', '/api/skr/kommuner/1480/atgarder/linkAdoption', { requestId: rid(), arendeId: handedOver?.id ?? 'arende-finns-inte-0000' });
  expect(foreign.status).toBe(400);
});

test('every action endpoint with a principal of the wrong party or role: 403 with a code, and nothing changes', async () => {
  const a = handedOver!;
  const ärendeBefore = (await sekreterare('GET', `/api/arenden/${a.id}`)).json;
  const onboardingBefore = (await skr('GET', '/api/skr/kommuner/0180')).json.onboarding;

  const refused: Array<[string, number, string]> = [];
  const expect403 = async (who: string, client: ReturnType<typeof apiClient>, path: string, body: Record<string, unknown>, code?: string) => {
    const r = await client('POST', path, { requestId: rid(), ...body });
    refused.push([`${who} ${path}`, r.status, r.json?.error?.code]);
    expect([who, path, r.status]).toEqual([who, path, 403]);
    if (code) expect([who, path, r.json.error.code]).toEqual([who, path, code]);
    expect(typeof r.json.error.message).toBe('string');
  };

  // The ärende's actions: SKR's administrator is not a party to the municipality's process (and signs only for SKR).
  for (const action of ACTIONS) {
    const body = action === 'signAgreement' || action === 'rejectAgreement' ? { party: 'kommun', comment: 'x' } : {};
    await expect403(
      'skr',
      skr,
      `/api/arenden/${a.id}/atgarder/${action}`,
      body,
      action === 'signAgreement' || action === 'rejectAgreement' ? 'WRONG_PARTY' : 'FORBIDDEN',
    );
  }
  // The municipality's signatory signs only; never for SKR.
  for (const action of ACTIONS) {
    if (action === 'signAgreement' || action === 'rejectAgreement') {
      await expect403('ordförande', ordforande, `/api/arenden/${a.id}/atgarder/${action}`, { party: 'skr', comment: 'x' }, 'WRONG_PARTY');
    } else {
      await expect403('ordförande', ordforande, `/api/arenden/${a.id}/atgarder/${action}`, {}, 'FORBIDDEN');
    }
  }
  // The nämndsekreterare keeps the record but has no right to sign for the municipality.
  await expect403('sekreterare', sekreterare, `/api/arenden/${a.id}/atgarder/signAgreement`, { party: 'kommun' }, 'NO_SIGNING_RIGHT');
  await expect403('sekreterare', sekreterare, `/api/arenden/${a.id}/atgarder/signAgreement`, { party: 'skr' }, 'WRONG_PARTY');
  await expect403('sekreterare', sekreterare, `/api/arenden/${a.id}/atgarder/rejectAgreement`, { party: 'kommun', comment: 'Nej' }, 'NO_SIGNING_RIGHT');

  // SKR's onboarding actions: no municipality user reaches them; SKR never signs or rejects for the municipality.
  for (const action of ONBOARDING_ACTIONS) {
    await expect403('sekreterare', sekreterare, `/api/skr/kommuner/0180/atgarder/${action}`, { party: 'kommun', version: 1 });
    await expect403('ordförande', ordforande, `/api/skr/kommuner/0180/atgarder/${action}`, { party: 'kommun', version: 1 });
  }
  await expect403('skr', skr, '/api/skr/kommuner/0180/atgarder/signAgreement', { party: 'kommun', version: 1 }, 'WRONG_PARTY');
  await expect403('skr', skr, '/api/skr/kommuner/0180/atgarder/rejectAgreement', { party: 'kommun', version: 1, comment: 'Nej' }, 'WRONG_PARTY');
  expect(refused.length).toBe(2 * ACTIONS.length + 3 + 2 * ONBOARDING_ACTIONS.length + 2);

  // Nothing changed on either side.
  const ärendeAfter = (await sekreterare('GET', `/api/arenden/${a.id}`)).json;
  expect(ärendeAfter.history).toEqual(ärendeBefore.history);
  expect(ärendeAfter.stage).toBe(ärendeBefore.stage);
  const onboardingAfter = (await skr('GET', '/api/skr/kommuner/0180')).json.onboarding;
  expect(onboardingAfter.timeline).toEqual(onboardingBefore.timeline);
  expect(onboardingAfter.agreement).toEqual(onboardingBefore.agreement);
});

test('an ärende that signed its own agreement before the owner changed (a legacy run) counts as connected on SKR’s side', async () => {
  // A stand-in for such a run as visibility sees it (kind, municipality, programme, stage): no worker polls its queue.
  const client = product.web.context.client;
  const legacy = await client.workflow.start('adoptionWorkflow', {
    workflowId: `arende-legacy-${randomUUID()}`,
    taskQueue: `ingen-arbetare-${randomUUID()}`,
    args: [],
    typedSearchAttributes: [
      { key: KIND, value: 'arende' },
      { key: KOMMUN, value: '2281' },
      { key: PROGRAM, value: 'yrkesresan' },
      { key: STAGE, value: 'aktiv' },
    ],
  });
  try {
    const row = await eventually(async () => {
      const r = (await skr('GET', '/api/skr/kommuner?lan=22')).json.kommuner.find((k: any) => k.kommunkod === '2281');
      return r?.connected ? r : undefined;
    });
    expect(row).toMatchObject({ status: 'aktiv', connected: true });
    const bulk = await skr('POST', '/api/skr/massatgarder', {
      requestId: `bulk-${randomUUID()}`,
      action: 'invite',
      filter: { kommunkoder: ['2281'], status: 'ej_anslutna' },
    });
    const done = await eventually(async () => {
      const p = (await skr('GET', `/api/skr/massatgarder/${bulk.json.id}`)).json;
      return p.status === 'klar' ? p : undefined;
    }, 60_000);
    expect(done).toMatchObject({ total: 0, invited: 0 });
  } finally {
    await legacy.terminate('test klart');
  }
});
