import { z } from 'zod';
import { kommunkodSchema } from '../../domain/arende';
import { diarieserieSchema } from '../../domain/diarienummer';

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

/** The förvaltning's own steps, which a handläggare may take; everything else in the process is the sekreterare's. */
const HANDLAGGARE_ACTIONS = new Set(['reviseDraft', 'sendReferrals', 'recordReferralAnswer', 'finishBeredning', 'signTjansteutlatande']);

/** May `p` take this action on an ärende it can see? Läsare and SKR administrators only read. */
export function canAct(p: Principal, action: string): boolean {
  if (p.role === 'namndsekreterare') return true;
  if (p.role === 'handlaggare') return HANDLAGGARE_ACTIONS.has(action);
  return false;
}

/** May `p` change a body's sammanträdesplan? */
export function canEditMeetingPlans(p: Principal, kommunkod: string): boolean {
  return p.role === 'namndsekreterare' && p.kommunkod === kommunkod;
}
