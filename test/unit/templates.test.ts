import fs from 'node:fs';
import path from 'node:path';
import type { MunicipalityLookInput } from '../../domain/documents/look';
import { DOCUMENT_SCHEMAS, DOCUMENT_TITLES, DOCUMENT_TYPES, type DocumentType } from '../../documents/types';
import { DocumentValidationError, parseMunicipalityLook, renderDocumentHtml } from '../../documents/templates';
import { SEED_000_ATTACHMENTS, SEED_000_PROPOSALS, SEED_000_SECTIONS, SEED_000_SIGNATORIES, SEED_000_TITLE, seed000, seed000Look } from '../../demo/seed-000';

import { SAMPLES, sampleLook as look, TINY_PNG } from '../documents/samples';

/** Text a reader sees: <head> removed, tags removed, entities decoded, whitespace collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*<\/head>/, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\n]+/g, ' ') // ASCII whitespace only: U+00A0 must survive
    .trim();
}

describe('renderDocumentHtml: every document type', () => {
  it('has a sample for every type', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...DOCUMENT_TYPES].sort());
  });

  it.each(DOCUMENT_TYPES)('%s renders a complete, self-contained HTML document', (type) => {
    const r = renderDocumentHtml(type, SAMPLES[type], look);
    expect(r.lang).toBe('sv');
    expect(r.html.startsWith('<!DOCTYPE html>\n<html lang="sv">')).toBe(true);
    expect(r.html).toContain(`<title>${r.title}</title>`);
    // The type names the document once: "Remiss till …", "Yttrande över remiss …", never "Remiss: Remiss: …".
    expect(r.title.startsWith(DOCUMENT_TITLES[type])).toBe(true);
    expect(r.title).not.toMatch(new RegExp(`^${DOCUMENT_TITLES[type]}: ${DOCUMENT_TITLES[type]}`, 'i'));
    expect(r.html).toMatch(/<meta name="author" content="[^"]+">/);
    expect(r.html).toMatch(/<meta name="description" content="[^"]+">/);
    expect(r.html).toContain('@page { size: A4; margin:');
    expect(r.html.match(/<h1>/g)).toHaveLength(1);
    expect(r.html).toContain('<div class="meta">');
    // no external resources: the only src is the data: logo, no links, no url(), no @import, no scripts
    expect(r.html).not.toMatch(/https?:/);
    expect(r.html).not.toMatch(/<link|<script|@import|url\(/i);
    for (const m of r.html.matchAll(/src="([^"]*)"/g)) expect(m[1]!.startsWith('data:image/png;base64,')).toBe(true);
    // header: municipality, diarienummer (when the type has one) and Sida X (Y) on every page
    expect(r.headerTemplate).toContain('Stockholms stad');
    expect(r.headerTemplate).toContain('Sida <span class="pageNumber"></span> (<span class="totalPages"></span>)');
    expect(r.headerTemplate).toMatch(/font-size: 9pt/);
    expect(r.footerTemplate).toMatch(/font-size: 8pt/);
    const dnr = (SAMPLES[type] as { diarienummer?: string }).diarienummer;
    if (dnr) expect(r.headerTemplate).toContain(`Dnr ${dnr}`);
    expect(r.headerTemplate + r.footerTemplate).not.toMatch(/<script|https?:|<link/);
  });

  it('formats money, population and dates in Swedish in the fee statement', () => {
    const r = renderDocumentHtml('avgiftsunderlag', SAMPLES.avgiftsunderlag, look);
    expect(r.html).toContain('988\u00A0943 invånare');
    expect(r.html).toContain('2\u00A0403\u00A0131,49\u00A0kr');
    expect(r.html).toContain('1\u00A0859\u00A0212,84\u00A0kr');
    expect(r.html).toContain('4\u00A0262\u00A0344,33\u00A0kr');
    expect(r.html).toContain('2023-12-31');
  });

  it('writes the protocol extract with §, justering and utdrag bestyrkes', () => {
    const text = visibleText(renderDocumentHtml('protokollsutdrag', SAMPLES.protokollsutdrag, look).html);
    expect(text).toContain('§\u00A012 Hemställan om att ansluta till Yrkesresan');
    expect(text).toContain('Socialnämnden beslutar');
    expect(text).toContain('Exempel Ledamot (X) reserverar sig mot beslutet.');
    expect(text).toContain('Justerat 2026-06-23');
    expect(text).toContain('Utdrag bestyrkes Exempel Sekreterare Nämndsekreterare');
    expect(text).toContain('Beslut sänds till Kommunstyrelsen Äldrenämnden');
  });

  it('writes the notice with the last day for appeal', () => {
    const text = visibleText(renderDocumentHtml('anslagsbevis', SAMPLES.anslagsbevis, look).html);
    expect(text).toContain('Sista dag för överklagande 2024-07-11');
    expect(text).toContain('senast 2024-07-11');
  });

  it('uses the look’s signatories when the data has none', () => {
    const text = visibleText(renderDocumentHtml('hemstallan', SAMPLES.hemstallan, look).html);
    expect(text).toContain('Veronica Carstorp Wolgast Socialdirektör');
    expect(text).toContain('Till Kommunfullmäktige via Kommunstyrelsen');
    expect(text).toContain('hemställer att kommunfullmäktige beslutar');
    expect(text).toContain('Bilagor Protokollsutdrag Tjänsteutlåtande'); // the <ol> numbers them
  });
});

describe('seed 000 (golden-ish)', () => {
  const r = renderDocumentHtml('tjansteutlatande', seed000, seed000Look);
  const text = visibleText(r.html);

  it('has the seed’s header layout: organisation top left, document type, Dnr and Sida X (Y) top right', () => {
    const header = visibleText(r.headerTemplate);
    expect(header).toBe('Stockholms stad Socialförvaltningen Avdelningen för strategi och utveckling Tjänsteutlåtande Dnr SN 2026/0000 Sida ( )');
    expect(text.startsWith('Handläggare Exempel Exempelsson, utredare Datum 2026-06-05 Diarienummer SN 2026/0000 Till Socialnämnden')).toBe(true);
  });

  it('contains the title, förslag, every section and paragraph in seed 000’s order', () => {
    const expected: string[] = [SEED_000_TITLE, 'Förvaltningens förslag till beslut', ...SEED_000_PROPOSALS];
    for (const [heading, blocks] of SEED_000_SECTIONS) {
      expected.push(heading);
      for (const b of blocks) {
        if (typeof b === 'string') expected.push(b);
        else expected.push(...b.bullets);
      }
    }
    for (const s of SEED_000_SIGNATORIES) expected.push(`${s.name} ${s.title} ${s.unit}`);
    expected.push('Bilaga', ...SEED_000_ATTACHMENTS);

    let at = 0;
    for (const piece of expected) {
      const i = text.indexOf(piece, at);
      if (i < 0) throw new Error(`Saknas eller i fel ordning efter position ${at}: ${piece}`);
      at = i + piece.length;
    }
  });

  it('makes each section an h2 with its paragraphs as <p>', () => {
    const h2 = [...r.html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual([
      'Förvaltningens förslag till beslut',
      'Sammanfattning',
      'Bakgrund',
      'Ärendet',
      'Ärendets beredning',
      'Förvaltningens synpunkter och förslag',
      'Bilaga',
    ]);
    expect(r.html).toContain(`<h1>${SEED_000_TITLE}</h1>`);
    expect(r.html).toContain('<p>Förvaltningen bedömer att:</p>\n<ul>');
  });
});

// ---------------------------------------------------------------------------------------------------------

const EVIL = `<script>alert(1)</script><img src=x onerror=alert(1)>{{constructor}}{{{constructor.constructor}}}</style>"'&`;

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function mapStrings(value: Json, f: (s: string, p: (string | number)[]) => string, p: (string | number)[] = []): Json {
  if (typeof value === 'string') return f(value, p);
  if (Array.isArray(value)) return value.map((v, i) => mapStrings(v, f, [...p, i]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f, [...p, k])]));
  }
  return value;
}

/** A shorter payload for fields with a length limit (diarienummer). */
const EVIL_SHORT = `<script>x</script></style>{{x}}"'&`;

/**
 * Every string field gets EVIL appended; fields whose limit rejects it get EVIL_SHORT; fields the schema
 * rejects both in (dates, times) keep their value.
 */
function poison(type: DocumentType): { data: Json; poisoned: number; kept: string[] } {
  const original = JSON.parse(JSON.stringify(SAMPLES[type])) as Json;
  const level = new Map<string, number>(); // 0: EVIL, 1: EVIL_SHORT, 2: unchanged
  const apply = (s: string, p: (string | number)[]) => {
    const l = level.get(p.join('.')) ?? 0;
    return l === 0 ? s + EVIL : l === 1 ? s + EVIL_SHORT : s;
  };
  for (;;) {
    const data = mapStrings(original, apply);
    const r = DOCUMENT_SCHEMAS[type].safeParse(data);
    if (r.success) {
      let poisoned = 0;
      const kept: string[] = [];
      mapStrings(original, (s, p) => {
        if ((level.get(p.join('.')) ?? 0) < 2) poisoned++;
        else kept.push(p.join('.'));
        return s;
      });
      return { data, poisoned, kept };
    }
    let changed = false;
    for (const issue of r.error.issues) {
      const k = issue.path.map(String).join('.');
      const l = level.get(k) ?? 0;
      if (l < 2) {
        level.set(k, l + 1);
        changed = true;
      }
    }
    if (!changed) throw new Error(`cannot poison ${type}: ${r.error.message}`);
  }
}

describe('escaping of user data', () => {
  const evilLook: MunicipalityLookInput = {
    kommunName: `Stockholms stad${EVIL}`,
    forvaltning: `Socialförvaltningen${EVIL}`,
    avdelning: `Avdelningen${EVIL}`,
    primaryColor: '#1f3a5f',
    signatories: [{ name: `Namn${EVIL}`, title: `Titel${EVIL}`, unit: `Enhet${EVIL}` }],
  };

  it.each(DOCUMENT_TYPES)('%s: every string field is escaped in html, header and footer', (type) => {
    const { data, poisoned, kept } = poison(type);
    expect(poisoned).toBeGreaterThan(3);
    // only format-checked fields (dates, times) may have been left unpoisoned
    for (const k of kept) expect(k).toMatch(/date|Date|asOf|answerBy|start|end|time|postedFrom|postedTo/);
    const r = renderDocumentHtml(type, data, evilLook);
    for (const out of [r.html, r.headerTemplate, r.footerTemplate]) {
      expect(out).not.toContain('<script');
      expect(out).not.toContain('<img src=x');
      expect(out).not.toContain('onerror=');
      expect(out).not.toContain('"\'&');
      expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
      // the Handlebars-looking text is printed literally, never evaluated
      expect(out).toContain('{{constructor}}{{{constructor.constructor}}}&lt;/style&gt;&quot;&#x27;&amp;');
      expect(out).not.toMatch(/function Object|\[object Object\]|\[native code\]/);
    }
    expect(r.html.match(/<\/style>/g)).toHaveLength(1);
    expect(r.html.match(/<style>/g)).toHaveLength(1);
    // document metadata is escaped inside attributes too
    expect(r.html).not.toMatch(/<meta name="(author|description)" content="[^"]*<script/);
  });

  it('ignores unknown keys such as __proto__ and constructor in data', () => {
    const data = JSON.parse(JSON.stringify({ ...SAMPLES.startbesked, constructor: { name: 'x' } }).replace(/^\{/, '{"__proto__":{"polluted":"<b>yes</b>"},'));
    const r = renderDocumentHtml('startbesked', data, look);
    expect(r.html).not.toContain('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('validation', () => {
  it.each(['red', '#12345', '#1234', '#ggg', 'rgb(0,0,0)', '#fff;background:url(x)', '#ffffff</style>', ' #fff', '#fff\n'])(
    'rejects colour %j',
    (primaryColor) => {
      expect(() => renderDocumentHtml('startbesked', SAMPLES.startbesked, { ...look, primaryColor })).toThrow(DocumentValidationError);
      expect(() => parseMunicipalityLook({ ...look, primaryColor })).toThrow(/primaryColor: färgen måste skrivas #rgb eller #rrggbb/);
    },
  );

  it.each(['#fff', '#1F3A5F', '#000000'])('accepts colour %j', (primaryColor) => {
    expect(parseMunicipalityLook({ ...look, primaryColor }).primaryColor).toBe(primaryColor);
  });

  it.each([
    'https://example.se/logo.png',
    'data:image/jpeg;base64,AAAA',
    'data:image/svg+xml,<svg onload="alert(1)"/>',
    'data:image/png;base64,AAAA" onerror="alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'javascript:alert(1)',
    ' data:image/png;base64,AAAA',
    'data:image/png;base64,',
  ])('rejects logo %j', (logoDataUrl) => {
    expect(() => parseMunicipalityLook({ ...look, logoDataUrl })).toThrow(/logoDataUrl: logotypen måste vara en data-URL/);
  });

  it('accepts PNG and SVG base64 logos and puts them in an <img>', () => {
    const svg = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}`;
    expect(parseMunicipalityLook({ ...look, logoDataUrl: svg }).logoDataUrl).toBe(svg);
    const r = renderDocumentHtml('startbesked', SAMPLES.startbesked, look);
    expect(r.html).toContain(`<img class="logo" src="${TINY_PNG.replace(/=/g, '&#x3D;')}" alt="Stockholms stad">`);
  });

  it('rejects unknown document types', () => {
    expect(() => renderDocumentHtml('../../etc/passwd' as DocumentType, {}, look)).toThrow(/Okänd dokumenttyp/);
    expect(() => renderDocumentHtml('__proto__' as DocumentType, {}, look)).toThrow(/Okänd dokumenttyp/);
  });

  it('rejects invalid data with a readable error naming the field', () => {
    const bad = { ...SAMPLES.tjansteutlatande, date: '2028-06-31', proposals: [] };
    expect(() => renderDocumentHtml('tjansteutlatande', bad, look)).toThrow(DocumentValidationError);
    expect(() => renderDocumentHtml('tjansteutlatande', bad, look)).toThrow(/date: måste vara ett datum som finns/);
    expect(() => renderDocumentHtml('tjansteutlatande', bad, look)).toThrow(/proposals: minst ett förslag till beslut/);
  });

  it('checks dates and sums that must agree', () => {
    expect(() => renderDocumentHtml('anslagsbevis', { ...SAMPLES.anslagsbevis, postedFrom: '2024-06-17' }, look)).toThrow(
      /postedFrom: anslaget kan inte sättas upp före justeringen/,
    );
    expect(() => renderDocumentHtml('avgiftsunderlag', { ...SAMPLES.avgiftsunderlag, totalOre: 1 }, look)).toThrow(/totalOre/);
    expect(() =>
      renderDocumentHtml('avgiftsunderlag', { ...SAMPLES.avgiftsunderlag, national: { rateOre: 243, amountOre: 100 }, totalOre: 100 + 185921284 }, look),
    ).toThrow(/national.amountOre/);
    expect(() => renderDocumentHtml('anslutningsavtal', { ...SAMPLES.anslutningsavtal, period: { start: '2028-06-30', end: '2027-07-01' } }, look)).toThrow(
      /period.end/,
    );
    expect(() => renderDocumentHtml('startbesked', { ...SAMPLES.startbesked, title: 'Rad ett\nrad två' }, look)).toThrow(/title: ska vara en rad/);
  });
});

describe('templates on disk', () => {
  const root = path.resolve(__dirname, '..', '..');
  const dir = path.join(root, 'templates');
  const typesDir = path.join(root, 'documents', 'types');
  // Paths from the repository root: the shared layout in templates/, each type's page in documents/types/<type>/.
  const files = [
    ...fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.hbs'))
      .map((f) => path.join('templates', f)),
    ...fs.readdirSync(path.join(dir, 'partials')).map((f) => path.join('templates', 'partials', f)),
    ...fs
      .readdirSync(typesDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => path.join('documents', 'types', e.name, 'template.hbs')),
  ];

  it('has one template per document type', () => {
    for (const t of DOCUMENT_TYPES) expect(files).toContain(path.join('documents', 'types', t, 'template.hbs'));
  });

  it.each(files)('%s has no triple-stash or unescaped output', (f) => {
    const src = fs.readFileSync(path.join(root, f), 'utf8');
    expect(src).not.toContain('{{{');
    expect(src).not.toContain('{{&');
    expect(src).not.toMatch(/https?:\/\//);
  });
});
