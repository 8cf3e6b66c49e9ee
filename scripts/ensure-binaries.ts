/** Run by `npm start`, `npm test` and `npm run bench`: makes sure the pinned Temporal binaries are here. */
import { ensureTemporalBinary } from '../runtime/temporal-binaries';

for (const kind of ['cli', 'testServer'] as const) {
  const found = ensureTemporalBinary(kind);
  if (found && process.env.BF_VERBOSE) console.log(`${kind}: ${found.path} (${found.source})`);
}
