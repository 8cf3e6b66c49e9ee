/**
 * What goes into a Text search attribute (BfTitle) and what a free-text search looks for, normalised the same way:
 * lower case (Swedish), every character that is not a letter or a digit replaced by a space, runs of spaces made
 * one. Two reasons:
 * - Matching is by whole words, the same on the dev server (SQLite FTS5) and on PostgreSQL (tsvector): "Yrkesresan:
 *   anslutning" is found by "yrkesresan" and by "ANSLUTNING", and punctuation never decides.
 * - Temporal on PostgreSQL casts a Text value straight to a tsvector (`::tsvector`), where `:` marks a position and
 *   `'` quotes: a title such as "Yrkesresan: anslutning" or with a word starting with `'` fails to save the
 *   visibility row, and the ärende silently disappears from every list (temporalio/temporal PR #11085, open).
 *   Letters, digits and single spaces are always a valid tsvector.
 */

/** At most this many characters go into the attribute (Temporal's limit per value is 2 KB). */
export const SEARCH_TEXT_MAX = 1_000;
/** At most this many words of a query are used. */
export const SEARCH_WORDS_MAX = 8;

/** The normalised text of the given parts (title, diarienummer …): lower case, letters, digits and single spaces. */
export function normalizeSearchText(...parts: ReadonlyArray<string | undefined>): string {
  const text = parts
    .filter((p): p is string => typeof p === 'string')
    .join(' ')
    .normalize('NFC')
    .toLocaleLowerCase('sv')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (text.length <= SEARCH_TEXT_MAX) return text;
  const cut = text.slice(0, SEARCH_TEXT_MAX);
  return cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : SEARCH_TEXT_MAX);
}

/** The distinct words a free-text query looks for, normalised as the attribute is (empty: no free-text filter). */
export function searchWords(query: string | undefined): string[] {
  const words = normalizeSearchText(query).split(' ').filter(Boolean);
  return [...new Set(words)].slice(0, SEARCH_WORDS_MAX);
}
