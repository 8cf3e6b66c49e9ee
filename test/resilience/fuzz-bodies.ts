/**
 * Request bodies for fuzzing an API route, generated from the route's zod schema (zod 4's `_zod.def`) and one valid
 * example: each body is the example with a few mutations at places the schema names (wrong types, boundary and
 * hostile strings, removed required keys, added optional ones, unknown keys), or now and then raw garbage.
 * Deterministic for a seed, so a failure can be replayed. No dependencies.
 */
import type { z } from 'zod';

/** A small seeded PRNG (mulberry32). */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u202e\u202d',
  // C1 controls, invisible and bidirectional characters (issue 10 p. 12), alone and inside a word
  'Social\u0085nämnden',
  '\u009B31m',
  'bi\u200Bfall',
  'av\u202Eslag',
  'rad\u2028rad',
  '\uFEFFtext',
  'S\u2066N\u2069',
  '<script>alert(1)</script>',
  '{{#each this}}{{/each}}',
  "'; DROP TABLE arenden; --",
  "BfKommun = '0180' OR 1=1",
  '../../etc/passwd',
  'Å'.repeat(5_000),
  'x'.repeat(25_000),
  '🙂🙃',
  '2027-02-30',
  '2027-13-01',
  '0180',
  '9999',
  'SN',
  'sn',
  'SN 2027/0001',
  'not-an-email',
  'anna@example.se',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
];

function randomJunk(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 6 : 8)) {
    case 0:
      return null;
    case 1:
      return rng.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1]);
    case 2:
      return rng.chance(0.5);
    case 3:
    case 4:
      return rng.pick(HOSTILE_STRINGS);
    case 5:
      return rng.pick(['yrkesresan', 'rss', 'egen', 'true', '2027-07-01']);
    case 6:
      return Array.from({ length: rng.int(4) }, () => randomJunk(rng, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: rng.int(3) }, (_, i) => [rng.pick(['a', 'kod', 'namn', '__proto__', `k${i}`]), randomJunk(rng, depth + 1)]),
      );
  }
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  entries?: Record<string, string>;
};
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema without wrappers (optional, default, nullable, pipe's input). */
function unwrap(s: z.ZodType): { schema: z.ZodType; optional: boolean } {
  let optional = false;
  let cur = s;
  for (;;) {
    const d = defOf(cur);
    if (d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'prefault') {
      optional = true;
      cur = d.innerType as z.ZodType;
    } else if (d.type === 'pipe') cur = d.in as z.ZodType;
    else return { schema: cur, optional };
  }
}

/** A plausible value for a schema node (not always valid: plausible enough to get past the first checks). */
function plausible(s: z.ZodType, rng: Rng, depth = 0): unknown {
  const { schema } = unwrap(s);
  const d = defOf(schema);
  switch (d.type) {
    case 'string':
      return rng.pick(['Text', 'SN', '0180', '2027-07-01', 'anna@example.se', 'req-fuzz-00000001', ...HOSTILE_STRINGS.slice(0, 8)]);
    case 'boolean':
      return rng.chance(0.5);
    case 'number':
      return rng.pick([0, 1, 3, -1, 1.5]);
    case 'enum':
      return rng.pick(Object.values(d.entries ?? {}));
    case 'array':
      return depth > 3 ? [] : Array.from({ length: 1 + rng.int(3) }, () => plausible(d.element as z.ZodType, rng, depth + 1));
    case 'union':
      return plausible(rng.pick(d.options ?? []), rng, depth + 1);
    case 'object':
      return Object.fromEntries(Object.entries(d.shape ?? {}).map(([k, v]) => [k, plausible(v, rng, depth + 1)]));
    default:
      return randomJunk(rng);
  }
}

/** Every path (array of keys) in the example or the schema where a mutation can land, with the schema node there. */
function paths(
  schema: z.ZodType,
  value: unknown,
  prefix: Array<string | number> = [],
): Array<{ path: Array<string | number>; schema: z.ZodType; optional: boolean }> {
  const { schema: inner, optional } = unwrap(schema);
  const out: Array<{ path: Array<string | number>; schema: z.ZodType; optional: boolean }> = [{ path: prefix, schema, optional }];
  const d = defOf(inner);
  if (d.type === 'object' && d.shape) {
    for (const [k, v] of Object.entries(d.shape)) out.push(...paths(v, (value as Record<string, unknown> | undefined)?.[k], [...prefix, k]));
  } else if (d.type === 'array' && Array.isArray(value)) {
    value.forEach((item, i) => out.push(...paths(d.element as z.ZodType, item, [...prefix, i])));
  }
  return out;
}

function setAt(root: unknown, path: Array<string | number>, value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy: any = Array.isArray(root) ? [...root] : { ...((root as object) ?? {}) };
  const [head, ...rest] = path;
  if (rest.length === 0) {
    if (remove) {
      if (Array.isArray(copy)) copy.splice(Number(head), 1);
      else delete copy[head];
    } else copy[head] = value;
    return copy;
  }
  copy[head] = setAt(copy[head], rest, value, remove);
  return copy;
}

export interface FuzzBody {
  /** A JSON value, or a string sent as the raw body (not always JSON). */
  body: unknown;
  raw: boolean;
  description: string;
}

/** `count` bodies for a route whose body the schema validates, mutated from a valid example. */
export function fuzzBodies(schema: z.ZodType, example: unknown, count: number, seed: number): FuzzBody[] {
  const rng = prng(seed);
  const out: FuzzBody[] = [];
  const places = paths(schema, example);
  for (let i = 0; i < count; i++) {
    if (rng.chance(0.05)) {
      const raw = rng.pick([
        '',
        '{',
        'null',
        '[]',
        '"text"',
        '{"a":',
        '\u0000\u0001',
        '{"kommunkod":"0180",}',
        JSON.stringify(example).slice(0, 40),
        '1'.repeat(64),
      ]);
      out.push({ body: raw, raw: true, description: `rå kropp ${JSON.stringify(raw).slice(0, 30)}` });
      continue;
    }
    let body: unknown = structuredClone(example);
    const notes: string[] = [];
    const mutations = 1 + rng.int(3);
    for (let m = 0; m < mutations; m++) {
      const place = rng.pick(places);
      const where = place.path.join('.') || '(kropp)';
      switch (rng.int(5)) {
        case 0:
          body = setAt(body, place.path, randomJunk(rng));
          notes.push(`skräp i ${where}`);
          break;
        case 1:
          if (place.path.length > 0) {
            body = setAt(body, place.path, undefined, true);
            notes.push(`tog bort ${where}${place.optional ? ' (valfri)' : ''}`);
          }
          break;
        case 2:
          body = setAt(body, place.path, plausible(place.schema, rng));
          notes.push(`rimligt värde i ${where}`);
          break;
        case 3:
          body = setAt(body, [...place.path, `okänd${rng.int(100)}`], randomJunk(rng));
          notes.push(`okänd nyckel vid ${where}`);
          break;
        default:
          body = setAt(body, place.path, rng.pick(HOSTILE_STRINGS));
          notes.push(`fientlig text i ${where}`);
      }
    }
    out.push({ body, raw: false, description: notes.join(', ') });
  }
  return out;
}
