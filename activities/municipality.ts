import type { Client } from '@temporalio/client';
import { officialMunicipalityName } from '../domain/municipality-names';
import type { MunicipalityBasis, Registry } from '../domain/municipalities';
import { DEFAULT_PROGRAM } from '../domain/onboarding-terms';
import { ratesSetBySkr } from '../clients/programme-rates';

/**
 * The municipality as the registry knows it now (population and its date, county, RSS, its own name) and the
 * programme's rates as SKR has set them now: the basis of an agreement or a fee statement.
 */
export function makeGetMunicipality(registry: () => Registry, client?: Client) {
  return async function getMunicipality(kommunkod: string, program: string = DEFAULT_PROGRAM): Promise<MunicipalityBasis & { kommunkod: string; lan: string }> {
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
