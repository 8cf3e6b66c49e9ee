/**
 * KF's minority rule (minoritetsåterremiss, minoritetsbordläggning): "Ett ärende ska bordläggas eller återremitteras
 * om det begärs av minst en tredjedel av de närvarande ledamöterna. Enkel majoritet krävs dock om ärendet tidigare
 * bordlagts eller återremitterats på begäran av en minoritet." (kommunallagen (2017:725) 5 kap. 50 §; the same words
 * as 5 kap. 36 § of the former kommunallagen (1991:900), SFS 2009:48). It exists in fullmäktige only, not in nämnder,
 * and a minority can use it once per ärende. One third is counted of those present, not of all members.
 */

/** True when `requesting` of `present` members are at least one third of those present (exact: 3 × requesting ≥ present). */
export function isMinorityRuleMet(present: number, requesting: number): boolean {
  if (!Number.isInteger(present) || !Number.isInteger(requesting) || present <= 0 || requesting < 0) return false;
  return requesting <= present && requesting * 3 >= present;
}

/** The fewest members who must ask, of `present`: one third rounded up (e.g. 101 present → 34; 99 → 33). */
export function minorityNeeded(present: number): number {
  return Math.ceil(present / 3);
}
