/**
 * Replacing and adding whole objects in a PDF with a classic cross-reference table (what Chromium/Skia writes)
 * by copying bytes: no parse of the rest of the file, so a few objects cost what they weigh, not what the
 * document weighs. pdf-lib's load and save cost 10–70 ms per document, more than Chromium's print itself
 * (docs/benchmarks.md: the product renderer shall cost at most 1.15× bare Chromium).
 *
 * Anything else (xref streams, incremental updates, encryption) is refused with undefined: the caller then
 * takes the general path through pdf-lib.
 */

export interface ClassicPdf {
  bytes: Buffer;
  /** Byte offset of every object in use, by object number. */
  offsets: Map<number, number>;
  xrefAt: number;
  /** The trailer dictionary, "<< … >>". */
  trailer: string;
  /** The trailer's /Size: the next free object number. */
  size: number;
  /** Each object's bytes run from its offset to the next object's (or the cross-reference table). */
  spans: Map<number, [number, number]>;
}

const latin1 = (b: Buffer, start = 0, end = b.length) => b.toString('latin1', start, end);

export function readClassicPdf(pdf: Uint8Array): ClassicPdf | undefined {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const tail = latin1(bytes, Math.max(0, bytes.length - 1024));
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!sx) return undefined;
  const xrefAt = Number(sx[1]);
  if (!(xrefAt > 0 && xrefAt < bytes.length)) return undefined;
  const rest = latin1(bytes, xrefAt);
  if (!rest.startsWith('xref')) return undefined;
  const trailerAt = rest.indexOf('trailer');
  if (trailerAt < 0) return undefined;
  const trailer = /^trailer\s*(<<[\s\S]*>>)\s*startxref/.exec(rest.slice(trailerAt))?.[1];
  if (!trailer || /\/(Prev|Encrypt|XRefStm)\b/.test(trailer)) return undefined;
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  if (!Number.isInteger(size)) return undefined;
  const lines = rest.slice(0, trailerAt).split(/\r?\n|\r/);
  const offsets = new Map<number, number>();
  let i = 1;
  while (i < lines.length) {
    const head = /^(\d+) (\d+)\s*$/.exec(lines[i]!);
    if (!head) break;
    const first = Number(head[1]);
    const count = Number(head[2]);
    for (let k = 0; k < count; k++) {
      const e = /^(\d{10}) (\d{5}) ([nf])/.exec(lines[i + 1 + k] ?? '');
      if (!e) return undefined;
      if (e[3] === 'n') {
        if (e[2] !== '00000') return undefined; // generations: not what Chromium writes
        offsets.set(first + k, Number(e[1]));
      }
    }
    i += 1 + count;
  }
  const sorted = [...offsets.entries()].sort((a, b) => a[1] - b[1]);
  const spans = new Map<number, [number, number]>();
  sorted.forEach(([num, at], k) => spans.set(num, [at, k + 1 < sorted.length ? sorted[k + 1]![1] : xrefAt]));
  return { bytes, offsets, xrefAt, trailer, size, spans };
}

/** The bytes of object `num` ("num 0 obj … endobj"), or undefined. */
export function objectBytes(pdf: ClassicPdf, num: number): Buffer | undefined {
  const span = pdf.spans.get(num);
  if (!span) return undefined;
  const b = pdf.bytes.subarray(span[0], span[1]);
  return latin1(b, 0, 32).startsWith(`${num} 0 obj`) ? b : undefined;
}

/**
 * The file with objects replaced (by number; each value is the whole "n 0 obj … endobj") and new objects added
 * (numbered from pdf.size on, in order), with a new cross-reference table and trailer.
 */
export function patchPdf(pdf: ClassicPdf, replace: Map<number, Buffer>, add: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  const offsets = new Map<number, number>();
  const sorted = [...pdf.spans.entries()].sort((a, b) => a[1][0] - b[1][0]);
  const first = sorted.length ? sorted[0]![1][0] : pdf.xrefAt;
  parts.push(pdf.bytes.subarray(0, first));
  let at = first;
  for (const [num, [start, end]] of sorted) {
    offsets.set(num, at);
    const chunk = replace.get(num) ?? pdf.bytes.subarray(start, end);
    parts.push(chunk);
    at += chunk.length;
  }
  add.forEach((chunk, i) => {
    offsets.set(pdf.size + i, at);
    parts.push(chunk);
    at += chunk.length;
  });
  const size = pdf.size + add.length;
  const entries = ['0000000000 65535 f \n'];
  for (let n = 1; n < size; n++) {
    const o = offsets.get(n);
    entries.push(o === undefined ? '0000000000 00000 f \n' : `${String(o).padStart(10, '0')} 00000 n \n`);
  }
  const trailer = pdf.trailer.replace(/\/Size\s+\d+/, `/Size ${size}`);
  parts.push(Buffer.from(`xref\n0 ${size}\n${entries.join('')}trailer\n${trailer}\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** "n 0 obj\n<<dict>>\nstream\n…\nendstream\nendobj\n" */
export function streamObject(num: number, dict: string, data: Uint8Array): Buffer {
  return Buffer.concat([
    Buffer.from(`${num} 0 obj\n<<${dict} /Length ${data.length}>>\nstream\n`, 'latin1'),
    Buffer.from(data),
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
}

/** A dictionary object with entries added right after its opening "<<"; undefined if it is not one. */
export function withEntries(pdf: ClassicPdf, num: number, entries: string): Buffer | undefined {
  const b = objectBytes(pdf, num);
  if (!b) return undefined;
  const text = latin1(b);
  const open = /^\d+ 0 obj\s*<</.exec(text);
  if (!open || text.includes('stream')) return undefined;
  return Buffer.concat([b.subarray(0, open[0].length), Buffer.from(`${entries}\n`, 'latin1'), b.subarray(open[0].length)]);
}
