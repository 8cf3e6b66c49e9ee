import type { Attendance, Vote, Votering } from './model';

/**
 * Omröstning (KL 5 kap. 53–58 §§; for nämnder 6 kap. 33 §): each voting member votes ja, nej or avstår; the
 * alternative with most votes wins, and on equal votes the ordförande's utslagsröst decides (5 kap. 57 §). Only
 * members who serve (närvarande ledamöter and tjänstgörande ersättare) vote, and not on an item where they have jäv.
 */

/** The members who may vote on an item: those who serve, less those with jäv. */
export function voters(attendance: Attendance | undefined, jav: readonly string[]): string[] {
  if (!attendance) return [];
  const javSet = new Set(jav.map((j) => j.toLocaleLowerCase('sv')));
  return [...attendance.present.map((p) => p.name), ...attendance.serving.map((s) => s.name)].filter((n) => !javSet.has(n.toLocaleLowerCase('sv')));
}

export interface VoteProblem {
  field: string;
  message: string;
}

/** What is wrong with the votes: a voter who may not vote, a voter twice, a voter missing. Empty when fine. */
export function voteProblems(votes: ReadonlyArray<{ member: string; vote: Vote }>, allowed: readonly string[]): VoteProblem[] {
  const problems: VoteProblem[] = [];
  const may = new Map(allowed.map((a) => [a.toLocaleLowerCase('sv'), a]));
  const seen = new Set<string>();
  votes.forEach((v, i) => {
    const key = v.member.toLocaleLowerCase('sv');
    if (!may.has(key)) problems.push({ field: `votering.votes.${i}.member`, message: `${v.member} tjänstgör inte eller har jäv i ärendet och får inte rösta` });
    else if (seen.has(key)) problems.push({ field: `votering.votes.${i}.member`, message: `${v.member} har redan röstat` });
    seen.add(key);
  });
  const missing = [...may.keys()].filter((k) => !seen.has(k)).map((k) => may.get(k) as string);
  if (missing.length > 0) problems.push({ field: 'votering.votes', message: `röst saknas för ${missing.join(', ')} (ange avstår för den som inte röstar)` });
  return problems;
}

/** The result of a vote: counts and the winner (ja, nej, or lika when equal and no utslagsröst is given). */
export function tally(votes: ReadonlyArray<{ vote: Vote }>, casting?: 'ja' | 'nej'): Votering['result'] {
  const ja = votes.filter((v) => v.vote === 'ja').length;
  const nej = votes.filter((v) => v.vote === 'nej').length;
  const avstar = votes.length - ja - nej;
  const winner = ja > nej ? 'ja' : nej > ja ? 'nej' : (casting ?? 'lika');
  return { ja, nej, avstar, winner };
}

/** "Med 6 ja-röster mot 5 nej-röster, 0 avstod, beslutar nämnden enligt ja." */
export function voteResultText(v: Votering): string {
  const { ja, nej, avstar, winner } = v.result;
  const how = winner === 'lika' ? 'Rösterna är lika' : `${winner === 'ja' ? v.ja : v.nej} har vunnit`;
  const casting = v.casting ? ' genom ordförandens utslagsröst' : '';
  return `${ja} ja, ${nej} nej, ${avstar} avstod. ${how}${casting}.`;
}
