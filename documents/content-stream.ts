/**
 * Page content streams (ISO 32000-1, 7.8.2): split into instructions (operands + operator) and wrap every piece
 * of visible content that is outside any marked-content sequence in `/Artifact BMC … EMC`.
 *
 * Why: Chromium tags the body of the page but writes the print header and footer (headerTemplate/footerTemplate,
 * the running diarienummer and "Sida n (N)") and some decorative rules as plain content, neither tagged nor an
 * artifact, which PDF/UA-1 (ISO 14289-1, 7.1) forbids. Running headers, footers and decoration are exactly
 * what ISO 32000-1, 14.8.2.2 calls pagination and layout artifacts: a screen reader shall skip them.
 */

export interface Instruction {
  operator: string;
  /** Byte range of the operands and the operator in the stream. */
  start: number;
  end: number;
}

// Byte classes: 1 whitespace, 2 delimiter (ISO 32000-1, 7.2.2).
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[c] = 2;
/** Bytes a number starts with: digits, sign, point. */
const NUMBER_START = new Uint8Array(256);
for (const c of '0123456789+-.') NUMBER_START[c.charCodeAt(0)] = 1;

/** Splits a content stream into instructions; undefined for what this reader does not handle (inline images). */
export function instructions(bytes: Uint8Array): Instruction[] | undefined {
  const out: Instruction[] = [];
  let i = 0;
  let operandsStart = -1;
  const n = bytes.length;
  while (i < n) {
    const c = bytes[i]!;
    if (CLASS[c] === 1) {
      i++;
      continue;
    }
    if (c === 0x25) {
      // % comment to end of line
      while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
      continue;
    }
    const tokenStart = i;
    if (c === 0x28) {
      // literal string with balanced parentheses and backslash escapes
      let depth = 0;
      for (; i < n; i++) {
        const b = bytes[i]!;
        if (b === 0x5c) i++;
        else if (b === 0x28) depth++;
        else if (b === 0x29 && --depth === 0) break;
      }
      i++;
    } else if (c === 0x3c && bytes[i + 1] === 0x3c) {
      i += 2; // dictionary start; its contents are tokens of their own
    } else if (c === 0x3e && bytes[i + 1] === 0x3e) {
      i += 2;
    } else if (c === 0x3c) {
      while (i < n && bytes[i] !== 0x3e) i++; // hex string
      i++;
    } else if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) {
      i++;
    } else if (c === 0x2f) {
      i++;
      while (i < n && CLASS[bytes[i]!] === 0) i++;
    } else if (CLASS[c] === 2) {
      return undefined; // a stray delimiter such as ")" or ">": not a stream we understand
    } else {
      while (i < n && CLASS[bytes[i]!] === 0) i++;
      if (!NUMBER_START[c]) {
        let word = '';
        for (let k = tokenStart; k < i; k++) word += String.fromCharCode(bytes[k]!);
        if (word !== 'true' && word !== 'false' && word !== 'null') {
          if (word === 'BI' || word === 'ID' || word === 'EI') return undefined; // inline image: binary data follows
          out.push({ operator: word, start: operandsStart >= 0 ? operandsStart : tokenStart, end: i });
          operandsStart = -1;
          continue;
        }
      }
    }
    if (operandsStart < 0) operandsStart = tokenStart;
  }
  return out;
}

const PATH_CONSTRUCTION = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
const PATH_PAINTING = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
const PAINTS_ALONE = new Set(['Do', 'sh']);

const isMark = (op: string) => op === 'BMC' || op === 'BDC';

/**
 * Whether a marked-content sequence makes its content accessible-or-skipped: it is tagged (has an MCID that ties
 * it to the structure tree) or is an artifact. Chromium also writes untied sequences, e.g. a Span with only an
 * ActualText for a no-break space in the footer: those do neither.
 */
function covers(text: string): boolean {
  return /^\/Artifact\b/.test(text) || /\/MCID\b/.test(text);
}

/** Ranges [first, last] of instructions that paint outside any tagged or artifact marked content. */
export function unmarkedContent(ops: Instruction[], bytes: Uint8Array): Array<[number, number]> {
  const text = (o: Instruction) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', o.start, o.end);
  const ranges: Array<[number, number]> = [];
  const stack: boolean[] = [];
  let covering = 0; // open sequences that are tagged or artifacts
  /** Marks inside [from, to] are balanced and none of them covers: the range can be wrapped as a whole. */
  const wrappable = (from: number, to: number) => {
    let depth = 0;
    for (let k = from; k <= to; k++) {
      const o = ops[k]!;
      if (isMark(o.operator)) {
        if (covers(text(o))) return false;
        depth++;
      } else if (o.operator === 'EMC' && --depth < 0) return false;
    }
    return depth === 0;
  };
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!.operator;
    if (isMark(op)) {
      const c = covers(text(ops[i]!));
      stack.push(c);
      if (c) covering++;
    } else if (op === 'EMC' && stack.pop()) covering--;
    if (covering > 0) continue;
    let last: number | undefined;
    if (op === 'BT') {
      let j = i + 1;
      while (j < ops.length && ops[j]!.operator !== 'ET') j++;
      if (j >= ops.length) return ranges; // unterminated text object: leave the rest alone
      last = j;
    } else if (PATH_CONSTRUCTION.has(op)) {
      let j = i + 1;
      while (j < ops.length && !PATH_PAINTING.has(ops[j]!.operator)) j++;
      if (j >= ops.length) return ranges;
      if (ops[j]!.operator === 'n') {
        i = j; // "re W n" only clips: nothing to see
        continue;
      }
      last = j;
    } else if (PAINTS_ALONE.has(op)) {
      last = i;
    }
    if (last === undefined) continue;
    if (wrappable(i, last)) {
      ranges.push([i, last]);
      i = last;
    }
  }
  return ranges;
}

/**
 * The stream with every unmarked painting wrapped as an artifact; undefined when the stream is one this reader
 * does not handle (then it is left as it is).
 */
export function markUnmarkedAsArtifacts(bytes: Uint8Array, tag = '/Artifact BMC'): Uint8Array | undefined {
  const ops = instructions(bytes);
  if (!ops) return undefined;
  const ranges = unmarkedContent(ops, bytes);
  if (ranges.length === 0) return bytes;
  const parts: Buffer[] = [];
  const src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  for (const [first, last] of ranges) {
    const start = ops[first]!.start;
    const end = ops[last]!.end;
    parts.push(src.subarray(at, start), Buffer.from(`${tag}\n`, 'latin1'), src.subarray(start, end), Buffer.from('\nEMC', 'latin1'));
    at = end;
  }
  parts.push(src.subarray(at));
  return Buffer.concat(parts);
}
