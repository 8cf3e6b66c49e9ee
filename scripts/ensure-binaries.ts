/**
 * Run by `npm start`, `npm test` and `npm run bench`: makes sure the pinned Temporal binaries are here, and pyHanko,
 * the local PAdES signer of the archive copies (signing/pyhanko-tool.ts), unless BF_PDF_SIGNER=av.
 * With --verapdf (`npm test`): also the pinned veraPDF that the document tests validate PDF/A and PDF/UA with.
 */
import { ensureTemporalBinary } from '../runtime/temporal-binaries';
import { ensureVeraPdf } from '../runtime/verapdf';
import { ensurePyhanko } from '../signing/pyhanko-tool';
import { ensureEarkValidator } from '../runtime/eark-validator';

for (const kind of ['cli', 'testServer'] as const) {
  const found = ensureTemporalBinary(kind);
  if (found && process.env.BF_VERBOSE) console.log(`${kind}: ${found.path} (${found.source})`);
}

if (process.env.BF_PDF_SIGNER !== 'av') {
  const found = ensurePyhanko();
  if (found && process.env.BF_VERBOSE) console.log(`pyHanko: ${found.python} (${found.source})`);
}

if (process.argv.includes('--verapdf')) {
  const found = ensureVeraPdf();
  if (found && process.env.BF_VERBOSE) console.log(`veraPDF: ${[found.command, ...found.args].join(' ')} (${found.source})`);
}

// With --verapdf (`npm test`): also the pinned E-ARK validator the e-archive package is validated with (PyPI).
if (process.argv.includes('--verapdf')) {
  const python = ensureEarkValidator();
  if (python && process.env.BF_VERBOSE) console.log(`eark-validator: ${python}`);
}
