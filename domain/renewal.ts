import { z } from 'zod';

/**
 * The renewal decision at the end of an agreement period (docs/glossary.md: förnyelse, utträde): the municipality
 * renews for a new period (`fornya`) or leaves the programme (`uttrade`). One vocabulary for the ärende and SKR's
 * onboarding. The ärende's API said `renew`/`end` before; those are still accepted on input (clients, and requests
 * of running workflows) and read in stored state, and mean the same.
 */
export const RENEWAL_DECISIONS = ['fornya', 'uttrade'] as const;
export type RenewalDecision = (typeof RENEWAL_DECISIONS)[number];

/** The words of the ärende's API before the one vocabulary. */
const EARLIER: Record<string, RenewalDecision> = { renew: 'fornya', end: 'uttrade' };

export const renewalDecisionSchema = z
  .enum([...RENEWAL_DECISIONS, 'renew', 'end'], { error: "måste vara 'fornya' eller 'uttrade'" })
  .transform((d): RenewalDecision => EARLIER[d] ?? (d as RenewalDecision));

/** Whether a decision, as given now or as stored by an earlier version, renews the agreement. */
export function renews(decision: string | undefined): boolean {
  return decision !== undefined && (EARLIER[decision] ?? decision) === 'fornya';
}
