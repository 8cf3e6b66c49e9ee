/**
 * How a municipality is named as it names itself ("Stockholms stad", "Göteborgs Stad", "Kiruna kommun",
 * "Region Gotland"): the name an agreement, a fee statement and a letterhead print.
 *
 * The names are data: reference/kommuner.csv, column `officiellt_namn`, one for each of the 290 (sources and the
 * list of exceptions in reference/SOURCES.md). The rule below is how that column was made and what a municipality
 * without a configured name falls back to: "<genitive> kommun", except the municipalities that call themselves
 * stad (14) and Gotland, a municipality with the tasks of a region that calls itself Region Gotland.
 *
 * Swedish genitive of a place name: no -s after s, x or z ("Borås kommun", "Överkalix kommun") nor after a vowel
 * ("Malmö", "Umeå kommun"); -s otherwise ("Stockholms"). Irregular: Falun → "Falu kommun", Kalmar → "Kalmar kommun", Orust → "Orust kommun".
 *
 * Pure (no I/O): safe in the workflow sandbox.
 */

const IRREGULAR_GENITIVE: Readonly<Record<string, string>> = { Falun: 'Falu', Kalmar: 'Kalmar', Orust: 'Orust' };

/** "Stockholm" → "Stockholms", "Borås" → "Borås", "Malmö" → "Malmö", "Falun" → "Falu". */
export function placeGenitive(name: string): string {
  const irregular = IRREGULAR_GENITIVE[name];
  if (irregular) return irregular;
  const last = name.slice(-1).toLocaleLowerCase('sv');
  return 'aeiouyåäösxz'.includes(last) ? name : `${name}s`;
}

/** The rule alone: "<genitive> kommun" ("Kiruna kommun", "Falu kommun"). */
export function kommunNameByRule(name: string): string {
  return `${placeGenitive(name)} kommun`;
}

/** The municipality's own name: the registry's `officialName` when there is one, else the rule. */
export function officialMunicipalityName(m: { name: string; officialName?: string }): string {
  return m.officialName ?? kommunNameByRule(m.name);
}
