/**
 * Golden test: the tjänsteutlåtande made from seed 000's content reads like seed 000.
 *
 * The reference is the seed text itself, test/fixtures/seed-000.txt (a real tjänsteutlåtande: Stockholms stad,
 * socialförvaltningen, 2026), parsed here
 * independently of test/fixtures/seed-000.ts. Compared: the title, the section headings in order, and every
 * section's words in order; the signatures side by side; the bilaga. Normalised on both sides: white space;
 * the seed's bullet glyphs (the PDF draws list bullets as graphics, not text). Page headers and footers are
 * cut away by reading only each page's body region (see pdf-pages.ts). The seed's hyphens are real
 * ("samverkans- och"); the PDF has no automatic hyphenation, so words are compared as they are.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderDocumentHtml } from '../../documents/templates';
import { createRenderer } from '../../runtime/worker';
import { seed000, seed000Look } from '../fixtures/seed-000';
import { readPdf } from '../support/pdf';
import { bodyText, pageRegions, pdfFile, words } from './pdf-pages';

const SEED = readFileSync(path.join(__dirname, '..', 'fixtures', 'seed-000.txt'), 'utf8');

/** The headings of seed 000, in its order: each stands on its own line in the seed. */
const HEADINGS = [
  'Förvaltningens förslag till beslut',
  'Sammanfattning',
  'Bakgrund',
  'Ärendet',
  'Ärendets beredning',
  'Förvaltningens synpunkter och förslag',
  'Bilaga',
] as const;

const tokens = (text: string) => words(text).filter((w) => w !== '•');

interface SeedDoc {
  title: string;
  sections: Array<{ heading: string; paragraphs: string[][] }>;
  /** rows of the signature block, each row's cells left to right */
  signatureRows: string[][];
}

function parseSeed(text: string): SeedDoc {
  const lines = text.split(/\r?\n/);
  const title = lines.find((l) => l.trim())!.trim();
  const starts = HEADINGS.map((h) => lines.findIndex((l) => l.trim() === h));
  const sections = HEADINGS.map((heading, i) => {
    const body = lines.slice(starts[i]! + 1, i + 1 < starts.length ? starts[i + 1] : lines.length);
    return { heading, body };
  });
  // The signature block: lines with two columns (two or more spaces inside), at the end of the last section.
  const signatureRows: string[][] = [];
  const last = sections[sections.length - 2]!;
  last.body = last.body.filter((l) => {
    const cells = l.trim().split(/ {2,}/);
    if (cells.length === 2) {
      signatureRows.push(cells);
      return false;
    }
    return true;
  });
  return {
    title,
    sections: sections.map(({ heading, body }) => ({
      heading,
      paragraphs: body
        .join('\n')
        .split(/\n\s*\n/)
        .map(tokens)
        .filter((p) => p.length > 0),
    })),
    signatureRows,
  };
}

const seed = parseSeed(SEED);
let file: string;
let pages: number;
let pdfBody: string;

beforeAll(async () => {
  const renderer = createRenderer(1);
  try {
    const printable = renderDocumentHtml('tjansteutlatande', seed000, seed000Look);
    const bytes = await renderer.render({ ...printable, createdAt: new Date('2026-06-05T08:00:00Z') });
    pages = (await readPdf(bytes)).pages;
    file = pdfFile(bytes);
    pdfBody = bodyText(file, pages);
  } finally {
    await renderer.close();
  }
}, 60_000);

test('the seed parses as expected (a check of this test itself)', () => {
  expect(seed.title).toBe('Hemställan om att ansluta till Yrkesresan');
  expect(seed.sections.map((s) => s.heading)).toEqual([...HEADINGS]);
  for (const s of seed.sections) expect(s.paragraphs.length).toBeGreaterThan(0);
  expect(seed.signatureRows).toEqual([
    ['Veronica Carstorp Wolgast', 'Lina Blombergsson'],
    ['Socialdirektör', 'Avdelningschef'],
    ['Socialförvaltningen', 'Socialförvaltningen'],
  ]);
});

/** The PDF body split at its heading lines, in the order they occur. */
function pdfSections(): { before: string[]; headings: string[]; sections: string[][] } {
  const lines = pdfBody.split('\n');
  const headingLines = lines.map((l, i) => [l.trim(), i] as const).filter(([l]) => (HEADINGS as readonly string[]).includes(l));
  const sections = headingLines.map(([, at], k) => tokens(lines.slice(at + 1, headingLines[k + 1]?.[1] ?? lines.length).join('\n')));
  return { before: tokens(lines.slice(0, headingLines[0]?.[1] ?? 0).join('\n')), headings: headingLines.map(([h]) => h), sections };
}

test('same section headings in the same order, after the title', () => {
  const { before, headings } = pdfSections();
  expect(headings).toEqual([...HEADINGS]);
  const title = tokens(seed.title);
  expect(before.slice(-title.length)).toEqual(title);
});

test.each(HEADINGS.map((h, i) => [h, i] as const))('section "%s" has the seed\'s text, word for word, in order', (_heading, i) => {
  const pdfWords = pdfSections().sections[i]!;
  const seedWords = seed.sections[i]!.paragraphs.flat();
  expect(pdfWords.slice(0, seedWords.length).join(' ')).toBe(seedWords.join(' '));
  // Every paragraph of the seed is one run of words in the PDF, in the seed's order.
  let from = 0;
  const joined = ` ${pdfWords.join(' ')} `;
  for (const paragraph of seed.sections[i]!.paragraphs) {
    const at = joined.indexOf(` ${paragraph.join(' ')} `, from);
    expect(at).toBeGreaterThanOrEqual(from);
    from = at + paragraph.join(' ').length;
  }
  const rest = pdfWords.slice(seedWords.length);
  if (HEADINGS[i] === 'Förvaltningens synpunkter och förslag') {
    // then the signatures, read column by column (name, title, unit of the first signatory, then the second)
    const columns = [0, 1].flatMap((c) => seed.signatureRows.flatMap((row) => tokens(row[c]!)));
    expect(rest).toEqual(columns);
  } else {
    expect(rest).toEqual([]);
  }
});

test('signatures side by side, as in the seed', () => {
  const layout = pageRegions(file, pages).layout;
  for (const [left, right] of seed.signatureRows) {
    expect(layout).toMatch(new RegExp(`${left} {2,}${right}`));
  }
});
