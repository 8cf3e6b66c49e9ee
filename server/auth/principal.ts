import { z } from 'zod';
import { kommunkodSchema } from '../../domain/municipalities';
import { diarieserieSchema } from '../../domain/diarienummer';

/** A user's right to sign the agreement for its party, with the title printed under the signature. */
export const signingRightSchema = z.object({ title: z.string().trim().min(2).max(120) });
export type SigningRight = z.infer<typeof signingRightSchema>;

/** Who is signed in: a person (session) or a machine client acting as a person (API token). */
export const ROLES = ['namndsekreterare', 'handlaggare', 'lasare', 'skr_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  namndsekreterare: 'Nämndsekreterare',
  handlaggare: 'Handläggare',
  lasare: 'Läsare',
  skr_admin: 'Administratör hos SKR',
};

export const principalSchema = z
  .object({
    userId: z.string().min(1),
    name: z.string().min(1),
    role: z.enum(ROLES),
    /** The municipality of a municipal role; absent for skr_admin (national). */
    kommunkod: kommunkodSchema.optional(),
    /** Diarieserie codes of the nämnder the user works for; absent = every nämnd of the municipality. */
    namnder: z.array(diarieserieSchema).min(1).optional(),
    /**
     * The right to sign the anslutningsavtal for the user's party (the municipality, or SKR for skr_admin), and the
     * title the signature is made in (e.g. "Kommunstyrelsens ordförande", firmatecknare). Absent: may not sign.
     */
    signingRight: signingRightSchema.optional(),
    /** Where reminders go (config/users.json `email`, or the IdP's email claim); absent: no reminder mail. */
    email: z.email().max(200).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.role !== 'skr_admin' && !p.kommunkod) ctx.addIssue({ code: 'custom', path: ['kommunkod'], message: `rollen ${p.role} kräver en kommunkod` });
    if (p.role === 'skr_admin' && (p.kommunkod || p.namnder)) {
      ctx.addIssue({ code: 'custom', path: ['role'], message: 'skr_admin är nationell och har varken kommunkod eller nämnder' });
    }
  });
export type Principal = z.infer<typeof principalSchema>;

/** The actor recorded in an ärende's history: always the signed-in user, never a field of the request. */
export function actorFor(p: Principal): { name: string; role: Role } {
  return { name: p.name, role: p.role };
}

/** May `p` see an ärende of this municipality and nämnd? SKR administrators see every municipality (read-only). */
export function canSee(p: Principal, arende: { kommunkod?: string; namnd?: string }): boolean {
  if (p.role === 'skr_admin') return true;
  if (!arende.kommunkod || arende.kommunkod !== p.kommunkod) return false;
  return !p.namnder || (arende.namnd !== undefined && p.namnder.includes(arende.namnd));
}

/** May `p` register a new ärende for this municipality and nämnd? */
export function canRegister(p: Principal, kommunkod: string, namnd: string): boolean {
  return (p.role === 'namndsekreterare' || p.role === 'handlaggare') && canSee(p, { kommunkod, namnd });
}

/** The party a user belongs to: SKR (skr_admin) or its municipality. */
export type AgreementParty = 'kommun' | 'skr';
export function partyOf(p: Principal): AgreementParty {
  return p.role === 'skr_admin' ? 'skr' : 'kommun';
}

/** The agreement's signature actions (sign or reject): only a person of that party with a signing right. */
export const SIGNING_ACTIONS: ReadonlySet<string> = new Set(['signAgreement', 'rejectAgreement']);

export interface Refusal {
  status: 403;
  code: 'FORBIDDEN' | 'WRONG_PARTY' | 'NO_SIGNING_RIGHT';
  message: string;
}

/**
 * May `p` sign (or reject) the agreement for `party`? A person signs only for the party they belong to, and only with
 * a signing right (config/users.json `signingRight`, docs/auth.md). Undefined = allowed.
 */
export function signingRefusal(p: Principal, party: unknown): Refusal | undefined {
  const own = partyOf(p);
  if (party !== undefined && party !== own) {
    const theirs = own === 'skr' ? 'SKR' : 'kommunen';
    return { status: 403, code: 'WRONG_PARTY', message: `Du företräder ${theirs} och kan bara underteckna eller avvisa avtalet för ${theirs}` };
  }
  if (!p.signingRight) {
    return {
      status: 403,
      code: 'NO_SIGNING_RIGHT',
      message: `${p.name} har ingen rätt att underteckna avtal för ${own === 'skr' ? 'SKR' : 'kommunen'} (firmateckningsrätt saknas)`,
    };
  }
  return undefined;
}

/** The förvaltning's own steps, which a handläggare may take; everything else in the process is the sekreterare's. */
const HANDLAGGARE_ACTIONS = new Set(['reviseDraft', 'sendReferrals', 'recordReferralAnswer', 'finishBeredning', 'signTjansteutlatande', 'registerHandling']);

/**
 * May `p` take this action on an ärende it can see? Läsare and SKR administrators only read; the agreement's
 * signature actions need a signing right (any municipal role).
 */
export function canAct(p: Principal, action: string): boolean {
  // The agreement is signed by a person with a signing right, for their own party only (signingRefusal).
  if (SIGNING_ACTIONS.has(action)) return p.signingRight !== undefined;
  if (p.role === 'namndsekreterare') return true;
  if (p.role === 'handlaggare') return HANDLAGGARE_ACTIONS.has(action);
  return false;
}

/**
 * Why `p` may not take `action` on an ärende it can see (403 with a code), or undefined. The agreement's signature
 * actions name the party in the body (default: the user's own party).
 */
export function actionRefusal(p: Principal, action: string, body: unknown): Refusal | undefined {
  if (SIGNING_ACTIONS.has(action)) {
    const party = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).party : undefined;
    return signingRefusal(p, party);
  }
  if (!canAct(p, action))
    return { status: 403, code: 'FORBIDDEN', message: `Rollen ${ROLE_LABELS[p.role].toLocaleLowerCase('sv')} får inte utföra åtgärden ${action}` };
  return undefined;
}

/** The signatory of a signature: always the signed-in person, in the title of their signing right. */
export function signatoryOf(p: Principal): { name: string; title: string; userId: string } {
  return { name: p.name, title: p.signingRight?.title ?? ROLE_LABELS[p.role], userId: p.userId };
}

/** May `p` change a body's sammanträdesplan? */
export function canEditMeetingPlans(p: Principal, kommunkod: string): boolean {
  return p.role === 'namndsekreterare' && p.kommunkod === kommunkod;
}
