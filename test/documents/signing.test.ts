/**
 * The local PAdES signer (signing/local-pades.ts, pyHanko) on a real archive copy: the anslutningsavtal rendered by
 * Chromium, converted to PDF/A-2b by Ghostscript, then signed by the municipality and by SKR. Each step is checked by
 * the tools a recipient would use: poppler's pdfsig (validity, and trust through an NSS database that trusts the
 * installation's test CA), veraPDF (PDF/A-2b after every signature) and openssl (the CMS is PAdES: the
 * signing-certificate-v2 attribute, no CMS signing-time).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toPdfA2b } from '../../documents/archival';
import { renderDocumentHtml } from '../../documents/templates';
import { VERAPDF } from '../../runtime/verapdf';
import { createRenderer } from '../../runtime/worker';
import { signatureRequestsFor } from '../../signing/document-signatures';
import { LocalPadesSigner } from '../../signing/local-pades';
import { signInOrder, type AppliedSignature } from '../../signing/pdf-signer';
import { describeMissingPyhanko, findPyhanko } from '../../signing/pyhanko-tool';
import { lastTrailerId, nssDbTrusting, pdfsig, printCms, signatureContents } from '../support/pdfsig';
import { requireVeraPdf, veraPdf, type VeraPdfResult } from '../support/verapdf';
import { SAMPLES, sampleLook } from './samples';

jest.setTimeout(180_000);

const dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'signing-'));
const files = { copy: path.join(dir, 'avtal-pdfa.pdf'), once: path.join(dir, 'avtal-1.pdf'), twice: path.join(dir, 'avtal-2.pdf') };
const agreement = {
  type: 'anslutningsavtal',
  data: {
    ...SAMPLES.anslutningsavtal,
    signatures: {
      skr: [{ name: 'Exempel Direktör', title: 'Avdelningschef', place: 'Stockholm', date: '2027-03-12' }],
      municipality: [{ name: 'Exempel Ordförande', title: 'Ordförande i socialnämnden', date: '2027-03-10' }],
    },
  },
};
let signatures: AppliedSignature[] = [];
let nssDb: string | undefined;
let vera: Map<string, VeraPdfResult>;

beforeAll(async () => {
  if (!findPyhanko()) throw new Error(describeMissingPyhanko());
  const renderer = createRenderer(1);
  try {
    const printable = renderDocumentHtml('anslutningsavtal', agreement.data, sampleLook);
    const tagged = await renderer.render({ ...printable, createdAt: new Date('2027-03-12T08:00:00Z') });
    writeFileSync(files.copy, await toPdfA2b(tagged, { title: printable.title, author: printable.author, subject: printable.subject, lang: 'sv' }));
  } finally {
    await renderer.close();
  }
  const signer = new LocalPadesSigner({ keyDir: path.join(dir, 'keys') });
  const [kommun, skr] = signatureRequestsFor({ type: 'anslutningsavtal', status: 'slutlig' }, agreement);
  const once = await signer.sign(readFileSync(files.copy), kommun!);
  writeFileSync(files.once, once.pdf);
  const twice = await signInOrder(signer, once.pdf, [skr!]);
  writeFileSync(files.twice, twice.pdf);
  signatures = [once.signature, ...twice.signatures];
  nssDb = nssDbTrusting(await signer.caCertificate(), path.join(dir, 'nss'));
  vera = await veraPdf([files.copy, files.once, files.twice], '2b', requireVeraPdf());
});

test('the municipality signs first, then SKR, each as its organisation with the recorded day in the reason', () => {
  const requests = signatureRequestsFor({ type: 'anslutningsavtal', status: 'slutlig' }, agreement);
  expect(requests.map((r) => [r.signer.role, r.signer.name, r.signer.organisation, r.reason, r.location])).toEqual([
    ['kommun', 'Exempel Ordförande', 'Stockholms stad', 'Undertecknat för Stockholms stad den 10 mars 2027', 'Stockholms stad'],
    ['skr', 'Exempel Direktör', 'Sveriges Kommuner och Regioner', 'Undertecknat för Sveriges Kommuner och Regioner den 12 mars 2027', 'Stockholm'],
  ]);
  // Not final, or a party still a placeholder ("Behörig företrädare", no day): nothing to sign.
  expect(signatureRequestsFor({ type: 'anslutningsavtal', status: 'utkast' }, agreement)).toEqual([]);
  const unsigned = {
    ...agreement,
    data: { ...agreement.data, signatures: { ...agreement.data.signatures, skr: [{ name: 'Behörig företrädare', title: 'SKR' }] } },
  };
  expect(signatureRequestsFor({ type: 'anslutningsavtal', status: 'slutlig' }, unsigned)).toEqual([]);
  expect(signatureRequestsFor({ type: 'protokollsutdrag', status: 'slutlig' }, agreement)).toEqual([]);
});

test('pdfsig: the first signature is valid alone, and both are valid after the second (incremental) signature', async () => {
  const once = await pdfsig(files.once, nssDb);
  const twice = await pdfsig(files.twice, nssDb);
  console.log(`pdfsig ${nssDb ? `-nssdir ${nssDb} (litar på installationens test-CA) ` : ''}${path.basename(files.twice)}:\n${twice.output}`);
  expect(once.signatures).toHaveLength(1);
  expect(once.signatures[0]).toMatchObject({
    field: 'Underskrift1',
    commonName: 'Exempel Ordförande',
    signatureValidation: 'Signature is Valid.',
    totalDocumentSigned: true,
  });
  expect(twice.signatures.map((s) => [s.field, s.commonName, s.type, s.signatureValidation, s.totalDocumentSigned])).toEqual([
    ['Underskrift1', 'Exempel Ordförande', 'ETSI.CAdES.detached', 'Signature is Valid.', false],
    ['Underskrift2', 'Exempel Direktör', 'ETSI.CAdES.detached', 'Signature is Valid.', true],
  ]);
  // The second file is the first plus an update: the first signature still covers its bytes, unchanged.
  expect(readFileSync(files.twice).subarray(0, readFileSync(files.once).length).equals(readFileSync(files.once))).toBe(true);
  if (nssDb) {
    for (const s of twice.signatures) expect(s.certificateValidation).toBe('Certificate is Trusted.');
  } else {
    console.warn('certutil (libnss3-tools) saknas: certifikatens tillit prövas inte, bara signaturernas giltighet');
  }
  // Without the test CA, pdfsig cannot trust it: the certificates are the installation's own, no one else's.
  expect((await pdfsig(files.twice)).signatures.map((s) => s.certificateValidation)).toEqual([
    "Certificate issuer isn't Trusted.",
    "Certificate issuer isn't Trusted.",
  ]);
});

test('veraPDF: the archive copy is PDF/A-2b before, after the first and after the second signature; the trailer /ID is kept', () => {
  const rows = Object.entries(files).map(([step, file]) => {
    const r = vera.get(path.resolve(file))!;
    return `  ${step.padEnd(6)} ${r.compliant ? 'PASS' : 'FAIL'}  regler ${r.passedRules} godkända / ${r.failedRules} underkända, kontroller ${r.passedChecks} / ${r.failedChecks}`;
  });
  console.log([`veraPDF ${VERAPDF.version}, PDF/A-2b, arkivexemplar före och efter underskrifterna:`, ...rows].join('\n'));
  for (const file of Object.values(files)) {
    const r = vera.get(path.resolve(file))!;
    expect({ file: path.basename(file), failures: r.failures.map((f) => `${f.rule}: ${f.description}`) }).toEqual({ file: path.basename(file), failures: [] });
    expect(r.compliant).toBe(true);
  }
  const [original] = lastTrailerId(readFileSync(files.copy))!;
  expect(lastTrailerId(readFileSync(files.once))?.[0]).toBe(original);
  expect(lastTrailerId(readFileSync(files.twice))?.[0]).toBe(original);
});

test('each signature is PAdES B-B: signing-certificate-v2 in the signed attributes, no CMS signing-time, issued by the test CA', async () => {
  const cms = signatureContents(readFileSync(files.twice));
  expect(cms).toHaveLength(2);
  for (const der of cms) {
    const printed = await printCms(der, dir);
    const signedAttrs = printed.slice(printed.indexOf('signedAttrs:'), printed.indexOf('signatureAlgorithm:', printed.indexOf('signedAttrs:')));
    expect(signedAttrs).toContain('id-smime-aa-signingCertificateV2 (1.2.840.113549.1.9.16.2.47)');
    expect(signedAttrs).toContain('messageDigest');
    expect(signedAttrs).not.toContain('signingTime');
  }
  expect(signatures.map((s) => [s.field, s.role, s.level, s.provider])).toEqual([
    ['Underskrift1', 'kommun', 'pades-b-b', 'lokal'],
    ['Underskrift2', 'skr', 'pades-b-b', 'lokal'],
  ]);
  for (const s of signatures) {
    expect(s.certificate.issuer).toMatch(/CN=Beslutsflöde lokal test-CA/);
    expect(s.certificate.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Number.isNaN(Date.parse(s.signedAt))).toBe(false);
  }
  expect(signatures[0]!.certificate.subject).toMatch(/CN=Exempel Ordförande/);
  expect(signatures[0]!.certificate.subject).toMatch(/O=Stockholms stad/);
});
