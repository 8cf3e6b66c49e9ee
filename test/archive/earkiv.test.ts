/**
 * Issue 13, points 2 and 3: the e-archive package (FGS 2.0 = E-ARK CSIP/SIP 2.1 with CITS ERMS 2.1) of a closed
 * ärende. An ärende is driven to its end state through the HTTP API (avslag in the nämnd, justering: avslutad), its
 * package is downloaded from the API and the ärende page, unzipped, every XML file validated against the official
 * XSDs (archive/schemas/, xmllint-wasm), the checksums compared with the document register, and the package run
 * through the E-ARK validator (eark-validator 1.1.3, offline). The counts are printed; the validator's errors must be
 * exactly the rules that contradict each other or the specification (docs/archival.md, "E-arkiv (FGS 2.0)").
 */
import { createHash, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMeetingPlan } from '../../domain/meetings';
import { stockholmDate } from '../../domain/iso-date';
import { validatePackageXml } from '../../archive/validation/xsd';
import { describeMissingEarkValidator, findEarkValidator, runEarkValidator, type EarkMessage } from '../../runtime/eark-validator';
import { registrationBody } from '../fixtures/registration';
import { eventually, apiAct, apiCall, startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { apiClient, BrowserSession } from '../web/http';

jest.setTimeout(240_000);

/**
 * The validator's errors accepted, each because the rule contradicts another of its rules or the CSIP 2.1 text
 * (docs/archival.md). Any other error fails the test.
 */
const ACCEPTED_ERRORS = new Set(['CSIP12', 'CSIP13', 'CSIP15', 'CSIP16', 'CSIP63', 'CSIP103', 'SIP11', 'SIP14']);

let product: TestProduct;
/** The ärende the first test closed (the bulk export finds it among those closed this year). */
let closedId: string | undefined;
let python: string | undefined;
beforeAll(async () => {
  python = findEarkValidator();
  if (!python) throw new Error(describeMissingEarkValidator());
  product = await startProduct(devServerAddress());
});
afterAll(async () => {
  await product?.stop();
});

const call = (method: string, p: string, body?: unknown) => apiCall(product, method, p, body);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Unzips with Python's zipfile (python3 is on every machine that runs the tests: the Temporal wheels need it). */
function extract(zip: string, opts: { dir: string }): Promise<void> {
  return new Promise((resolve, reject) => execFile('python3', ['-m', 'zipfile', '-e', zip, opts.dir], (err) => (err ? reject(err) : resolve())));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? filesUnder(path.join(dir, n)) : [path.join(dir, n)]));
}

interface Doc {
  id: string;
  type: string;
  version: number;
  status?: string;
  title: string;
  archived?: { sha256: string; size: number };
}

test('a closed ärende downloads as an FGS 2.0 package that passes the XSDs and the E-ARK validator; an open one is refused with 409', async () => {
  const today = stockholmDate(new Date());
  const serie = `E${randomUUID()
    .replace(/[^A-Z]/gi, '')
    .slice(0, 5)
    .toUpperCase()}`;
  const later = generateMeetingPlan(serie, 'Socialnämnden', [Number(today.slice(0, 4)) + 1], { weekday: 2, week: 3 });
  const plan = { organ: serie, name: 'Socialnämnden', meetings: [{ date: today, documentDeadline: today }, ...later.meetings] };
  expect((await call('PUT', `/api/sammantradesplaner/${serie}`, plan)).status).toBe(200);
  const body = registrationBody({ namnd: { kod: serie, namn: 'Socialnämnden' }, kfRequired: false, requestId: `earkiv-${randomUUID()}` });
  const created = await call('POST', '/api/arenden', body);
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const arende = async () => (await call('GET', `/api/arenden/${id}`)).body;
  await eventually(async () => ((await arende()).meetingPlans ? true : undefined));

  // Not closed: 409 with a Swedish message and a code, and no link on the page.
  const open = await call('GET', `/api/arenden/${id}/earkiv`);
  expect(open.status).toBe(409);
  expect(open.body.error.code).toBe('ARENDE_NOT_CLOSED');
  expect(open.body.error.message).toMatch(/inte avslutat/);

  await apiAct(product, id, 'signTjansteutlatande', { role: 'forvaltningschef', signatory: { name: 'Veronica Carstorp Wolgast', title: 'Socialdirektör' } });
  await apiAct(product, id, 'signTjansteutlatande', { role: 'avdelningschef', signatory: { name: 'Lina Blombergsson', title: 'Avdelningschef' } });
  await eventually(async () => ((await arende()).stage === 'sammantrade' ? true : undefined));
  await apiAct(product, id, 'recordDecision', { outcome: 'avslag', paragraph: 7 });
  await apiAct(product, id, 'recordJustering', { date: today, chair: 'Ordförande Olsson', adjusters: ['Justerare Jansson'] });
  // Closed, and every final version has its archive copy (made by the process, after the answer).
  const finals = await eventually(async () => {
    const s = await arende();
    const docs = (s.documents as Doc[]).filter((d) => d.status !== 'utkast');
    return s.stage === 'avslutad' && docs.every((d) => d.archived) ? docs : undefined;
  }, 120_000);

  closedId = id;
  // The same registration sent again after the ärende closed is the same ärende: it is not started anew.
  const again = await call('POST', '/api/arenden', body);
  expect(again.body.id).toBe(id);
  expect((await arende()).stage).toBe('avslutad');
  const t0 = performance.now();
  const res = await fetch(`${product.baseUrl}/api/arenden/${id}/earkiv`, { headers: product.apiHeaders });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="beslutsflode-${id}-earkiv.zip"`);
  const zip = new Uint8Array(await res.arrayBuffer());
  console.log(
    `E-arkivpaket: ${finals.length} handlingar, ${Math.round(zip.length / 1024)} kB zip, ${Math.round(performance.now() - t0)} ms (GET /api/arenden/:id/earkiv)`,
  );

  const page = await (await fetch(`${product.baseUrl}/arenden/${id}`, { headers: { ...product.apiHeaders, accept: 'text/html' } })).text();
  expect(page).toContain(`<a href="/arenden/${id}/earkiv" download>Ladda ned e-arkivpaket (FGS 2.0, zip)</a>`);
  const fromPage = await fetch(`${product.baseUrl}/arenden/${id}/earkiv`, { headers: { ...product.apiHeaders, accept: 'text/html' } });
  expect(fromPage.status).toBe(200);
  expect(fromPage.headers.get('content-type')).toBe('application/zip');

  const dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'earkiv-'));
  try {
    const zipFile = path.join(dir, 'paket.zip');
    writeFileSync(zipFile, zip);
    await extract(zipFile, { dir: path.join(dir, 'ut') });
    const root = path.join(dir, 'ut', `beslutsflode-${id}`);
    const files = filesUnder(root).map((f) => path.relative(root, f));
    expect(files).toEqual(
      expect.arrayContaining([
        'METS.xml',
        'metadata/descriptive/erms.xml',
        'representations/rep1/METS.xml',
        'schemas/ERMS.xsd',
        'schemas/mets.xsd',
        'documentation/paketbeskrivning.txt',
      ]),
    );

    // The PDF/A files are the register's archive copies, byte for byte, one per final version.
    const pdfs = files.filter((f) => f.startsWith('representations/rep1/data/') && f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(finals.length);
    const registerHashes = finals.map((d) => d.archived!.sha256).sort();
    expect(pdfs.map((f) => sha256(readFileSync(path.join(root, f)))).sort()).toEqual(registerHashes);

    // Every checksum in the METS files matches its file.
    for (const mets of ['METS.xml', 'representations/rep1/METS.xml']) {
      const xml = readFileSync(path.join(root, mets), 'utf8');
      const base = path.dirname(path.join(root, mets));
      const entries = [...xml.matchAll(/CHECKSUM="([0-9a-f]{64})" CHECKSUMTYPE="SHA-256">\s*<mets:FLocat [^>]*xlink:href="([^"]+)"/g)];
      expect(entries.length).toBeGreaterThan(0);
      for (const [, sum, href] of entries) expect(sha256(readFileSync(path.join(base, href)))).toBe(sum);
    }

    // The ERMS holds the diarienummer, the classification, the handlings with direction and signatures.
    const erms = readFileSync(path.join(root, 'metadata/descriptive/erms.xml'), 'utf8');
    const state = await arende();
    expect(erms).toContain(`<objectId>${state.diarienummer}</objectId>`);
    expect(erms).toContain(`classificationCode="${serie}"`);
    expect(erms).toContain('aggregationType="caseFile"');
    expect(erms).toContain('<direction directionDefinition="internal_memo_for_follow-up"/>');
    expect(erms).toContain('<direction directionDefinition="outgoing"/>');
    expect(erms).toMatch(/namn="Veronica Carstorp Wolgast"[^>]*verifiering="recorded"/);
    expect(erms).toMatch(/namn="Justerare Jansson"/);
    expect(erms).toContain('<date dateType="closed">');

    // XSDs: every XML file of the package.
    const xmlFiles = files.filter((f) => f.endsWith('.xml'));
    let valid = 0;
    for (const f of xmlFiles) {
      const r = await validatePackageXml(f, readFileSync(path.join(root, f), 'utf8'));
      console.log(`XSD ${r.schema}: ${f} ${r.valid ? 'giltig' : `OGILTIG ${r.errors.join('; ')}`}`);
      expect(r.errors).toEqual([]);
      if (r.valid) valid += 1;
    }
    console.log(`XSD-validering (xmllint-wasm): ${valid} av ${xmlFiles.length} XML-filer giltiga`);
    expect(valid).toBe(xmlFiles.length);

    // The E-ARK validator, on the zip as delivered.
    const report = runEarkValidator(python!, zipFile);
    const schematron = report.metadata?.schematron_results?.messages ?? [];
    const all: EarkMessage[] = [...report.structure.messages, ...(report.metadata?.schema_results?.messages ?? []), ...schematron];
    const count = (sev: string) => all.filter((m) => m.severity === sev).length;
    const errors = all.filter((m) => m.severity === 'Error');
    console.log(
      `eark-validator 1.1.3 (E-ARK CSIP/SIP 2.1.0): struktur ${report.structure.status}, METS-schema ${report.metadata?.schema_results?.status}, ` +
        `Schematron ${report.metadata?.schematron_results?.status}; fel ${count('Error')}, varningar ${count('Warn')}, info ${count('Info')}; ` +
        `fel per regel: ${[...new Set(errors.map((e) => e.rule_id))].sort().join(', ') || 'inga'} (alla motsägelser i validatorns regler, docs/archival.md)`,
    );
    expect(report.structure.status).toBe('WellFormed');
    expect(report.metadata?.schema_results?.status).toBe('VALID');
    expect(errors.filter((e) => !ACCEPTED_ERRORS.has(e.rule_id))).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bulk export of the ärenden closed this year: the API with progress, the E-arkiv page and the CLI give a zip of their packages', async () => {
  expect(closedId).toBeDefined();
  const year = Number(stockholmDate(new Date()).slice(0, 4));

  // The page: the year's count and the export button (nämndsekreterare).
  const page = await eventually(async () => {
    const html = await (await fetch(`${product.baseUrl}/earkiv?ar=${year}`, { headers: { ...product.apiHeaders, accept: 'text/html' } })).text();
    return /Ärenden avslutade \d{4}: <strong>[1-9]/.test(html) ? html : undefined;
  });
  expect(page).toMatch(new RegExp(`<button type="submit">Exportera \\d+ ärenden avslutade ${year}</button>`));

  // The page, signed in: the form starts the export and leads to its progress page, which ends with the download.
  const session = new BrowserSession(product.baseUrl);
  await session.signIn('stockholmSekreterare');
  await session.get(`/earkiv?ar=${year}`);
  const posted = await session.post('/earkiv/export', { ar: String(year) });
  expect(posted.status).toBe(303);
  const progressPage = posted.headers.get('location')!;
  expect(progressPage).toMatch(/^\/earkiv\/export\/[a-f0-9]{24}$/);
  const finished = await eventually(async () => {
    const r = await session.get(progressPage);
    return r.text.includes('Exporten är klar') ? r.text : undefined;
  }, 120_000);
  expect(finished).toContain(`<a href="${progressPage}/zip" download>Ladda ned exporten (zip)</a>`);
  // Only nämndsekreterare export: SKR's administrator and a läsare are refused (403, a code), and nothing starts.
  const skrTry = await apiClient(product.baseUrl, 'skr')('POST', '/api/earkiv/exporter', { ar: year });
  expect(skrTry.status).toBe(403);
  expect(skrTry.json.error.code).toBe('FORBIDDEN');

  // The API: 202 with the job, progress until done, then the zip; a wrong year is a 400 naming the field.
  const bad = await call('POST', '/api/earkiv/exporter', { ar: 'i år' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.fields[0].field).toBe('ar');
  const started = await call('POST', '/api/earkiv/exporter', { ar: year });
  expect(started.status).toBe(202);
  const seen: number[] = [];
  const done = await eventually(async () => {
    const p = (await call('GET', `/api/earkiv/exporter/${started.body.id}`)).body;
    seen.push(p.klara);
    return p.status === 'klar' ? p : undefined;
  }, 120_000);
  expect(done.totalt).toBeGreaterThanOrEqual(1);
  expect(done.exporterade).toBe(done.totalt);
  console.log(`E-arkivexport ${year} via API: ${done.exporterade} av ${done.totalt} ärenden, förlopp ${[...new Set(seen)].join(' → ')}`);
  const zip = await fetch(`${product.baseUrl}${done.zip}`, { headers: product.apiHeaders });
  expect(zip.status).toBe(200);
  expect(zip.headers.get('content-disposition')).toContain(`earkiv-avslutade-${year}.zip`);

  const dir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'earkiv-bulk-'));
  try {
    writeFileSync(path.join(dir, 'api.zip'), new Uint8Array(await zip.arrayBuffer()));
    await extract(path.join(dir, 'api.zip'), { dir: path.join(dir, 'api') });
    expect(readdirSync(path.join(dir, 'api'))).toEqual(expect.arrayContaining([`beslutsflode-${closedId}-earkiv.zip`, 'exportrapport.txt']));

    // The CLI against the same Temporal namespace and document store, with its progress bar.
    // Asynchronously: the product's worker runs in this process and must answer the CLI's queries meanwhile.
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'cli/beslutsflode.ts', 'earkiv', '--ar', String(year), '--kommun', '0180', '--ut', path.join(dir, 'cli')],
        {
          env: { ...process.env, TEMPORAL_ADDRESS: devServerAddress(), TEMPORAL_NAMESPACE: product.namespace, BF_DATA_DIR: product.dataDir, LOG_LEVEL: 'warn' },
          encoding: 'utf8',
          timeout: 120_000,
        },
        (err, stdout, stderr) => (err ? reject(new Error(`CLI: ${err.message}\n${stderr}\n${stdout}`)) : resolve(stdout)),
      );
    });
    console.log(`CLI: ${out.trim().split('\n').at(-1)}`);
    expect(out).toMatch(/Klart: (\d+) av \1 ärenden avslutade/);
    await extract(path.join(dir, 'cli', `earkiv-avslutade-${year}-0180.zip`), { dir: path.join(dir, 'cli-ut') });
    expect(readdirSync(path.join(dir, 'cli-ut'))).toContain(`beslutsflode-${closedId}-earkiv.zip`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
