import { createHash, timingSafeEqual } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Principal } from './principal';
import type { UserEntry, UsersFile } from './users-file';

/**
 * The seam for sign-in. The embedded default reads config/users.json (ConfigFileAuthenticator); a municipality's
 * own sign-in (OIDC) implements the same interface: after its callback it has a Principal, and the session layer
 * does the rest (docs/auth.md).
 */
export interface Authenticator {
  /** Username and password; undefined when either is wrong (the caller does not learn which). */
  signInWithPassword(username: string, password: string): Promise<Principal | undefined>;
  /** A machine client's `Authorization: Bearer <token>`. */
  verifyToken(token: string): Promise<Principal | undefined>;
  /** The principal behind a session's subject now; undefined when the user was removed or disabled. */
  principalFor(userId: string): Promise<Principal | undefined>;
}

/** A hash of a password nobody has, verified when the user is unknown so that both cases take the same time. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$aWajuzIVgVA7GyFSKzsVlA$rC5Pz9Z+hKVGQqqdMkfxWjwuVktnonZuAdBbazgnME8';

export function tokenSha256(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class ConfigFileAuthenticator implements Authenticator {
  private readonly byUsername = new Map<string, UserEntry>();
  private readonly byId = new Map<string, UserEntry>();
  private readonly tokens: Array<{ sha: Buffer; userId: string }>;

  constructor(file: UsersFile) {
    for (const u of file.users) {
      this.byUsername.set(u.username, u);
      this.byId.set(u.id, u);
    }
    this.tokens = file.tokens.map((t) => ({ sha: Buffer.from(t.sha256, 'hex'), userId: t.userId }));
  }

  async signInWithPassword(username: string, password: string): Promise<Principal | undefined> {
    const user = this.byUsername.get(username.trim().toLowerCase());
    const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
    if (!user || !ok || user.disabled) return undefined;
    return toPrincipal(user);
  }

  async verifyToken(token: string): Promise<Principal | undefined> {
    const sha = Buffer.from(tokenSha256(token), 'hex');
    const match = this.tokens.find((t) => timingSafeEqual(t.sha, sha));
    return match ? this.principalFor(match.userId) : undefined;
  }

  async principalFor(userId: string): Promise<Principal | undefined> {
    const user = this.byId.get(userId);
    return user && !user.disabled ? toPrincipal(user) : undefined;
  }
}

function toPrincipal(u: UserEntry): Principal {
  return {
    userId: u.id,
    name: u.name,
    role: u.role,
    ...(u.kommunkod ? { kommunkod: u.kommunkod } : {}),
    ...(u.namnder ? { namnder: [...u.namnder] } : {}),
    ...(u.signingRight ? { signingRight: { ...u.signingRight } } : {}),
    ...(u.email ? { email: u.email } : {}),
  };
}
