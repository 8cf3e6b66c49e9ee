/**
 * XMP metadata packets (ISO 16684-1) for the catalog's /Metadata stream: Dublin Core and PDF properties that say
 * the same as the document information dictionary, plus the identification a standard asks for (PDF/A: pdfaid,
 * PDF/UA: pdfuaid).
 */
export interface XmpFields {
  title: string;
  author?: string;
  subject?: string;
  /** BCP 47, e.g. "sv" */
  lang?: string;
  date: Date;
  producer: string;
  creatorTool?: string;
  /** The Info dictionary's /Keywords, as one comma-separated pdf:Keywords (they must say the same for PDF/A). */
  keywords?: string[];
  /** The identification, e.g. { prefix: 'pdfaid', ns: 'http://www.aiim.org/pdfa/ns/id/', props: { part: '2', conformance: 'B' } } */
  identification: Array<{ prefix: string; ns: string; props: Record<string, string> }>;
}

export const PDFA_2B_ID = { prefix: 'pdfaid', ns: 'http://www.aiim.org/pdfa/ns/id/', props: { part: '2', conformance: 'B' } };
/** ISO 14289-1, 5: the PDF/UA identification schema. */
export const PDFUA_1_ID = { prefix: 'pdfuaid', ns: 'http://www.aiim.org/pdfua/ns/id/', props: { part: '1' } };

export function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** ISO 8601 in UTC, as XMP wants it (the Info dates are written from the same instant). */
export function xmpDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function xmpPacket(meta: XmpFields): string {
  const lang = meta.lang ?? 'x-default';
  const alt = (v: string) =>
    `<rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(v)}</rdf:li>${lang !== 'x-default' ? `<rdf:li xml:lang="${xmlEscape(lang)}">${xmlEscape(v)}</rdf:li>` : ''}</rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    ...meta.identification.map(
      (id) =>
        `<rdf:Description rdf:about="" xmlns:${id.prefix}="${id.ns}"${Object.entries(id.props)
          .map(([k, v]) => ` ${id.prefix}:${k}="${xmlEscape(v)}"`)
          .join('')}/>`,
    ),
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(meta.title)}</dc:title>`,
    ...(meta.author ? [`<dc:creator><rdf:Seq><rdf:li>${xmlEscape(meta.author)}</rdf:li></rdf:Seq></dc:creator>`] : []),
    ...(meta.subject ? [`<dc:description>${alt(meta.subject)}</dc:description>`] : []),
    ...(meta.lang ? [`<dc:language><rdf:Bag><rdf:li>${xmlEscape(meta.lang)}</rdf:li></rdf:Bag></dc:language>`] : []),
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreateDate>${xmpDate(meta.date)}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${xmpDate(meta.date)}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${xmpDate(meta.date)}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xmlEscape(meta.creatorTool ?? 'Beslutsflöde')}</xmp:CreatorTool>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${xmlEscape(meta.producer)}</pdf:Producer>`,
    ...(meta.keywords?.length ? [`<pdf:Keywords>${xmlEscape(meta.keywords.join(', '))}</pdf:Keywords>`] : []),
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    ...Array.from({ length: 20 }, () => ' '.repeat(100)), // padding, as XMP writers leave for in-place edits
    '<?xpacket end="w"?>',
  ].join('\n');
}
