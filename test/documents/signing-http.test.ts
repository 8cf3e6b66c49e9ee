/**
 * The signed anslutningsavtal's archive copy, end to end over HTTP on the dev server: SKR's anslutning of Stockholm
 * sends the agreement, both parties sign through the (fake) signing service; the copy downloaded from the API carries both
 * parties' PAdES signatures (municipality first), pdfsig verifies both, veraPDF passes it as PDF/A-2b, and the
 * register (POST /api/verifiera) names the signatures.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_TOKENS } from '../../demo/demo-users';
import { LocalPadesSigner } from '../../signing/local-pades';
import { pdfSignerFromEnv } from '../../signing/from-env';
import { nssDbTrusting, pdfsig } from '../support/pdfsig';
import { eventually, startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { requireVeraPdf, veraPdf } from '../support/verapdf';

jest.setTimeout(240_000);

let product: TestProduct;
beforeAll(async () => {
  requireVeraPdf();
  // The signing service stand-in answers both parties' requests (activities/signing.ts); this file's env only.
  process.env.BF_SIGNING_PROVIDER = 'fake';
  product = await startProduct(devServerAddress());
});
afterAll(async () => {
  await product?.stop();
});

const as = (who: keyof typeof DEMO_TOKENS) => ({ authorization: `Bearer ${DEMO_TOKENS[who].token}` });

async function call(method: string, url: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${product.baseUrl}${url}`, {
    method,
    headers: { ...headers, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

test('the final agreement downloaded from the API carries both parties’ signatures: valid in pdfsig, PDF/A-2b in veraPDF', async () => {
  const kod = '0180';
  const act = async (who: keyof typeof DEMO_TOKENS, action: string, body: Record<string, unknown>) => {
    const r = await call('POST', `/api/skr/kommuner/${kod}/atgarder/${action}`, as(who), { requestId: `t-${randomUUID()}`, ...body });
    expect([action, r.status, r.json?.error]).toEqual([action, 200, undefined]);
  };
  await act('skr', 'invite', {});
  await act('skr', 'registerDecision', { organ: 'Kommunstyrelsen', date: '2026-11-02', paragraph: 12, outcome: 'bifall', terms: { startDate: '2027-07-01' } });
  // Whichever party the service hears from first, the file is signed by the municipality, then SKR (docs/signing.md).

  const signed = await eventually(async () => {
    const { json } = await call('GET', `/api/skr/kommuner/${kod}`, as('skr'));
    return json.onboarding.documents.find((d: any) => d.type === 'anslutningsavtal' && d.status === 'slutlig' && d.archived);
  }, 120_000);
  const res = await fetch(`${product.baseUrl}/api/skr/kommuner/${kod}/dokument/${signed.id}/arkivexemplar`, { headers: as('skr') });
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(signed.archived.sha256);

  const dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'signing-http-'));
  const file = path.join(dir, 'arkivexemplar.pdf');
  writeFileSync(file, bytes);
  const signer = pdfSignerFromEnv() as LocalPadesSigner; // the worker's: the same key folder (BF_PDF_SIGNING_KEYS)
  const nss = nssDbTrusting(await signer.caCertificate(), path.join(dir, 'nss'));
  const checked = await pdfsig(file, nss);
  console.log(`pdfsig på arkivexemplaret från API:t:\n${checked.output}`);
  expect(checked.signatures.map((s) => [s.field, s.commonName, s.type, s.signatureValidation])).toEqual([
    ['Underskrift1', 'Kim Kommun', 'ETSI.CAdES.detached', 'Signature is Valid.'],
    ['Underskrift2', 'Anna Skr', 'ETSI.CAdES.detached', 'Signature is Valid.'],
  ]);
  if (nss) for (const s of checked.signatures) expect(s.certificateValidation).toBe('Certificate is Trusted.');
  const vera = (await veraPdf([file], '2b')).get(path.resolve(file))!;
  expect(vera.failures.map((f) => f.rule)).toEqual([]);

  // The register knows the copy and its signatures.
  const verified = await fetch(`${product.baseUrl}/api/verifiera`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: bytes });
  const body = await verified.json();
  expect(body).toMatchObject({ authentic: true, document: { type: 'anslutningsavtal', archival: true } });
  expect(body.document.signatures.map((s: any) => [s.role, s.name, s.title, s.organisation])).toEqual([
    ['kommun', 'Kim Kommun', 'Kommundirektör', 'Stockholms stad'],
    ['skr', 'Anna Skr', 'Avdelningschef', 'Sveriges Kommuner och Regioner'],
  ]);
  // And so does the public verification page, for a person holding the file.
  const form = new FormData();
  form.append('fil', new Blob([bytes], { type: 'application/pdf' }), 'arkivexemplar.pdf');
  const html = await (await fetch(`${product.baseUrl}/verifiera`, { method: 'POST', body: form })).text();
  expect(html).toContain('Elektroniska underskrifter i filen');
  expect(html).toMatch(/<li>Kim Kommun, Kommundirektör, för Stockholms stad \(.+\)<\/li><li>Anna Skr, Avdelningschef, för Sveriges Kommuner och Regioner/);
});
