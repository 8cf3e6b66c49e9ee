import type { Client } from '@temporalio/client';
import type { MunicipalityBasis, Registry } from '../domain/municipalities';
import { officialMunicipalityName } from '../domain/municipality-names';
import { DEFAULT_PROGRAM } from '../domain/onboarding-terms';
import { ratesSetBySkr } from '../clients/programme-rates';
import type { LookProvider } from '../documents/looks';
import { currentRegistry } from '../clients/registry';

/**
 * Activity: what an agreement or a fee statement needs to know about a municipality, as the registry says now.
 * `partyName` is the municipality as a party to the agreement (its officialName; the onboarding has always read it so).
 */
export function makeMunicipalityBasis(deps: { client: Client; registry: Registry; looks: LookProvider }) {
  return async function municipalityBasis(
    kommunkod: string,
    program: string = DEFAULT_PROGRAM,
  ): Promise<MunicipalityBasis & { kommunkod: string; lan: string; partyName: string }> {
    const registry = await currentRegistry(deps.client, deps.registry);
    const m = registry.byKode(kommunkod);
    if (!m) throw new Error(`kommunkoden ${kommunkod} finns inte i kommunregistret`);
    // The name the municipality uses for itself, from the reference data (reference/kommuner.csv, officiellt_namn).
    const partyName = officialMunicipalityName(m);
    return {
      kommunkod,
      name: m.name,
      partyName,
      lanskod: m.lanskod,
      lan: m.lan,
      ...(m.rss ? { rss: m.rss.name } : {}),
      population: m.population,
      populationDate: m.populationDate,
      nationalRates: await ratesSetBySkr(deps.client, program),
    };
  };
}
