import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { kommunkodSchema } from '../../domain/municipalities';
import { diarieserieSchema } from '../../domain/diarienummer';
import { principalSchema, ROLES, signingRightSchema, type Principal } from './principal';

/**
 * Who a person signed in through the municipality's identity provider is in Beslutsflöde: a table in configuration
 * (config/oidc.json, BF_OIDC_MAPPING_FILE), not a claim the IdP invents. A rule names a claim and a value (a group,
 * a role from the IdP); the first rule that matches gives the role, the municipality (fixed in the rule or read from
 * a claim), the nämnder and a signing right. No matching rule: no access (a clear refusal, docs/auth.md).
 */
const claimName = z.string().regex(/^[A-Za-z0-9_.:/-]{1,100}$/, 'måste vara ett claim-namn (A–Z, 0–9, _ . : / -)');

export const oidcRuleSchema = z
  .object({
    /** The claim to look at (a string or a list of strings in the ID token or userinfo) and the value it must hold. */
    claim: claimName,
    equals: z.string().min(1).max(200),
    role: z.enum(ROLES),
    kommunkod: kommunkodSchema.optional(),
    /** Read the municipality from this claim instead (one rule for every municipality of a shared IdP). */
    kommunkodClaim: claimName.optional(),
    namnder: z.array(diarieserieSchema).min(1).optional(),
    signingRight: signingRightSchema.optional(),
  })
  .refine((r) => !(r.kommunkod && r.kommunkodClaim), { message: 'ange kommunkod eller kommunkodClaim, inte båda', path: ['kommunkodClaim'] });

export const oidcMappingSchema = z.object({
  /** Claims tried in order for the person's name. */
  nameClaims: z.array(claimName).min(1).default(['name', 'preferred_username', 'email']),
  /** The claim with the person's e-mail address (reminders). */
  emailClaim: claimName.default('email'),
  rules: z.array(oidcRuleSchema).min(1, 'minst en regel'),
});
export type OidcMapping = z.infer<typeof oidcMappingSchema>;

export type Claims = Record<string, unknown>;

export function loadOidcMapping(file: string): OidcMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: kan inte läsas som JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = oidcMappingSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(filen)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** The claims the mapping reads (plus sub): all the session keeps of an ID token, so the cookie stays small. */
export function claimsKept(mapping: OidcMapping, claims: Claims): Claims {
  const names = new Set(['sub', ...mapping.nameClaims, mapping.emailClaim]);
  for (const r of mapping.rules) {
    names.add(r.claim);
    if (r.kommunkodClaim) names.add(r.kommunkodClaim);
  }
  const kept: Claims = {};
  for (const n of names) {
    const v = claims[n];
    if (typeof v === 'string') kept[n] = v.slice(0, 200);
    else if (Array.isArray(v))
      kept[n] = v
        .filter((x): x is string => typeof x === 'string')
        .slice(0, 50)
        .map((x) => x.slice(0, 200));
  }
  return kept;
}

function holds(value: unknown, wanted: string): boolean {
  return typeof value === 'string' ? value === wanted : Array.isArray(value) && value.includes(wanted);
}

/** The user id of a person from the IdP: stable per subject, never equal to a config/users.json id (no "oidc:" there). */
export function oidcUserId(sub: string): string {
  return `oidc:${sub}`;
}

/** The principal the claims map to, or undefined (no rule matches, or the rule gives no valid municipality). */
export function principalFromClaims(mapping: OidcMapping, claims: Claims): Principal | undefined {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') return undefined;
  const rule = mapping.rules.find((r) => holds(claims[r.claim], r.equals));
  if (!rule) return undefined;
  const name = mapping.nameClaims.map((n) => claims[n]).find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? sub;
  const kommunkod = rule.kommunkod ?? (rule.kommunkodClaim ? claims[rule.kommunkodClaim] : undefined);
  const email = claims[mapping.emailClaim];
  const candidate = {
    userId: oidcUserId(sub),
    name: name.trim().slice(0, 120),
    role: rule.role,
    ...(rule.role !== 'skr_admin' && typeof kommunkod === 'string' ? { kommunkod } : {}),
    ...(rule.namnder ? { namnder: [...rule.namnder] } : {}),
    ...(rule.signingRight ? { signingRight: { ...rule.signingRight } } : {}),
    ...(typeof email === 'string' && email.includes('@') ? { email } : {}),
  };
  const parsed = principalSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}
