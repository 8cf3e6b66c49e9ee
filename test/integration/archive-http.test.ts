/**
 * Issue 13, point 1: every final document gets its archive copy in the process (workflows/context.ts archive, patch
 * 'archive-final-documents'), visible in the ärende's document list and downloadable as "Arkivexemplar (PDF/A)" from
 * the API and the ärende page. Proven through the HTTP API: the signed tjänsteutlåtande and the protokollsutdrag get
 * a copy whose bytes are the register's and which veraPDF passes as PDF/A-2b; an utkast gets none (404).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMeetingPlan } from '../../domain/meetings';
import { stockholmDate } from '../../domain/iso-date';
import { registrationBody } from '../fixtures/registration';
import { eventually, apiAct, apiCall, startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { requireVeraPdf, veraPdf } from '../support/verapdf';

jest.setTimeout(240_000);

let product: TestProduct;
beforeAll(async () => {
  requireVeraPdf(); // fails here, with what to install, when veraPDF is missing
  product = await startProduct(devServerAddress());
});
afterAll(async () => {
  await product?.stop();
});

const call = (method: string, path: string, body?: unknown) => apiCall(product, method, path, body);

const act = (id: string, action: string, body: Record<string, unknown>) => apiAct(product, id, action, body);

interface Doc {
  id: string;
  type: string;
  version: number;
  status?: string;
  sha256: string;
  archived?: { sha256: string; size: number };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('a signed tjänsteutlåtande and a protokollsutdrag get a PDF/A-2b archive copy in the process; an utkast does not', async () => {
  const today = stockholmDate(new Date());
  const serie = `A${randomUUID()
    .replace(/[^A-Z]/gi, '')
    .slice(0, 5)
    .toUpperCase()}`;
  const later = generateMeetingPlan(serie, 'Socialnämnden', [Number(today.slice(0, 4)) + 1], { weekday: 2, week: 3 });
  const plan = { organ: serie, name: 'Socialnämnden', meetings: [{ date: today, documentDeadline: today }, ...later.meetings] };
  expect((await call('PUT', `/api/sammantradesplaner/${serie}`, plan)).status).toBe(200);
  const created = await call('POST', '/api/arenden', registrationBody({ namnd: { kod: serie, namn: 'Socialnämnden' }, kfRequired: false }));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const documents = async (): Promise<Doc[]> => (await call('GET', `/api/arenden/${id}`)).body.documents ?? [];
  await eventually(async () => ((await call('GET', `/api/arenden/${id}`)).body.meetingPlans ? true : undefined));

  // Signing makes the final version; its archive copy follows without holding up the answer.
  await act(id, 'signTjansteutlatande', { role: 'forvaltningschef', signatory: { name: 'Veronica Carstorp Wolgast', title: 'Socialdirektör' } });
  await act(id, 'signTjansteutlatande', { role: 'avdelningschef', signatory: { name: 'Lina Blombergsson', title: 'Avdelningschef' } });
  const signed = await eventually(async () => (await documents()).find((d) => d.type === 'tjansteutlatande' && d.status === 'slutlig' && d.archived), 60_000);

  // The justerat protokoll's utdrag.
  await eventually(async () => ((await call('GET', `/api/arenden/${id}`)).body.stage === 'sammantrade' ? true : undefined));
  await act(id, 'recordDecision', { outcome: 'bifall', paragraph: 12 });
  await act(id, 'recordJustering', { date: today, chair: 'Ordförande Olsson', adjusters: ['Justerare Jansson'] });
  const utdrag = await eventually(async () => (await documents()).find((d) => d.type === 'protokollsutdrag' && d.archived), 120_000);

  // An utkast has no copy: none in the state and 404 with the code.
  const drafts = (await documents()).filter((d) => d.status === 'utkast');
  expect(drafts.length).toBeGreaterThan(0);
  for (const d of drafts) {
    expect(d.archived).toBeUndefined();
    const r = await call('GET', `/api/arenden/${id}/dokument/${d.id}/arkivexemplar`);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('ARCHIVE_COPY_NOT_FOUND');
    expect(r.body.error.message).toContain('utkast');
  }

  // The copies download from the API and from the ärende page, are the register's bytes, and pass PDF/A-2b.
  const dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'arkivexemplar-'));
  try {
    const files: string[] = [];
    for (const doc of [signed, utdrag]) {
      const res = await fetch(`${product.baseUrl}/api/arenden/${id}/dokument/${doc.id}/arkivexemplar`, { headers: product.apiHeaders });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toMatch(/-arkivexemplar-pdfa\.pdf"$/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(sha256(bytes)).toBe(doc.archived!.sha256);
      expect(doc.archived!.sha256).not.toBe(doc.sha256); // a copy of its own, beside the tagged original
      expect(bytes.length).toBe(doc.archived!.size);
      const file = path.join(dir, `${doc.type}.pdf`);
      writeFileSync(file, bytes);
      files.push(file);
    }
    const page = await (await fetch(`${product.baseUrl}/arenden/${id}`, { headers: { ...product.apiHeaders, accept: 'text/html' } })).text();
    const table = page.slice(page.indexOf('id="rubrik-dokument"'), page.indexOf('id="rubrik-historik"'));
    const links = [...table.matchAll(/<a href="([^"]+\/arkivexemplar)" download>Arkivexemplar \(PDF\/A\)/g)].map((m) => m[1]);
    expect(links).toEqual(expect.arrayContaining([`/arenden/${id}/dokument/${signed.id}/arkivexemplar`, `/arenden/${id}/dokument/${utdrag.id}/arkivexemplar`]));
    for (const d of drafts) expect(links).not.toContain(`/arenden/${id}/dokument/${d.id}/arkivexemplar`);
    const fromPage = await fetch(`${product.baseUrl}${links[0]}`, { headers: { ...product.apiHeaders, accept: 'text/html' } });
    expect(fromPage.status).toBe(200);
    expect(fromPage.headers.get('content-disposition')).toMatch(/^attachment; filename=".*-arkivexemplar-pdfa\.pdf"$/);

    const results = await veraPdf(files, '2b');
    for (const file of files) {
      const r = results.get(path.resolve(file))!;
      console.log(
        `veraPDF PDF/A-2b ${path.basename(file)}: ${r.compliant ? 'godkänd' : 'UNDERKÄND'} (regler ${r.passedRules}/${r.failedRules}, kontroller ${r.passedChecks}/${r.failedChecks})`,
      );
      expect(r.failures).toEqual([]);
      expect(r.compliant).toBe(true);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
