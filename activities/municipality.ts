import type { Client } from '@temporalio/client';
import type { NationalRate } from '../domain/fees';
import { officialMunicipalityName } from '../domain/municipality-names';
import type { Registry } from '../domain/municipalities';
import { DEFAULT_PROGRAM } from '../domain/onboarding-terms';
import { ratesSetBySkr } from '../workflows/programme-rates-client';

export interface MunicipalityFacts {
  kommunkod: string;
  name: string;
  /** How the municipality names itself ("Stockholms stad", "Göteborgs Stad", "Kiruna kommun"). */
  officialName?: string;
  lanskod: string;
  lan: string;
  population: number;
  populationDate: string;
  rss?: string;
  /** The national rates SKR has set through the product (over the programme's own table), when known. */
  nationalRates?: NationalRate[];
}

/**
 * The municipality as the registry knows it now (population and its date, county, RSS, its own name) and the
 * programme's rates as SKR has set them now: the basis of an agreement or a fee statement.
 */
export function makeGetMunicipality(registry: () => Registry, client?: Client) {
  return async function getMunicipality(kommunkod: string, program: string = DEFAULT_PROGRAM): Promise<MunicipalityFacts> {
    const m = registry().byKode(kommunkod);
    if (!m) throw new Error(`Okänd kommunkod ${kommunkod}`);
    return {
      kommunkod: m.kommunkod,
      name: m.name,
      officialName: officialMunicipalityName(m),
      lanskod: m.lanskod,
      lan: m.lan,
      population: m.population,
      populationDate: m.populationDate,
      ...(m.rss ? { rss: m.rss.name } : {}),
      ...(client ? { nationalRates: await ratesSetBySkr(client, program) } : {}),
    };
  };
}
