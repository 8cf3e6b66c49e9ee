/** HTTP helpers for the web tests: API calls with a bearer token, and a cookie session that signs in like a browser. */
import { DEMO_TOKENS, DEMO_USERS } from '../../demo/demo-users';

export type DemoUserKey = keyof typeof DEMO_USERS;
export type DemoTokenKey = keyof typeof DEMO_TOKENS;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A machine client with a demo API key. */
export function apiClient(baseUrl: string, token: DemoTokenKey | string) {
  const bearer = token in DEMO_TOKENS ? DEMO_TOKENS[token as DemoTokenKey].token : token;
  return async (method: string, path: string, body?: unknown): Promise<Reply> =>
    reply(
      await fetch(`${baseUrl}${path}`, {
        method,
        redirect: 'manual',
        headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      }),
    );
}

/** A browser-like session: keeps the cookie, reads the CSRF token from forms, posts forms. */
export class BrowserSession {
  cookie = '';
  csrf = '';
  constructor(readonly baseUrl: string) {}

  private remember(res: Response) {
    const set = res.headers.getSetCookie?.() ?? [];
    for (const c of set) if (c.startsWith('bf_session=')) this.cookie = c.split(';')[0];
  }

  async get(path: string): Promise<Reply> {
    const res = await fetch(`${this.baseUrl}${path}`, { redirect: 'manual', headers: { cookie: this.cookie, accept: 'text/html' } });
    this.remember(res);
    const r = await reply(res);
    const m = /name="_csrf" value="([^"]+)"/.exec(r.text);
    if (m) this.csrf = m[1];
    return r;
  }

  async post(path: string, form: Record<string, string>, opts: { csrf?: string | null } = {}): Promise<Reply> {
    const body = new URLSearchParams(form);
    if (opts.csrf !== null) body.set('_csrf', opts.csrf ?? this.csrf);
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body,
    });
    this.remember(res);
    return reply(res);
  }

  /** JSON API call with the session cookie (needs X-CSRF-Token for changes). */
  async api(method: string, path: string, body?: unknown, csrf = true): Promise<Reply> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        cookie: this.cookie,
        ...(csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    return reply(res);
  }

  async signIn(user: DemoUserKey): Promise<Reply> {
    await this.get('/logga-in');
    const u = DEMO_USERS[user];
    const r = await this.post('/logga-in', { username: u.username, password: u.password });
    await this.get('/'); // picks up the signed-in session's CSRF token
    return r;
  }
}

/** A diarieserie of its own per test, so that tests don't see each other's ärenden. */
export function uniqueSerie(prefix = 'W'): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = prefix;
  for (let i = 0; i < 6; i++) s += letters[Math.floor(Math.random() * letters.length)];
  return s;
}
