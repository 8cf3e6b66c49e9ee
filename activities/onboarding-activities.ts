/**
 * The activities of SKR's side (onboarding, bulk operations), built from the worker's dependencies. The signing
 * service and the learning platform are chosen by configuration (BF_SIGNING_PROVIDER, BF_LEARNING_PLATFORM) unless
 * the caller passes them (tests pass fakes that they can steer and inspect).
 */
import type { Client } from '@temporalio/client';
import type { LookProvider } from '../documents/looks';
import type { Registry } from '../domain/municipalities';
import { loadMunicipalityRegistry } from '../runtime/reference-data';
import { learningPlatformFromEnv, makeProvisionAccounts, type LearningPlatform } from './learning-platform';
import { makeBulkActivities } from './onboarding-invite';
import { currentRegistry } from '../clients/registry';
import { makeMunicipalityBasis } from './onboarding-registry';
import { programmesOf } from './programmes';
import type { ProgrammeRegistry } from '../domain/programmes';
import { makeRequestSignature, signingProviderFromEnv, type SigningProvider } from './signing';

export interface OnboardingActivityDeps {
  client: Client;
  taskQueue: string;
  looks: LookProvider;
  municipalities?: Registry;
  signing?: SigningProvider;
  learningPlatform?: LearningPlatform;
  /** The installation's programmes (an invitation carries its programme's definition into the onboarding). */
  programmes?: ProgrammeRegistry;
}

export function createOnboardingActivities(deps: OnboardingActivityDeps) {
  const base = deps.municipalities ?? loadMunicipalityRegistry();
  return {
    municipalityBasis: makeMunicipalityBasis({ client: deps.client, registry: base, looks: deps.looks }),
    requestSignature: makeRequestSignature(deps.signing ?? signingProviderFromEnv(deps.client)),
    provisionAccounts: makeProvisionAccounts(deps.learningPlatform ?? learningPlatformFromEnv()),
    ...makeBulkActivities({
      client: deps.client,
      taskQueue: deps.taskQueue,
      registry: () => currentRegistry(deps.client, base),
      programmes: () => programmesOf(deps),
    }),
  };
}
