import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * Stateless sessions: the session is a small JSON value, encrypted and authenticated with AES-256-GCM under a key
 * derived from BF_SESSION_SECRET, in an httpOnly SameSite=Lax cookie. Any web process with the same secret accepts
 * it, so several web processes need no shared store. Signing out clears the cookie; a session also ends at `exp`.
 */
export interface SessionData {
  /** The signed-in user's id; absent before sign-in (the session then only carries the CSRF token). */
  sub?: string;
  /** Synchronizer token for forms (hidden field `_csrf`) and for JSON calls with the cookie (header X-CSRF-Token). */
  csrf: string;
  /**
   * Signed in through the municipality's identity provider (server/auth/oidc.ts): the claims the role mapping reads,
   * mapped again on every request (a changed mapping takes effect at once), and the ID token for RP-initiated logout.
   */
  oidc?: { claims: Record<string, unknown>; idToken?: string };
  /** Issued and expires, seconds since the epoch. */
  iat: number;
  exp: number;
}

export const SESSION_COOKIE = 'bf_session';
const SIGNED_IN_SECONDS = 8 * 3600;
const ANONYMOUS_SECONDS = 2 * 3600;

export interface SessionOptions {
  secret: string;
  /** Secure cookies always; otherwise only when the request came over TLS (req.secure, with trust proxy). */
  cookieSecure: boolean;
}

export class SessionCodec {
  private readonly key: Buffer;
  private readonly macKey: Buffer;

  constructor(private readonly opts: SessionOptions) {
    if (opts.secret.length < 32) throw new Error('BF_SESSION_SECRET måste vara minst 32 tecken');
    this.key = Buffer.from(hkdfSync('sha256', opts.secret, 'beslutsflode', 'session-v1', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', opts.secret, 'beslutsflode', 'bound-token-v1', 32));
  }

  /**
   * A value handed to the client and taken back later (e.g. Temporal's page token of a list), bound to its context
   * (the list's query): base64url(HMAC-SHA256(context, value)[0..16] ‖ value). The server never sees a value the
   * client made up or one from another context.
   */
  bindToken(context: string, value: Uint8Array): string {
    return Buffer.concat([this.tokenMac(context, value), value]).toString('base64url');
  }

  /** The value of a token from bindToken with the same context, or undefined (tampered, other context, other secret). */
  openToken(context: string, token: string): Uint8Array | undefined {
    const raw = Buffer.from(token, 'base64url');
    if (raw.length <= 16) return undefined;
    const value = raw.subarray(16);
    return timingSafeEqual(raw.subarray(0, 16), this.tokenMac(context, value)) ? value : undefined;
  }

  private tokenMac(context: string, value: Uint8Array): Buffer {
    return createHmac('sha256', this.macKey).update(context).update('\0').update(value).digest().subarray(0, 16);
  }

  seal(data: SessionData): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  open(value: string | undefined, now = Date.now()): SessionData | undefined {
    if (!value || value.length > 4096) return undefined;
    try {
      const raw = Buffer.from(value, 'base64url');
      if (raw.length < 12 + 16 + 2) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      const json = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
      const data = JSON.parse(json) as SessionData;
      if (typeof data.csrf !== 'string' || typeof data.exp !== 'number' || data.exp * 1000 <= now) return undefined;
      return data;
    } catch {
      return undefined; // tampered, truncated, or sealed under another secret
    }
  }

  /** A small JSON value sealed like the session, for a purpose of its own (e.g. the OIDC sign-in's state and PKCE). */
  sealValue(purpose: string, value: unknown): string {
    return this.seal({ csrf: purpose, iat: 0, exp: Math.floor(Date.now() / 1000) + 600, value } as SessionData & { value: unknown });
  }

  /** The value of sealValue with the same purpose, within ten minutes; undefined otherwise. */
  openValue(purpose: string, sealed: string | undefined): unknown {
    const data = this.open(sealed) as (SessionData & { value?: unknown }) | undefined;
    return data && data.iat === 0 && safeEqual(data.csrf, purpose) ? data.value : undefined;
  }

  /** A fresh session; a new CSRF token on every sign-in and sign-out (no fixation). */
  create(sub?: string, now = Date.now(), oidc?: SessionData['oidc']): SessionData {
    const iat = Math.floor(now / 1000);
    return {
      ...(sub ? { sub } : {}),
      ...(oidc ? { oidc } : {}),
      csrf: randomBytes(24).toString('base64url'),
      iat,
      exp: iat + (sub ? SIGNED_IN_SECONDS : ANONYMOUS_SECONDS),
    };
  }

  /** Whether a cookie set on this request gets the Secure flag. */
  cookieSecure(req: Request): boolean {
    return this.opts.cookieSecure || req.secure;
  }

  write(req: Request, res: Response, data: SessionData): void {
    res.cookie(SESSION_COOKIE, this.seal(data), {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.opts.cookieSecure || req.secure,
      path: '/',
      maxAge: (data.exp - Math.floor(Date.now() / 1000)) * 1000,
    });
  }

  clear(req: Request, res: Response): void {
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: this.opts.cookieSecure || req.secure, path: '/' });
  }
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
