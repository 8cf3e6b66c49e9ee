/**
 * A small XML writer for the e-archive package: elements with attributes and escaped text, nothing else. The
 * package's XML is validated against the official schemas in the tests (test/archive/earkiv.test.ts).
 */
export type Attrs = Record<string, string | number | boolean | undefined>;
export type Node = string | XmlElement | undefined | false;
export interface XmlElement {
  name: string;
  attrs: Attrs;
  children: Node[];
}

/** An element; undefined attributes and children are left out (optional parts stay one expression). */
export function el(name: string, attrs: Attrs = {}, ...children: Array<Node | Node[]>): XmlElement {
  return { name, attrs, children: children.flat() };
}

// XML 1.0 allows tab, newline, carriage return and everything from U+0020; other control characters are dropped.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(value: string): string {
  return value.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function render(node: Node, indent: string, out: string[]): void {
  if (node === undefined || node === false) return;
  if (typeof node === 'string') {
    out.push(escapeXml(node));
    return;
  }
  const attrs = Object.entries(node.attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  const children = node.children.filter((c) => c !== undefined && c !== false);
  if (children.length === 0) {
    out.push(`${indent}<${node.name}${attrs}/>\n`);
  } else if (children.every((c) => typeof c === 'string')) {
    out.push(`${indent}<${node.name}${attrs}>`);
    for (const c of children) render(c, '', out);
    out.push(`</${node.name}>\n`);
  } else {
    out.push(`${indent}<${node.name}${attrs}>\n`);
    for (const c of children) render(c, `${indent}  `, out);
    out.push(`${indent}</${node.name}>\n`);
  }
}

/** The document with its XML declaration, UTF-8, two-space indentation. */
export function xmlDocument(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  render(root, '', out);
  return out.join('');
}
