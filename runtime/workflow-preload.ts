import { readdirSync } from 'node:fs';
import path from 'node:path';

const DOMAIN_DIR = path.resolve(__dirname, '..', 'domain');
const SHARED_MODULES_FINISH = path.resolve(__dirname, '..', 'workflows', 'shared-modules.ts');

/**
 * The modules of the workflow bundle that every cached workflow shares instead of holding its own copy (the SDK's
 * `preloadModules`): zod and the pure domain/ modules. With the SDK's reusable V8 context each workflow evaluates
 * every module it imports into a module cache of its own; zod's schema objects carry ~50 closures each, and the
 * domain's schemas made a workflow cost ~2.7 MB of the workflow thread's heap, most of a worker's memory
 * (docs/benchmarks.md, "Worker memory"). Preloaded, they are evaluated once per worker and frozen (all but zod's
 * lazily built members: workflows/shared-modules.ts).
 *
 * Safe because domain/ is pure (no workflow APIs, no Date.now or Math.random, no state that belongs to one ärende;
 * its one memo, swedish-calendar's holidays by year, holds facts). A domain module that mutated one of its exported
 * objects would now throw (they are frozen): that is a bug the tests show. workflows/ is never preloaded: it holds
 * each workflow's own state and calls the workflow APIs at module level.
 */
export function sharedWorkflowModules(dir = DOMAIN_DIR): string[] {
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts')).sort();
  // zod-locale first: it sets zod's configuration, which is frozen with zod once preloading ends.
  const locale = files.filter((f) => f === 'zod-locale.ts');
  // zod itself comes with them (a bare require('zod') is dropped by webpack: the package declares no side effects).
  const domain = [...locale, ...files.filter((f) => f !== 'zod-locale.ts')].map((f) => path.join(dir, f));
  // Last: freezes what the SDK would, except zod's lazily built members (workflows/shared-modules.ts).
  return [...domain, SHARED_MODULES_FINISH];
}
