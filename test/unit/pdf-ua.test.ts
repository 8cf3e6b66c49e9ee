/**
 * The PDF/UA finishing steps as plain functions: artifact marking of content streams, empty table cells, the
 * byte-copy patcher (read back by pdf-lib), and the list of known failures read from docs/archival.md.
 */
import { PDFArray, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { instructions, markUnmarkedAsArtifacts } from '../../documents/content-stream';
import { finishByCopy, finishWithPdfLib, keepEmptyTableCells } from '../../documents/pdf-ua';
import { patchPdf, readClassicPdf, streamObject } from '../../documents/pdf-patch';
import { documentedFailures } from '../support/verapdf';

const mark = (s: string) => {
  const out = markUnmarkedAsArtifacts(Buffer.from(s, 'latin1'));
  return out && Buffer.from(out).toString('latin1');
};

describe('marking unmarked content as artifacts', () => {
  test('an untagged text object and an untagged filled rectangle are wrapped; tagged content is not', () => {
    const stream = '/P <</MCID 0 >>BDC\nBT /F1 12 Tf (Body) Tj ET\nEMC\n0 0 10 2 re\nf\nBT /F1 9 Tf (Sida 1 \\(2\\)) Tj ET\n';
    expect(mark(stream)).toBe(
      '/P <</MCID 0 >>BDC\nBT /F1 12 Tf (Body) Tj ET\nEMC\n/Artifact BMC\n0 0 10 2 re\nf\nEMC\n/Artifact BMC\nBT /F1 9 Tf (Sida 1 \\(2\\)) Tj ET\nEMC\n',
    );
  });

  test('a Span with only an ActualText (no MCID) does not make a footer tagged: the text object is wrapped whole', () => {
    const stream = 'BT 1 0 0 1 0 0 Tm <0003> Tj /Span<</ActualText <FEFF00A0> >> BDC <0003> Tj EMC <0014> Tj ET';
    expect(mark(stream)).toBe(`/Artifact BMC\n${stream}\nEMC`);
  });

  test('a clipping path paints nothing and stays as it is; content inside an artifact stays as it is', () => {
    const stream = 'q 0 0 100 100 re W* n /Artifact BMC BT (x) Tj ET EMC Q';
    expect(mark(stream)).toBe(stream);
  });

  test('operators inside strings, names and hex strings are not operators', () => {
    const ops = instructions(Buffer.from('BT (ET \\) BT) Tj /ET-name 1 Tf <4554> Tj ET', 'latin1'))!;
    expect(ops.map((o) => o.operator)).toEqual(['BT', 'Tj', 'Tf', 'Tj', 'ET']);
  });

  test('a stream with an inline image is left to the caller (undefined), not guessed at', () => {
    expect(mark('BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI')).toBeUndefined();
  });
});

test('empty table cells get a no-break space, others are untouched', () => {
  expect(keepEmptyTableCells('<tr><th scope="row">Totalt</th><td></td><td class="num"> </td><td>5</td></tr>')).toBe(
    '<tr><th scope="row">Totalt</th><td>&nbsp;</td><td class="num">&nbsp;</td><td>5</td></tr>',
  );
});

async function tinyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([200, 200]);
  page.drawText('Hej', { x: 10, y: 10 });
  return doc.save({ useObjectStreams: false });
}

test('the byte-copy patcher replaces and adds objects and writes a table pdf-lib reads', async () => {
  const pdf = await tinyPdf();
  const c = readClassicPdf(pdf)!;
  expect(c).toBeDefined();
  const catalogNum = Number(/\/Root\s+(\d+)/.exec(c.trailer)![1]);
  const catalog = Buffer.from(
    `${catalogNum} 0 obj\n<< /Type /Catalog /Pages ${/\/Pages (\d+) 0 R/.exec(Buffer.from(pdf).toString('latin1'))![1]} 0 R /Metadata ${c.size} 0 R >>\nendobj\n`,
  );
  const patched = patchPdf(c, new Map([[catalogNum, catalog]]), [streamObject(c.size, '/Type /Metadata /Subtype /XML', Buffer.from('<x/>'))]);
  const doc = await PDFDocument.load(patched, { updateMetadata: false, throwOnInvalidObject: true });
  const meta = doc.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream;
  expect(Buffer.from(meta.getContents()).toString()).toBe('<x/>');
  expect(doc.getPageCount()).toBe(1);
  expect(readClassicPdf(patched)!.size).toBe(c.size + 1);
});

test('both paths add the PDF/UA XMP (pdfuaid 1, dc:title) and mark the untagged page content as an artifact', async () => {
  const pdf = await tinyPdf();
  const meta = { title: 'Tjänsteutlåtande: Prov', lang: 'sv', date: new Date('2026-06-05T08:00:00Z'), producer: 'test' };
  const fast = finishByCopy(pdf, meta);
  expect(fast).toBeDefined();
  for (const out of [fast!, await finishWithPdfLib(pdf, meta)]) {
    const doc = await PDFDocument.load(out, { updateMetadata: false });
    const xmp = Buffer.from((doc.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream).getContents()).toString('utf8');
    expect(xmp).toContain('pdfuaid:part="1"');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Tjänsteutlåtande: Prov</rdf:li>');
    const contents = doc.getPages()[0]!.node.lookup(PDFName.of('Contents'));
    const streams = (contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents]).filter(
      (x): x is PDFRawStream => x instanceof PDFRawStream,
    );
    const text = streams.map((s) => Buffer.from(decodePDFRawStream(s).decode()).toString('latin1')).join('\n');
    expect(text).toMatch(/\/Artifact BMC\s+BT[\s\S]*ET\s+EMC/);
  }
});

test('known failures are read from the table under their heading, backticks and all', () => {
  const md = [
    '# x',
    '## Known PDF/UA-1 failures',
    '',
    '| Document type | Rule | Reason | Plan |',
    '|---|---|---|---|',
    '| `avgiftsunderlag` | `7.2-43` | empty cells | fill them |',
    '| * | 7.1-3 | all | later |',
    '',
    '## Next',
    '| a | b |',
    '|---|---|',
    '| c | d |',
  ].join('\n');
  expect(documentedFailures(md)).toEqual([
    { type: 'avgiftsunderlag', rule: '7.2-43' },
    { type: '*', rule: '7.1-3' },
  ]);
  expect(documentedFailures('## Known PDF/UA-1 failures\n\nNone.\n')).toEqual([]);
  expect(() => documentedFailures('# nothing')).toThrow('Known PDF/UA-1 failures');
});
