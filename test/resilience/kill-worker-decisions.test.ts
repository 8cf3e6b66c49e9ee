/**
 * kill -9 of a worker process while decisions are being sent: ärenden wait on today's meeting of the nämnd; for each,
 * the sekreterare sends the decision (bifall) and then the justering (which writes the protokollsutdrag), and the
 * worker (with its Chromium) is killed with SIGKILL as soon as the first decision has been answered. A new worker
 * takes over. A call that failed or hung is sent again with the same requestId, as a client does; every decision and
 * every justering is recorded exactly once, and every ärende has exactly its documents, none twice in the store.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { FileDocumentStore } from '../../documents/store';
import { addDays, stockholmDate } from '../../domain/iso-date';
import { registrationBody } from '../fixtures/registration';
import { eventually } from '../support/product';
import { API_HEADERS, getJson, postJson, recordFiles, startWorkerProcess, uniqueSerie, webOnDevServer } from '../scale/processes';

jest.setTimeout(180_000);

const N = 6;

const product = webOnDevServer('kill-decisions');
const { procs } = product;

/**
 * Sends an action until it is answered 200, always with the same requestId (and body): a call cut off by the dying
 * worker or hanging while no worker runs is simply sent again. Returns how many attempts it took.
 */
async function sendUntilDone(web: string, id: string, action: string, body: Record<string, unknown>): Promise<{ attempts: number; result: any }> {
  const deadline = Date.now() + 120_000;
  for (let attempts = 1; ; attempts++) {
    let res: Response | undefined;
    let text = '';
    try {
      res = await fetch(`${web}/api/arenden/${id}/atgarder/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...API_HEADERS },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      text = await res.text();
    } catch {
      res = undefined; // cut off or timed out: send again
    }
    if (res?.status === 200) return { attempts, result: JSON.parse(text).result };
    // Only a server-side failure (the worker is gone) is retried; a 4xx means the request itself was refused.
    if (res && res.status < 500) throw new Error(`${action} ${id}: ${res.status} ${text.slice(0, 300)}`);
    if (Date.now() > deadline) throw new Error(`${action} ${id} besvarades inte inom 120 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const count = (state: any, action: string) => state.history.filter((h: any) => h.action === action).length;

test('a worker killed with SIGKILL while decisions arrive: each decision and justering recorded once, no document lost or doubled', async () => {
  const { env, dir } = product;
  const web = product.web.url;
  const first = await startWorkerProcess('worker-1', env, dir);
  procs.push(first);
  const serie = uniqueSerie();
  const today = stockholmDate(new Date());
  const plan = {
    organ: serie,
    name: 'Socialnämnden',
    meetings: [
      { date: today, documentDeadline: today },
      { date: addDays(today, 35), documentDeadline: addDays(today, 25) },
    ],
  };
  const put = await fetch(`${web}/api/sammantradesplaner/${serie}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...API_HEADERS },
    body: JSON.stringify(plan),
  });
  expect(put.status).toBe(200);

  // N ärenden signed and placed on today's meeting.
  const ids: string[] = [];
  for (let i = 0; i < N; i++) {
    const r = await postJson(
      web,
      '/api/arenden',
      registrationBody({ namnd: { kod: serie, namn: 'Socialnämnden' }, kfRequired: false, title: `Beslut under krasch ${i}` }),
    );
    expect(r.status).toBe(201);
    ids.push(r.body.id);
  }
  for (const id of ids) {
    for (const [role, name] of [
      ['forvaltningschef', 'Frida Förvaltningschef'],
      ['avdelningschef', 'Adam Avdelningschef'],
    ]) {
      const r = await postJson(web, `/api/arenden/${id}/atgarder/signTjansteutlatande`, {
        requestId: `sign-${randomUUID()}`,
        role,
        signatory: { name, title: role },
      });
      expect(r.status).toBe(200);
    }
  }
  for (const id of ids) {
    await eventually(async () => ((await getJson(web, `/api/arenden/${id}`)).body.stage === 'sammantrade' ? true : undefined), 60_000, 100);
  }
  const before = recordFiles(env).length;
  expect(before).toBe(3 * N); // utkast, signed tjänsteutlåtande, föredragningslista

  // The meeting: each ärende's decision, then its justering; the worker dies once the first decision is answered.
  let firstAnswered!: () => void;
  const answered = new Promise<void>((resolve) => (firstAnswered = resolve));
  const requests = ids.map((id) => ({
    decision: { requestId: `beslut-${randomUUID()}`, outcome: 'bifall', paragraph: 10 + ids.indexOf(id) },
    justering: { requestId: `justering-${randomUUID()}`, date: today, chair: 'Ordförande Olsson', adjusters: ['Justerare Jansson'] },
  }));
  const meeting = Promise.all(
    ids.map(async (id, i) => {
      // The first ärende's decision is sent twice at once (a double click across the crash): recorded once.
      const [decision, twin] = await Promise.all([
        sendUntilDone(web, id, 'recordDecision', requests[i].decision),
        i === 0 ? sendUntilDone(web, id, 'recordDecision', requests[i].decision) : undefined,
      ]);
      if (twin) expect(twin.result).toEqual(decision.result);
      firstAnswered();
      const justering = await sendUntilDone(web, id, 'recordJustering', requests[i].justering);
      return { decision, justering };
    }),
  );
  await answered;
  await first.kill9();
  const recordsAtKill = recordFiles(env).length;
  const second = await startWorkerProcess('worker-2', env, dir);
  procs.push(second);
  const outcomes = await meeting;
  expect(recordsAtKill).toBeLessThan(4 * N); // killed in the middle, not after
  const retried = outcomes.filter((o) => o.decision.attempts > 1 || o.justering.attempts > 1).length;

  // Sending the same request once more changes nothing and answers with the first result.
  const again = await sendUntilDone(web, ids[0], 'recordDecision', requests[0].decision);
  expect(again.result).toEqual(outcomes[0].decision.result);

  const store = new FileDocumentStore(path.join(env.BF_DATA_DIR, 'documents'));
  for (const [i, id] of ids.entries()) {
    const state = (await getJson(web, `/api/arenden/${id}`)).body;
    expect(state.stage).toBe('anslag');
    expect(state.decisions).toHaveLength(1);
    expect(state.decisions[0]).toMatchObject({ outcome: 'bifall', paragraph: 10 + i });
    expect(count(state, 'recordDecision')).toBe(1);
    expect(count(state, 'recordJustering')).toBe(1);
    const types = state.documents.map((d: any) => d.type).sort();
    expect(types).toEqual(['foredragningslista', 'protokollsutdrag', 'tjansteutlatande', 'tjansteutlatande']);
    const stored = await store.listByArende(id);
    expect(stored.map((r) => r.id).sort()).toEqual(state.documents.map((d: any) => d.id).sort());
    const utdrag = stored.find((r) => r.type === 'protokollsutdrag')!;
    expect(await store.getBytes(utdrag.sha256)).toBeDefined();
    expect(outcomes[i].justering.result.documentIds).toEqual([utdrag.id]);
  }
  // One record per document in the whole store: nothing doubled by the retried renders, nothing half-written.
  expect(recordFiles(env)).toHaveLength(4 * N);
  console.log(`Krasch under beslut: ${recordsAtKill - before} av ${N} protokollsutdrag skrivna när workern dödades; ${retried} ärenden behövde nya försök`);
});
