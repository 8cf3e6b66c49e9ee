import type { Request } from 'express';
import { signedIn } from '../auth/middleware';
import { actorFor, ROLE_LABELS } from '../auth/principal';

/** The actor recorded in an onboarding's timeline: always the signed-in user, never a field of the request. */
export function skrActor(req: Request): { name: string; role: string } {
  const a = actorFor(signedIn(req));
  return { name: a.name, role: ROLE_LABELS[a.role] };
}
