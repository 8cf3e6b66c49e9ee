/**
 * Loaded last of the worker's preloaded modules (runtime/workflow-preload.ts), once per worker, before any workflow
 * exists: settles how the shared modules are protected before the SDK deep-freezes everything preloaded.
 *
 * The SDK freezes shared modules so that no workflow can change what another one sees. zod cannot be frozen: it
 * builds a schema's methods on first use and installs each schema class's members on its prototype when the first
 * such schema is made (zod/v4/core/util.js `own`, `members`), so a frozen zod fails with "object is not extensible".
 * Both are caches of pure values, the same for every workflow. So:
 * - domain/ is frozen here, deeply, as the SDK would, except zod schemas (objects with `_zod`): the guard against a
 *   workflow changing a shared constant stays;
 * - zod's own modules are frozen only at the top (the module record), which the SDK's deepFreeze takes as done and
 *   does not walk into.
 * The replay test (test/replay) runs every recorded history through update validators that use these schemas: with
 * zod frozen it fails with "Cannot define property safeParse, object is not extensible".
 */
declare const __webpack_modules__: Record<string, unknown>;

const cache = (globalThis as unknown as { __webpack_module_cache__: Record<string, { exports: unknown } | undefined> }).__webpack_module_cache__;

function freezeExceptSchemas(value: unknown, seen: WeakSet<object>): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
  const obj = value as object;
  if (seen.has(obj) || Object.isFrozen(obj)) return;
  seen.add(obj);
  if ('_zod' in obj) return; // a zod schema: left to zod
  for (const key of Reflect.ownKeys(obj)) {
    const desc = Object.getOwnPropertyDescriptor(obj, key);
    if (desc && 'value' in desc) freezeExceptSchemas(desc.value, seen);
    else if (desc?.get && typeof obj === 'object') freezeExceptSchemas((obj as Record<PropertyKey, unknown>)[key], seen);
  }
  Object.freeze(obj);
}

const seen = new WeakSet<object>();
for (const id of Object.keys(__webpack_modules__)) {
  const record = cache[id];
  if (!record) continue;
  if (id.startsWith('./node_modules/zod/')) Object.freeze(record);
  else if (id.startsWith('./domain/')) freezeExceptSchemas(record, seen);
}

export {};
