import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { kommunkodSchema } from '../../domain/municipalities';
import { diarieserieSchema } from '../../domain/diarienummer';
import { ROLES, signingRightSchema } from './principal';

/**
 * config/users.json: the users of the embedded default sign-in and the API tokens of machine clients.
 * Passwords are argon2id hashes (PHC strings); tokens are stored as SHA-256 hex of the token, each bound to a user.
 * Production replaces this file, or plugs its own sign-in (OIDC) into the Authenticator seam (docs/auth.md).
 */
export const userEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'måste vara 2–64 tecken a–z, 0–9, . _ -'),
  username: z.string().trim().toLowerCase().min(3).max(100),
  name: z.string().trim().min(1).max(120),
  passwordHash: z.string().startsWith('$argon2id$', 'måste vara en argon2id-hash (PHC-format)'),
  role: z.enum(ROLES),
  kommunkod: kommunkodSchema.optional(),
  namnder: z.array(diarieserieSchema).min(1).optional(),
  /** The right to sign the agreement for the user's party, and the title signed in (docs/auth.md). */
  signingRight: signingRightSchema.optional(),
  /** Where reminders go (mail/, docs/reminders.md); absent: no reminder mail. */
  email: z.email().max(200).optional(),
  disabled: z.boolean().default(false),
});
export type UserEntry = z.infer<typeof userEntrySchema>;

export const tokenEntrySchema = z.object({
  id: z.string().min(1).max(64),
  userId: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'måste vara SHA-256 i hex (64 tecken)'),
  label: z.string().max(200).optional(),
});
export type TokenEntry = z.infer<typeof tokenEntrySchema>;

export const usersFileSchema = z
  .object({
    users: z.array(userEntrySchema).min(1, 'minst en användare'),
    tokens: z.array(tokenEntrySchema).default([]),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    file.users.forEach((u, i) => {
      if (ids.has(u.id)) ctx.addIssue({ code: 'custom', path: ['users', i, 'id'], message: `id ${u.id} finns två gånger` });
      if (names.has(u.username)) ctx.addIssue({ code: 'custom', path: ['users', i, 'username'], message: `användarnamnet ${u.username} finns två gånger` });
      ids.add(u.id);
      names.add(u.username);
      if (u.role !== 'skr_admin' && !u.kommunkod)
        ctx.addIssue({ code: 'custom', path: ['users', i, 'kommunkod'], message: `rollen ${u.role} kräver kommunkod` });
      if (u.role === 'skr_admin' && (u.kommunkod || u.namnder))
        ctx.addIssue({ code: 'custom', path: ['users', i, 'role'], message: 'skr_admin har varken kommunkod eller nämnder' });
    });
    file.tokens.forEach((t, i) => {
      if (!ids.has(t.userId)) ctx.addIssue({ code: 'custom', path: ['tokens', i, 'userId'], message: `användaren ${t.userId} finns inte` });
    });
  });
export type UsersFile = z.infer<typeof usersFileSchema>;

export function loadUsersFile(file: string): UsersFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Kan inte läsa användarfilen ${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = usersFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
