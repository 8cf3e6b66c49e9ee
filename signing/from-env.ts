import path from 'node:path';
import { PROJECT_ROOT } from '../runtime/temporal-binaries';
import { LocalPadesSigner } from './local-pades';
import type { PdfSigner } from './pdf-signer';

/**
 * The PDF signer the environment asks for (runtime/config.ts validates the names at start):
 * - BF_PDF_SIGNER=lokal (default): LocalPadesSigner with its test CA and keys in BF_PDF_SIGNING_KEYS
 *   (default BF_DATA_DIR/signing), made on first use;
 * - BF_PDF_SIGNER=av: no signatures in the files (the archive copies are made unsigned; the signatures stay in the
 *   register and in the printed document).
 * A BankID/Freja-based provider is added here by name (docs/signing.md).
 */
export function pdfSignerFromEnv(env: NodeJS.ProcessEnv = process.env): PdfSigner | undefined {
  const name = env.BF_PDF_SIGNER ?? 'lokal';
  if (name === 'av') return undefined;
  if (name !== 'lokal') throw new Error(`BF_PDF_SIGNER=${name} är okänd: använd "lokal" eller "av".`);
  const dataDir = env.BF_DATA_DIR || path.join(PROJECT_ROOT, 'data');
  return new LocalPadesSigner({ keyDir: path.resolve(env.BF_PDF_SIGNING_KEYS || path.join(dataDir, 'signing')) });
}
