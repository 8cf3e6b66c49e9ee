import type { Client } from '@temporalio/client';
import type { IsoDate } from '../domain/iso-date';
import type { Registry } from '../domain/municipalities';
import { municipalityPartyName } from '../domain/onboarding-terms';
import type { LookProvider } from '../documents/looks';
import { currentRegistry } from '../workflows/registry-client';

export interface MunicipalityBasis {
  kommunkod: string;
  name: string;
  /** The municipality as a party to the agreement ("Stockholms stad", "Kiruna kommun"). */
  partyName: string;
  lanskod: string;
  lan: string;
  rss?: string;
  population: number;
  populationDate: IsoDate;
}

/** Activity: what an agreement or a fee statement needs to know about a municipality, as the registry says now. */
export function makeMunicipalityBasis(deps: { client: Client; registry: Registry; looks: LookProvider }) {
  return async function municipalityBasis(kommunkod: string): Promise<MunicipalityBasis> {
    const registry = await currentRegistry(deps.client, deps.registry);
    const m = registry.byKode(kommunkod);
    if (!m) throw new Error(`kommunkoden ${kommunkod} finns inte i kommunregistret`);
    const look = await deps.looks.lookFor(kommunkod);
    const partyName = look.kommunName && look.kommunName !== m.name ? look.kommunName : municipalityPartyName(m.name);
    return {
      kommunkod,
      name: m.name,
      partyName,
      lanskod: m.lanskod,
      lan: m.lan,
      ...(m.rss ? { rss: m.rss.name } : {}),
      population: m.population,
      populationDate: m.populationDate,
    };
  };
}
