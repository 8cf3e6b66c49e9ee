import type { Client } from '@temporalio/client';
import type { IsoDate } from '../domain/iso-date';
import type { Registry } from '../domain/municipalities';
import type { NationalRate } from '../domain/fees';
import { officialMunicipalityName } from '../domain/municipality-names';
import { DEFAULT_PROGRAM } from '../domain/onboarding-terms';
import { ratesSetBySkr } from '../workflows/programme-rates-client';
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
  /** The national rates SKR has set through the product (over the programme's own table). */
  nationalRates?: NationalRate[];
}

/** Activity: what an agreement or a fee statement needs to know about a municipality, as the registry says now. */
export function makeMunicipalityBasis(deps: { client: Client; registry: Registry; looks: LookProvider }) {
  return async function municipalityBasis(kommunkod: string, program: string = DEFAULT_PROGRAM): Promise<MunicipalityBasis> {
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
