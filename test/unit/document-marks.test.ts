/**
 * Issue 10, points 6 and 13 at the template level: an utkast carries UTKAST marks and says so in its metadata, a
 * final version does not and shows who signed and when; the hemställan is a missive with a signature block; one date
 * style per document.
 */
import { DOCUMENT_TYPES } from '../../documents/types';
import { DRAFT_MARK, renderDocumentHtml, withTypePrefix } from '../../documents/templates';
import { SAMPLES, sampleLook as look } from '../documents/samples';

const visible = (html: string) =>
  html
    .replace(/<head>[\s\S]*<\/head>/, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();

describe('utkast and final versions', () => {
  it.each(DOCUMENT_TYPES)('%s as an utkast: watermark kept out of the tag tree, notice, running header and footer, metadata', (type) => {
    const r = renderDocumentHtml(type, SAMPLES[type], look, { status: 'utkast', version: 2 });
    expect(r.html).toContain(`<div class="draft-watermark" aria-hidden="true">${DRAFT_MARK}</div>`);
    expect(visible(r.html)).toContain('UTKAST – version 2. Detta är inte en slutlig version av handlingen.');
    expect(visible(r.headerTemplate)).toContain(`${DRAFT_MARK} Version 2`);
    expect(visible(r.footerTemplate).startsWith(`${DRAFT_MARK} – `)).toBe(true);
    expect(r.subject.startsWith(`${DRAFT_MARK} – `)).toBe(true);
    expect(r.keywords).toEqual(expect.arrayContaining([DRAFT_MARK, 'Version 2']));
    expect(r.info).toEqual({ Dokumentstatus: 'Utkast', Dokumentversion: '2' });
    expect(r.html).toContain('<meta name="keywords" content="');
  });

  it.each(DOCUMENT_TYPES)('%s as a final version has no UTKAST mark anywhere', (type) => {
    const r = renderDocumentHtml(type, SAMPLES[type], look, { status: 'slutlig', version: 1 });
    expect(r.html + r.headerTemplate + r.footerTemplate + r.subject).not.toContain(DRAFT_MARK);
    expect(r.keywords).toContain('Slutlig version');
    expect(r.info.Dokumentstatus).toBe('Slutlig');
  });

  it('a signed tjänsteutlåtande shows who signed and when', () => {
    const signed = {
      ...SAMPLES.tjansteutlatande,
      signatures: [
        { name: 'Veronica Carstorp Wolgast', title: 'Socialdirektör', unit: 'Socialförvaltningen', signedAt: '2026-12-01' },
        { name: 'Lina Blombergsson', title: 'Avdelningschef', unit: 'Socialförvaltningen', signedAt: '2026-12-02' },
      ],
    };
    const text = visible(renderDocumentHtml('tjansteutlatande', signed, look, { status: 'slutlig' }).html);
    expect(text).toContain('Veronica Carstorp Wolgast Socialdirektör Socialförvaltningen Undertecknat 2026-12-01');
    expect(text).toContain('Lina Blombergsson Avdelningschef Socialförvaltningen Undertecknat 2026-12-02');
  });

  it('never doubles the type in a title', () => {
    expect(withTypePrefix('Remiss', 'Remiss: X')).toBe('Remiss: X');
    expect(withTypePrefix('Remiss', 'X')).toBe('Remiss: X');
    expect(renderDocumentHtml('remiss', SAMPLES.remiss, look).title).toBe(
      'Remiss till Äldrenämnden, Rådet för funktionshinderfrågor: Hemställan om att ansluta till Yrkesresan',
    );
    expect(renderDocumentHtml('hemstallan', SAMPLES.hemstallan, look).title).toBe('Hemställan om att ansluta till Yrkesresan');
    expect(visible(renderDocumentHtml('remiss', SAMPLES.remiss, look).html)).not.toContain('Remiss: Remiss:');
  });
});

describe('the hemställan is a missive from the nämnd to KF via KS', () => {
  const data = {
    ...SAMPLES.hemstallan,
    signatures: undefined,
    request: ['Kommunfullmäktige bifaller hemställan från Socialnämnden Centrum om att ansluta till Yrkesresan.'],
    from: 'Socialnämnden Centrum',
    decision: ['Socialnämnden Centrum godkänner förslaget.', 'Socialnämnden Centrum överlämnar ärendet till kommunfullmäktige.'],
    signatoriesByRole: {
      ordforande: { name: 'Olle Ordförande', title: 'Ordförande', unit: 'Socialnämnden Centrum' },
      sekreterare: { name: 'Sara Sekreterare', title: 'Nämndsekreterare', unit: 'Socialnämnden Centrum' },
      forvaltningschef: { name: 'Frida Förvaltningschef', title: 'Socialdirektör' },
    },
  };

  it('has recipient, diarienummer, subject, the decision, the request, enclosures and the signatures of ordförande and sekreterare', () => {
    const r = renderDocumentHtml('hemstallan', data, look, { status: 'slutlig' });
    const text = visible(r.html);
    expect(text).toContain('Diarienummer SN 2026/0000');
    expect(text).toContain('Till Kommunfullmäktige via Kommunstyrelsen');
    expect(text).toContain('Hemställan om att ansluta till Yrkesresan');
    expect(text).toContain('Socialnämnden Centrum överlämnar ärendet till kommunfullmäktige via kommunstyrelsen för beslut.');
    expect(text).toContain(
      'Socialnämnden Centrums beslut Socialnämnden Centrum beslutade vid sitt sammanträde den 2026-06-16, §\u00A012: Socialnämnden Centrum godkänner förslaget.',
    );
    expect(text).toContain(
      'Socialnämnden Centrum hemställer att kommunfullmäktige beslutar följande. Kommunfullmäktige bifaller hemställan från Socialnämnden Centrum om att ansluta till Yrkesresan.',
    );
    expect(text).toContain(
      'För Socialnämnden Centrum Olle Ordförande Ordförande Socialnämnden Centrum Sara Sekreterare Nämndsekreterare Socialnämnden Centrum',
    );
    expect(text).toContain('Bilagor Protokollsutdrag Tjänsteutlåtande');
    expect(text).not.toMatch(/hemställan: Hemställan/i);
    expect(text).not.toContain('Frida Förvaltningschef');
  });

  it('is signed as the municipality’s configuration says', () => {
    const r = renderDocumentHtml('hemstallan', data, { ...look, hemstallanSignedBy: ['forvaltningschef'] });
    const text = visible(r.html);
    expect(text).toContain('Frida Förvaltningschef Socialdirektör');
    expect(text).not.toContain('Olle Ordförande');
  });
});

/** A date written out ("2 december 2026") and an ISO date ("2026-12-02") in one document are two styles. */
const LONG_DATE = /\b\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) \d{4}\b/;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
describe('one date style per document', () => {
  it.each(DOCUMENT_TYPES)('%s prints every date as ÅÅÅÅ-MM-DD', (type) => {
    for (const status of ['utkast', 'slutlig'] as const) {
      const r = renderDocumentHtml(type, SAMPLES[type], look, { status, version: 1 });
      const all = [visible(r.html), visible(r.headerTemplate), visible(r.footerTemplate), r.title, r.subject].join(' ');
      expect(all).toMatch(ISO_DATE);
      expect(all).not.toMatch(LONG_DATE);
    }
  });
});
