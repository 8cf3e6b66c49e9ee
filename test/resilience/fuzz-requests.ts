/**
 * Request shapes that are not well-formed, for any endpoint (issue 10 p. 12): a well-formed body sent with another
 * charset, a Content-Encoding it does not have, another media type, non-object JSON, broken JSON and bytes that are not
 * UTF-8, and the body with a C1 control or an invisible/bidirectional character in one of its strings. Enumerated, not
 * drawn, except where in a string the character goes (seeded): the same seed gives the same requests.
 */
import { request } from 'node:http';
import { prng } from './fuzz-bodies';

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  description: string;
}

export interface RawReply {
  status: number;
  text: string;
}

/** Sends exactly these headers and bytes (fetch would refuse a body on GET and rewrite some headers). */
export function sendRaw(baseUrl: string, r: RawRequest): Promise<RawReply> {
  const url = new URL(r.path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        method: r.method,
        hostname: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        headers: { ...r.headers, ...(r.body ? { 'content-length': String(r.body.length) } : {}) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`tidsgräns: ${r.method} ${r.path} [${r.description}]`)));
    req.on('error', reject);
    req.end(r.body);
  });
}

/** The characters of the issue: C1 controls, zero-width, bidirectional override, line separator, BOM; and a few more. */
export const HIDDEN_CHARACTERS = ['\u0085', '\u009B', '\u200B', '\u202E', '\u2028', '\uFEFF', '\u2066', '\u061C', '\u0007', '\uD800'];

const CHARSETS = ['iso-8859-1', 'latin1', 'windows-1252', 'utf-16', 'utf-16le', 'us-ascii', 'x-okand', ''];
const ENCODINGS = ['gzip', 'deflate', 'br', 'compress', 'x-gzip', 'GZIP', 'gzip, gzip', 'x-okand'];
const OTHER_TYPES = [
  'text/plain',
  'text/html',
  'application/xml',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/merge-patch+json',
  'application/json; charset',
  'application/json;;x',
  'json',
  '',
];
const NON_OBJECTS = ['[]', '[{}]', 'null', '0', '-1', '"text"', 'true', '"{}"'];
const BROKEN = ['{', '{"a":1,}', '{"a":NaN}', "{'a':1}", '\u0000', '{}}'];
/** Deep nesting within the size limit: a parser or a schema that recurses must not fall over (a 400, never a 500). */
const DEEP = ['['.repeat(100_000) + ']'.repeat(100_000)];
/** Deep nesting at a key the endpoint reads (its example's first key), so that it is not ignored as an unknown key. */
const deepAt = (key: string) => [`{"${key}":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`, `{"${key}":${'['.repeat(50_000)}${']'.repeat(50_000)}}`];

function stringLeaves(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function withStringAt(value: unknown, path: Array<string | number>, fn: (s: string) => string): unknown {
  if (path.length === 0) return fn(value as string);
  const [head, ...rest] = path;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[head] = withStringAt(copy[head], rest, fn);
  return copy;
}

const urlencode = (form: Record<string, unknown>) => new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)])).toString();

/**
 * The malformed requests for one endpoint with a well-formed example body: JSON for the API, a form for the pages.
 * `keep` names string leaves left as they are (the request id: a fresh one each, so that the text rules are reached).
 */
export function malformedRequests(
  endpoint: { method: string; path: string; headers: Record<string, string>; body: unknown; form?: boolean },
  seed: number,
  fresh: () => string,
): RawRequest[] {
  const rng = prng(seed);
  const out: RawRequest[] = [];
  const type = endpoint.form ? 'application/x-www-form-urlencoded' : 'application/json';
  const encode = (b: unknown) => Buffer.from(endpoint.form ? urlencode(b as Record<string, unknown>) : JSON.stringify(b), 'utf8');
  const withFreshId = (b: unknown) => (b && typeof b === 'object' && 'requestId' in (b as object) ? { ...(b as object), requestId: fresh() } : b);
  const base = (description: string, headers: Record<string, string>, body: Buffer): RawRequest => ({
    method: endpoint.method,
    path: endpoint.path,
    headers: { ...endpoint.headers, ...headers },
    body,
    description,
  });
  for (const charset of CHARSETS) out.push(base(`charset=${charset}`, { 'content-type': `${type}; charset=${charset}` }, encode(withFreshId(endpoint.body))));
  for (const encoding of ENCODINGS)
    out.push(base(`Content-Encoding: ${encoding}`, { 'content-type': type, 'content-encoding': encoding }, encode(withFreshId(endpoint.body))));
  for (const other of OTHER_TYPES)
    out.push(base(`Content-Type: ${other || '(saknas)'}`, other ? { 'content-type': other } : {}, encode(withFreshId(endpoint.body))));
  if (endpoint.form) {
    // A page takes its fields as a form, or as JSON of strings; lists, numbers and objects are not fields.
    // Every field twice (a urlencoded parser makes a list of it): a page expects one string per field.
    const twice = Object.entries(withFreshId(endpoint.body) as Record<string, unknown>)
      .flatMap(([k, v]) => [`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`, `${encodeURIComponent(k)}=x`])
      .join('&');
    out.push(base('varje fält två gånger', { 'content-type': type }, Buffer.from(twice)));
    out.push(
      base(
        'JSON-lista till ett formulär',
        { 'content-type': 'application/json' },
        Buffer.from(JSON.stringify(Object.fromEntries(Object.keys(endpoint.body as object).map((k) => [k, ['x']])))),
      ),
    );
    out.push(
      base(
        'JSON-tal till ett formulär',
        { 'content-type': 'application/json' },
        Buffer.from(JSON.stringify({ ...(withFreshId(endpoint.body) as object), [Object.keys(endpoint.body as object).at(-1) as string]: 1 })),
      ),
    );
    for (const raw of ['[]', '"text"', 'null']) out.push(base(`JSON ${raw} till ett formulär`, { 'content-type': 'application/json' }, Buffer.from(raw)));
  }
  if (!endpoint.form) {
    const first = Object.keys((endpoint.body as object) ?? {})[0];
    for (const raw of [...NON_OBJECTS, ...BROKEN, ...DEEP, ...(first ? deepAt(first) : [])])
      out.push(base(`kropp ${JSON.stringify(raw).slice(0, 40)}`, { 'content-type': type }, Buffer.from(raw, 'utf8')));
    // (A BOM before the JSON text is not here: RFC 8259 §8.1 lets a parser ignore it, and the body is then well-formed.)
    out.push(
      base(
        'Latin-1-byte som UTF-8',
        { 'content-type': type },
        Buffer.from(
          JSON.stringify(withStringAt(withFreshId(endpoint.body), stringLeaves(endpoint.body).find((p) => p.at(-1) !== 'requestId') ?? [], (s) => `${s} ÅÄÖ`)),
          'latin1',
        ),
      ),
    );
    out.push(base('ogiltig UTF-8-följd', { 'content-type': type }, Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')])));
  }
  for (const path of stringLeaves(endpoint.body)) {
    const key = path.at(-1);
    if (key === 'requestId' || key === '_csrf') continue;
    for (const ch of HIDDEN_CHARACTERS) {
      const body = withStringAt(withFreshId(endpoint.body), path, (s) => {
        const at = s.length === 0 ? 0 : rng.int(s.length + 1);
        return `${s.slice(0, at)}${ch}${s.slice(at)}`;
      });
      out.push(base(`U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} i ${path.join('.')}`, { 'content-type': type }, encode(body)));
    }
  }
  return out;
}

/** GET routes: a body they do not take, with an encoding or charset, and hidden characters in the query string. */
export function malformedReads(path: string, headers: Record<string, string>): RawRequest[] {
  const out: RawRequest[] = [];
  const body = Buffer.from('{"a":1}');
  for (const encoding of ['gzip', 'br'])
    out.push({
      method: 'GET',
      path,
      headers: { ...headers, 'content-type': 'application/json', 'content-encoding': encoding },
      body,
      description: `GET med kropp, ${encoding}`,
    });
  out.push({ method: 'GET', path, headers: { ...headers, 'content-type': 'application/json; charset=latin1' }, body, description: 'GET med kropp i latin1' });
  out.push({ method: 'GET', path, headers: { ...headers, 'content-type': 'text/plain' }, body, description: 'GET med textkropp' });
  for (const ch of ['\u0085', '\u202E', '\uFEFF', '\u0000']) {
    const q = encodeURIComponent(`x${ch}y`);
    out.push({
      method: 'GET',
      path: `${path}${path.includes('?') ? '&' : '?'}namnd=${q}&q=${q}&kommunkod=${q}&program=${q}&targetStart=${q}`,
      headers,
      description: `frågesträng med U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    });
  }
  return out;
}
