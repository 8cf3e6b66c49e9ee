/**
 * Reading the signatures of a PDF back with independent tools: poppler's `pdfsig` (NSS underneath) for validity
 * and trust, `openssl cms` for the CMS structure (the signed attributes of PAdES B-B).
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PdfsigSignature {
  field: string;
  commonName: string;
  type: string;
  /** "Signature is Valid." and the like, as pdfsig says it */
  signatureValidation: string;
  certificateValidation: string;
  totalDocumentSigned: boolean;
}

export interface PdfsigResult {
  output: string;
  signatures: PdfsigSignature[];
}

/** `pdfsig FILE` (with `-nssdir` when given), parsed per signature. */
export async function pdfsig(file: string, nssDir?: string): Promise<PdfsigResult> {
  const args = [...(nssDir ? ['-nssdir', nssDir] : []), file];
  let output: string;
  try {
    ({ stdout: output } = await run('pdfsig', args, { maxBuffer: 4 * 1024 * 1024 }));
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    // pdfsig exits non-zero when a signature does not verify; its report is still complete.
    if (!e.stdout) throw new Error(`pdfsig misslyckades: ${e.stderr || e.message}`, { cause: err });
    output = e.stdout;
  }
  const signatures = output
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => {
      const field = (key: string) => block.match(new RegExp(`^\\s*- ${key}: (.*)$`, 'm'))?.[1]?.trim() ?? '';
      return {
        field: field('Signature Field Name'),
        commonName: field('Signer Certificate Common Name'),
        type: field('Signature Type'),
        signatureValidation: field('Signature Validation'),
        certificateValidation: field('Certificate Validation'),
        totalDocumentSigned: /^\s*- Total document signed$/m.test(block),
      };
    });
  return { output, signatures };
}

/** An NSS database that trusts the CA (certutil from libnss3-tools), for `pdfsig -nssdir`; undefined without certutil. */
export function nssDbTrusting(caPem: string, dir: string): string | undefined {
  if (spawnSync('certutil', ['-H'], { stdio: 'ignore' }).error) return undefined;
  mkdirSync(dir, { recursive: true });
  const db = `sql:${dir}`;
  const ok = (args: string[]) => {
    const r = spawnSync('certutil', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`certutil ${args.join(' ')}: ${r.stderr || r.stdout}`);
  };
  ok(['-N', '-d', db, '--empty-password']);
  // C: a trusted CA for issuing certificates (SSL, e-mail and object signing: pdfsig checks the e-mail signer use).
  ok(['-A', '-d', db, '-n', 'beslutsflode-test-ca', '-t', 'C,C,C', '-i', caPem]);
  return db;
}

/** The CMS objects of every signature in the file, in file order (the /Contents between the two byte ranges). */
export function signatureContents(pdf: Uint8Array): Buffer[] {
  const text = Buffer.from(pdf).toString('latin1');
  return [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) => {
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const padded = Buffer.from(text.slice(a + b + 1, c - 1), 'hex'); // the <…> hex string, padded with zeros
    return padded.subarray(0, derLength(padded));
  });
}

/** The length of the DER object at the start of the buffer (tag, length octets, content). */
function derLength(der: Buffer): number {
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + der[2 + i]!;
  return 2 + n + len;
}

/** `openssl cms -cmsout -print` of a DER CMS object: the structure as text (attribute names resolved). */
export async function printCms(der: Buffer, dir: string): Promise<string> {
  const file = path.join(dir, `cms-${der.length}-${Date.now()}.der`);
  writeFileSync(file, der);
  const { stdout } = await run('openssl', ['cms', '-inform', 'DER', '-in', file, '-cmsout', '-print'], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** The trailer /ID of the file's last trailer (or cross-reference stream): [first, second] in hex. */
export function lastTrailerId(pdf: Uint8Array): [string, string] | undefined {
  const ids = [
    ...Buffer.from(pdf)
      .toString('latin1')
      .matchAll(/\/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]/g),
  ];
  const last = ids.at(-1);
  return last ? [last[1]!.toUpperCase(), last[2]!.toUpperCase()] : undefined;
}
