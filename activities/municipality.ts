import type { Registry } from '../domain/municipalities';

export interface MunicipalityFacts {
  kommunkod: string;
  name: string;
  lanskod: string;
  lan: string;
  population: number;
  populationDate: string;
  rss?: string;
}

/** The municipality as the registry knows it now (population and its date, county, RSS): the basis of a fee. */
export function makeGetMunicipality(registry: () => Registry) {
  return async function getMunicipality(kommunkod: string): Promise<MunicipalityFacts> {
    const m = registry().byKode(kommunkod);
    if (!m) throw new Error(`Okänd kommunkod ${kommunkod}`);
    return {
      kommunkod: m.kommunkod,
      name: m.name,
      lanskod: m.lanskod,
      lan: m.lan,
      population: m.population,
      populationDate: m.populationDate,
      ...(m.rss ? { rss: m.rss.name } : {}),
    };
  };
}
