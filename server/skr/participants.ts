import type { Registry } from '../../domain/municipalities';
import type { OnboardingStatus } from '../../domain/onboarding-stages';
import { isConnected } from '../../domain/onboarding-stages';
import type { z } from 'zod';
import type { participantsSchema } from './schemas';

/** The participating municipalities of a 2019-model computation, and how to describe them in Swedish. */
export function resolveParticipants(
  registry: Registry,
  stages: ReadonlyMap<string, OnboardingStatus>,
  p: z.infer<typeof participantsSchema>,
): { kommunkoder: string[]; description: string } {
  switch (p.kind) {
    case 'alla':
      return { kommunkoder: registry.all().map((m) => m.kommunkod), description: 'alla 290 kommuner' };
    case 'lan': {
      const list = registry.byLan(p.lanskod);
      const lan = list[0]?.lan ?? `län ${p.lanskod}`;
      return { kommunkoder: list.map((m) => m.kommunkod), description: `kommunerna i ${lan} (${list.length})` };
    }
    case 'anslutna': {
      const list = registry.all().filter((m) => isConnected(stages.get(m.kommunkod) ?? 'ej_inbjuden'));
      return { kommunkoder: list.map((m) => m.kommunkod), description: `de anslutna kommunerna (${list.length})` };
    }
    case 'kommuner':
      return { kommunkoder: p.kommunkoder, description: `${new Set(p.kommunkoder).size} valda kommuner` };
  }
}
