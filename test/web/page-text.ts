/** What a user reads on a page: its visible text, and the checks that no code, UTC instant, file or route is in it. */
import { STAGES } from '../../domain/stages';
import { ONBOARDING_STATUSES } from '../../domain/onboarding-stages';

/** The text a user sees: the body without scripts, tags and attributes, entities decoded. */
export function visibleText(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? html;
  return body
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;|&#xa0;/gi, '\u00a0')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;|&#34;|&#x22;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/[ \t\r\n]+/g, ' '); // not \s: a non-breaking space stays one
}

/** Codes that are not Swedish words: with an underscore, or the ASCII spelling of a word with å, ä or ö. */
const CODES = [...new Set<string>([...STAGES, ...ONBOARDING_STATUSES])].filter(
  (c) => c.includes('_') || ['sammantrade', 'overklagandetid', 'overklagat', 'avbojt', 'fornyelse'].includes(c),
);

export function expectReadable(page: string, text: string) {
  expect({ page, utc: /\d{4}-\d\d-\d\dT\d\d:/.exec(text)?.[0] }).toEqual({ page, utc: undefined });
  const codes = CODES.filter((c) => new RegExp(`(^|[^\\wåäö/-])${c}($|[^\\wåäö/-])`).test(text));
  expect({ page, codes }).toEqual({ page, codes: [] });
  expect({ page, files: /\b[\w-]+\/[\w-]+\.(md|ts|json)\b/.exec(text)?.[0] }).toEqual({ page, files: undefined });
  expect({ page, routes: /\b(GET|POST|PUT|PATCH|DELETE) \/|\/api\//.exec(text)?.[0] }).toEqual({ page, routes: undefined });
}
