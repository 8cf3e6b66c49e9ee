/** domain/search-text.ts: what goes into the BfTitle Text attribute and what free text looks for. */
import { normalizeSearchText, searchWords, SEARCH_TEXT_MAX, SEARCH_WORDS_MAX } from '../../domain/search-text';

test('the title that breaks Temporal on PostgreSQL becomes plain lower-case words', () => {
  expect(normalizeSearchText('Yrkesresan: anslutning')).toBe('yrkesresan anslutning');
  expect(normalizeSearchText("Svar på 'remiss' från KS")).toBe('svar på remiss från ks');
  // Nothing of tsvector's syntax survives: no colon, quote, backslash, ampersand, bar, star, bracket.
  expect(normalizeSearchText(`a:1 'b' \\c & d | e* (f) !g <-> h`)).toBe('a 1 b c d e f g h');
});

test('Swedish letters are kept and lower-cased; digits stay; punctuation and runs of space become one space', () => {
  expect(normalizeSearchText('ÅTERREMISS – Öckerö/Älvkarleby')).toBe('återremiss öckerö älvkarleby');
  expect(normalizeSearchText('  Hemställan   om\tatt\nansluta  ')).toBe('hemställan om att ansluta');
  expect(normalizeSearchText('Yrkesresan: anslutning', 'SN 2026/0012')).toBe('yrkesresan anslutning sn 2026 0012');
  expect(normalizeSearchText('', undefined)).toBe('');
  expect(normalizeSearchText('!!! ---')).toBe('');
});

test('the same text normalises to the same value (idempotent), composed and decomposed å alike', () => {
  const once = normalizeSearchText('Yrkesresan: Anslutning för Åre');
  expect(normalizeSearchText(once)).toBe(once);
  expect(normalizeSearchText('A\u030Are')).toBe(normalizeSearchText('Åre'));
});

test('a long title is cut at a word boundary within the limit', () => {
  const long = Array.from({ length: 400 }, (_, i) => `ord${i}`).join(' ');
  const out = normalizeSearchText(long);
  expect(out.length).toBeLessThanOrEqual(SEARCH_TEXT_MAX);
  expect(long.startsWith(out)).toBe(true);
  expect(out.endsWith(' ')).toBe(false);
});

test('query words are normalised the same way, distinct, and at most a few', () => {
  expect(searchWords('Yrkesresan: ANSLUTNING')).toEqual(['yrkesresan', 'anslutning']);
  expect(searchWords("'yrkesresan' yrkesresan")).toEqual(['yrkesresan']);
  expect(searchWords('SN 2026/0012')).toEqual(['sn', '2026', '0012']);
  expect(searchWords('  ')).toEqual([]);
  expect(searchWords(undefined)).toEqual([]);
  expect(searchWords(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))).toHaveLength(SEARCH_WORDS_MAX);
});
