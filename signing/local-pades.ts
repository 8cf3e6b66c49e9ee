import { execFile } from 'node:child_process';
import { runAtLowPriority } from '../runtime/background-process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeMissingPyhanko, findPyhanko, PADES_SCRIPT, type FoundPyhanko } from './pyhanko-tool';
import { PdfSignerUnavailable, type PdfSignatureRequest, type PdfSigner, type SignedPdf } from './pdf-signer';

/**
 * The embedded default signer: PAdES B-B signatures (CMS with the signing-certificate-v2 attribute, SubFilter
 * ETSI.CAdES.detached) made by pyHanko (signing/pades_sign.py) as incremental updates, with TEST certificates: a
 * local CA made once in the key folder (BF_DATA_DIR/signing) and one certificate per signer issued by it on first
 * use. Every signature verifies (pdfsig: "Signature is Valid"); trust in the certificate needs the local CA
 * (`caCertificate()`), which nobody outside the installation has: docs/signing.md.
 */
export class LocalPadesSigner implements PdfSigner {
  readonly name = 'lokal';

  constructor(
    private readonly opts: {
      /** Where the CA and the signers' keys live (created on first use, mode 0700). */
      keyDir: string;
      /** The interpreter with pyHanko; default: found as signing/pyhanko-tool.ts says. */
      pyhanko?: FoundPyhanko;
      timeoutMs?: number;
    },
  ) {}

  private found: FoundPyhanko | undefined;

  private python(): string {
    this.found ??= this.opts.pyhanko ?? findPyhanko();
    if (!this.found) throw new PdfSignerUnavailable(describeMissingPyhanko());
    return this.found.python;
  }

  async sign(pdf: Uint8Array, request: PdfSignatureRequest): Promise<SignedPdf> {
    const python = this.python();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bf-sign-'));
    try {
      const input = path.join(dir, 'in.pdf');
      const output = path.join(dir, 'out.pdf');
      await writeFile(input, pdf);
      const { signer, reason, location } = request;
      const stdout = await this.run(python, ['sign', this.opts.keyDir, input, output], {
        name: signer.name,
        title: signer.title,
        organisation: signer.organisation ?? '',
        reason,
        location,
      });
      const made = JSON.parse(stdout) as { field: string; signedAt: string; subject: string; issuer: string; certificateSha256: string };
      return {
        pdf: await readFile(output),
        signature: {
          field: made.field,
          name: signer.name,
          title: signer.title,
          role: signer.role,
          ...(signer.organisation ? { organisation: signer.organisation } : {}),
          reason,
          location,
          signedAt: made.signedAt,
          certificate: { subject: made.subject, issuer: made.issuer, sha256: made.certificateSha256 },
          level: 'pades-b-b',
          provider: this.name,
        },
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The local CA's certificate (PEM file), made if missing: what a verifier must trust to trust these signatures. */
  async caCertificate(): Promise<string> {
    const stdout = await this.run(this.python(), ['ca', this.opts.keyDir], {});
    return (JSON.parse(stdout) as { caCertificate: string }).caCertificate;
  }

  private run(python: string, args: string[], stdin: object): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        python,
        [PADES_SCRIPT, ...args],
        { timeout: this.opts.timeoutMs ?? 120_000, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, PYTHONIOENCODING: 'utf-8' } },
        (err, stdout, stderr) => {
          if (err) reject(new Error(`Den lokala signeraren (pyHanko) misslyckades: ${(stderr || err.message).trim().slice(-800)}`));
          else resolve(stdout);
        },
      );
      // Signing runs in the archive copy, background work: below the interactive work in the CPU's queue.
      runAtLowPriority(child);
      child.stdin?.end(JSON.stringify(stdin));
    });
  }
}
