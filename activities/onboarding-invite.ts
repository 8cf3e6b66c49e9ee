import type { Client } from '@temporalio/client';
import type { Registry } from '../domain/municipalities';
import type { ProgrammeRegistry } from '../domain/programmes';
import { selectMunicipalities, type OnboardingStage } from '../domain/onboarding-stages';
import { inviteOne, onboardingStatuses, type InviteRequest } from '../clients/onboarding';
import type { BulkFilter, BulkItemOutcome } from '../workflows/onboarding-messages';

/** Activities of the bulk operation: choose the municipalities, invite one. */
export function makeBulkActivities(deps: { client: Client; taskQueue: string; registry: () => Promise<Registry>; programmes: () => ProgrammeRegistry }) {
  return {
    async selectMunicipalities(input: { program: string; filter: BulkFilter }): Promise<string[]> {
      const [registry, stages] = await Promise.all([deps.registry(), onboardingStatuses(deps.client, input.program)]);
      return selectMunicipalities(registry.all(), stages, input.filter).map((m) => m.kommunkod);
    },
    async inviteMunicipality(req: InviteRequest): Promise<{ outcome: BulkItemOutcome; stage: OnboardingStage }> {
      // The programme as configured now goes into the onboarding it starts (its input's snapshot).
      return inviteOne(deps.client, deps.taskQueue, { ...req, programme: req.programme ?? deps.programmes().byId(req.program) });
    },
  };
}
