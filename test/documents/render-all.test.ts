/**
 * Every document type through the real renderer (templates → Chromium → PDF), read back the way a reader's tools
 * read it: text, pages, /Lang, tags, Title/Author/Subject, embedded fonts, and on every page the print header
 * with the diarienummer and "Sida n (N)".
 */
import { DOCUMENT_TITLES, DOCUMENT_TYPES, type DocumentType } from '../../documents/types';
import type { ChromiumPdfRenderer } from '../../documents/renderer';
import { renderDocumentHtml, type RenderedDocument } from '../../documents/templates';
import { createRenderer } from '../../runtime/worker';
import { normalizeSpace, readPdf, type PdfReadBack } from '../support/pdf';
import { fonts, pageRegions, pdfFile, words } from './pdf-pages';
import { SAMPLES, sampleLook } from './samples';

/** Values each document must show, as printed (beside every word of its HTML, checked below). */
const KEY_VALUES: Record<DocumentType, string[]> = {
  tjansteutlatande: ['Hemställan om att ansluta till Yrkesresan', 'Förvaltningens förslag till beslut', 'Veronica Carstorp Wolgast', 'Lina Blombergsson'],
  remiss: ['Äldrenämnden', 'Rådet för funktionshinderfrågor', 'registrator@example.se', 'Vill nämnden ansluta sina verksamheter?'],
  yttrande: ['Yttrande över remiss om Yrkesresan', 'Äldreförvaltningen ser i nuläget inte behov av att ansluta till Yrkesresan.'],
  protokollsutdrag: ['§ 12', 'Exempel Justerare', 'Exempel Ledamot (X)', 'Till förmån för eget yrkande.', 'Äldrenämnden'],
  anslagsbevis: ['Socialnämnden', 'Socialförvaltningen, registraturen', '§§ 1–15'],
  hemstallan: ['Stockholms stad ansluter till Yrkesresan från och med 2027-07-01.', 'Protokollsutdrag'],
  anslutningsavtal: ['Sveriges Kommuner och Regioner', 'Skadligt bruk och beroende', 'Uppsägning', 'Exempel Direktör'],
  startbesked: ['Kontoadministrationen öppnar två veckor före start.', 'kontakt@example.se', 'Funktionshinder'],
  avgiftsunderlag: ['StorSthlm', 'SCB', 'Nationell avgift', 'Regional avgift'],
  foredragningslista: ['Val av justerare', 'Socialförvaltningen, sammanträdesrummet', 'Exempel Exempelsson'],
  kallelse: ['Ändrad kallelse, version 2', 'Föredragningslista', 'Exempel Exempelsson'],
  protokoll: ['§ 12 Hemställan om att ansluta till Yrkesresan', 'Omröstning', 'Exempel Justerare', 'Till förmån för eget yrkande.', 'Tjänstgörande ersättare'],
};

/** Visible words of the HTML (head and tags removed, entities decoded). */
function htmlWords(html: string): string[] {
  const text = html
    .replace(/<head>[\s\S]*<\/head>/, ' ')
    .replace(/<\/?(strong|em|b|i|span|a|code|small|sup|sub|abbr)\b[^>]*>/gi, '') // inline: no word break
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return words(text);
}

function count(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of list) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

let renderer: ChromiumPdfRenderer;
const rendered = new Map<DocumentType, { printable: RenderedDocument; bytes: Uint8Array; pdf: PdfReadBack; file: string }>();

beforeAll(async () => {
  renderer = createRenderer(2);
  // Two at a time, as the pool allows: this also exercises the pool with concurrent renders.
  await Promise.all(
    DOCUMENT_TYPES.map(async (type) => {
      const printable = renderDocumentHtml(type, SAMPLES[type], sampleLook);
      const bytes = await renderer.render({ ...printable, createdAt: new Date('2026-06-05T08:00:00Z') });
      rendered.set(type, { printable, bytes, pdf: await readPdf(bytes), file: pdfFile(bytes) });
    }),
  );
}, 120_000);

afterAll(async () => {
  await renderer?.close();
});

describe.each(DOCUMENT_TYPES)('%s as PDF', (type) => {
  const get = () => rendered.get(type)!;

  test('is a tagged Swedish PDF with title, author and subject', () => {
    const { printable, pdf } = get();
    expect(pdf.tagged).toBe(true);
    expect(pdf.lang).toBe('sv');
    expect(pdf.title).toBe(printable.title);
    // The type names the document once ("Remiss till …", "Hemställan om …"), never "Remiss: Remiss: …".
    expect(pdf.title!.startsWith(DOCUMENT_TITLES[type])).toBe(true);
    expect(pdf.title!.startsWith(`${DOCUMENT_TITLES[type]}: ${DOCUMENT_TITLES[type]}`)).toBe(false);
    expect(pdf.author).toBe(printable.author);
    expect(pdf.subject).toBe(printable.subject);
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
  });

  test('shows its key values and every word of its HTML, with å, ä and ö intact', () => {
    const { printable, pdf } = get();
    const text = normalizeSpace(pdf.text.replace(/[\u00a0\u202f]/g, ' '));
    for (const value of KEY_VALUES[type]) expect(text).toContain(value);
    expect(text).toMatch(/[åäöÅÄÖ]/);
    expect(text).not.toMatch(/[\ufffd]|Ã¥|Ã¤|Ã¶/); // no replacement characters, no UTF-8 read as Latin-1
    const have = count(words(pdf.text));
    const missing = [...count(htmlWords(printable.html))].filter(([w, n]) => (have.get(w) ?? 0) < n).map(([w]) => w);
    expect(missing).toEqual([]);
  });

  test('embeds every font', () => {
    const list = fonts(get().file);
    expect(list.length).toBeGreaterThan(0);
    expect(list.filter((f) => !f.embedded)).toEqual([]);
  });

  test('prints the header on every page: municipality, document type, diarienummer and "Sida n (N)"', () => {
    const { pdf, file } = get();
    const dnr = (SAMPLES[type] as { diarienummer?: string }).diarienummer;
    for (let page = 1; page <= pdf.pages; page++) {
      const { header, body, footer } = pageRegions(file, page);
      const h = normalizeSpace(header);
      expect(h).toContain(sampleLook.kommunName);
      expect(h).toContain(DOCUMENT_TITLES[type]);
      expect(h).toContain(`Sida ${page} (${pdf.pages})`);
      if (dnr) expect(h).toContain(dnr);
      expect(normalizeSpace(body).length).toBeGreaterThan(0);
      expect(normalizeSpace(footer)).toContain(sampleLook.kommunName);
    }
  });
});

test('a long document runs over several pages, each numbered "Sida n (N)" with the diarienummer', () => {
  const { pdf, file } = rendered.get('tjansteutlatande')!;
  expect(pdf.pages).toBeGreaterThanOrEqual(3);
  for (let page = 1; page <= pdf.pages; page++) {
    expect(normalizeSpace(pageRegions(file, page).header)).toContain(`SN 2026/0000`);
  }
});

test('signatures stand side by side', () => {
  const { file, pdf } = rendered.get('tjansteutlatande')!;
  const last = pageRegions(file, pdf.pages).layout;
  expect(last).toMatch(/Veronica Carstorp Wolgast {2,}Lina Blombergsson/);
  expect(last).toMatch(/Socialdirektör {2,}Avdelningschef/);
});

test('the same input gives the same bytes (CreationDate from the workflow, no random ids)', async () => {
  const { printable, bytes } = rendered.get('remiss')!;
  const again = await renderer.render({ ...printable, createdAt: new Date('2026-06-05T08:00:00Z') });
  expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  expect(renderer.launches).toBe(1); // one Chromium for the whole file
});
