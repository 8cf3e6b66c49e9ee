/* eslint-disable @typescript-eslint/no-explicit-any -- reads zod's internal definitions (def, shape), which zod does not type */
// Longer than 300 lines on purpose: one interpreter from zod schemas to accessible HTML forms and back.
import type { z } from 'zod';
import type { FieldError } from '../http-errors';
import { CHOICE_LABELS, FIELD_LABELS, ROW_LABELS } from './labels';

/**
 * HTML forms built from the same zod schemas that validate the API: one field per leaf of the schema, a fieldset per
 * object, a few rows per list of objects. The form posts flat names ("signatory.name", "referrals.0.dueDate");
 * `formToPayload` turns them back into the object the schema validates, and `fieldErrorsToForm` puts each issue next
 * to its field. The server still validates with the schema itself: the form is only a way to fill it in.
 */

type LeafKind = 'text' | 'textarea' | 'date' | 'number' | 'checkbox' | 'choice' | 'lines' | 'blocks';

export type FieldSpec =
  | {
      kind: LeafKind;
      key: string;
      name: string;
      label: string;
      required: boolean;
      defaultValue?: string;
      options?: string[];
      optionLabels?: Record<string, string>;
    }
  | { kind: 'group'; key: string; name: string; label: string; required: boolean; children: FieldSpec[] }
  | { kind: 'repeat'; key: string; name: string; label: string; required: boolean; rows: number; item: z.ZodType };

export interface FormOptions {
  /** Keys filled by the server, never shown: requestId (hidden field), actor (the signed-in user). */
  omit?: string[];
  /** Values fixed by the server (e.g. kommunkod from the signed-in user): not shown as inputs. */
  fixed?: string[];
  /** Rows shown for a list of objects (default 3). */
  rows?: number;
}

const DEFAULT_OMIT = ['requestId', 'actor'];

interface Unwrapped {
  schema: z.ZodType;
  optional: boolean;
  defaultValue?: unknown;
}

function def(s: z.ZodType): any {
  return (s as any).def ?? (s as any)._zod.def;
}

function unwrap(schema: z.ZodType): Unwrapped {
  let s = schema;
  let optional = false;
  let defaultValue: unknown;
  for (;;) {
    const d = def(s);
    if (d.type === 'optional' || d.type === 'nullable') {
      optional = true;
      s = d.innerType;
    } else if (d.type === 'default' || d.type === 'prefault') {
      optional = true;
      defaultValue = typeof d.defaultValue === 'function' ? d.defaultValue() : d.defaultValue;
      s = d.innerType;
    } else if (d.type === 'pipe') {
      s = d.in;
    } else if (d.type === 'readonly' || d.type === 'catch') {
      s = d.innerType;
    } else return { schema: s, optional, defaultValue };
  }
}

function labelFor(path: string[]): string {
  const noIndex = path.filter((p) => !/^\d+$/.test(p));
  const last = noIndex[noIndex.length - 1];
  const nested = noIndex.length > 1 ? FIELD_LABELS[`*.${last}`] : undefined;
  return FIELD_LABELS[noIndex.join('.')] ?? nested ?? FIELD_LABELS[last] ?? last;
}

/**
 * The Swedish name of an API field path for an error that has no field of its own on the form: labels instead of
 * keys, rows counted from 1 ("tjansteutlatande.signatures.0.name" → "Tjänsteutlåtandet: Underskrift 1: Namn").
 */
export function pathLabel(field: string): string {
  const keys: string[] = [];
  const out: string[] = [];
  for (const part of field.split('.').filter(Boolean)) {
    if (/^\d+$/.test(part)) {
      const row = ROW_LABELS[keys[keys.length - 1] ?? ''];
      if (row) out[out.length - 1] = `${row} ${Number(part) + 1}`;
      else out.push(`rad ${Number(part) + 1}`);
    } else {
      keys.push(part);
      out.push(labelFor(keys));
    }
  }
  return out.join(': ') || field;
}

function isBlocks(s: z.ZodType): boolean {
  const d = def(s);
  return d.type === 'union' && d.options.some((o: z.ZodType) => def(o).type === 'object');
}

/** The fields of an object schema, in the schema's order. */
export function describeForm(schema: z.ZodType, opts: FormOptions = {}, prefix: string[] = []): FieldSpec[] {
  const { schema: obj } = unwrap(schema);
  const shape = (obj as any).shape as Record<string, z.ZodType> | undefined;
  if (!shape) throw new Error('describeForm: schemat är inte ett objekt');
  const omit = new Set([...(opts.omit ?? DEFAULT_OMIT), ...(opts.fixed ?? [])]);
  const out: FieldSpec[] = [];
  for (const [key, child] of Object.entries(shape)) {
    const path = [...prefix, key];
    if (omit.has(path.join('.'))) continue;
    const u = unwrap(child);
    const d = def(u.schema);
    const base = { key, name: path.join('.'), label: labelFor(path), required: !u.optional };
    const dv = u.defaultValue;
    switch (d.type) {
      case 'string': {
        const max = (u.schema as any).maxLength as number | null;
        const kind: LeafKind = /date$|^date$|start$|end$/i.test(key) ? 'date' : max !== null && max >= 5_000 ? 'textarea' : 'text';
        out.push({ ...base, kind, ...(typeof dv === 'string' ? { defaultValue: dv } : {}) });
        break;
      }
      case 'number':
        out.push({ ...base, kind: 'number', ...(typeof dv === 'number' ? { defaultValue: String(dv) } : {}) });
        break;
      case 'boolean':
        out.push({ ...base, kind: 'checkbox', required: false, ...(dv === true ? { defaultValue: 'on' } : {}) });
        break;
      case 'enum':
        out.push({
          ...base,
          kind: 'choice',
          options: Object.values(d.entries as Record<string, string>),
          ...(typeof dv === 'string' ? { defaultValue: dv } : {}),
        });
        break;
      case 'array': {
        const el = unwrap(d.element).schema;
        const elType = def(el).type;
        if (elType === 'object') out.push({ ...base, kind: 'repeat', rows: Math.min(opts.rows ?? 3, arrayMax(u.schema) ?? 3), item: el });
        else if (isBlocks(el)) out.push({ ...base, kind: 'blocks' });
        else out.push({ ...base, kind: 'lines' });
        break;
      }
      case 'object':
        out.push({ ...base, kind: 'group', children: describeForm(u.schema, { ...opts, omit: [] }, path) });
        break;
      default:
        out.push({ ...base, kind: 'text' });
    }
  }
  return out;
}

function arrayMax(s: z.ZodType): number | undefined {
  const checks = def(s).checks as Array<{ _zod: { def: { check: string; maximum?: number } } }> | undefined;
  const max = checks?.find((c) => c._zod.def.check === 'max_length')?._zod.def.maximum;
  return typeof max === 'number' ? max : undefined;
}

// ------------------------------------------------------------------------------------------------ form → payload

export type FormBody = Record<string, unknown>;

function str(body: FormBody, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
}

function splitLines(v: string): string[] {
  return v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Paragraphs separated by blank lines; a paragraph of "- " lines is a bullet list, of "1. " lines a numbered list. */
export function parseBlocks(v: string): Array<string | { bullets: string[] } | { numbered: string[] }> {
  return v
    .split(/\r?\n\s*\r?\n/)
    .map((p) =>
      p
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      if (lines.every((l) => /^[-*•]\s+/.test(l))) return { bullets: lines.map((l) => l.replace(/^[-*•]\s+/, '')) };
      if (lines.every((l) => /^\d+[.)]\s+/.test(l))) return { numbered: lines.map((l) => l.replace(/^\d+[.)]\s+/, '')) };
      return lines.join(' ');
    });
}

export function blocksToText(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  return blocks
    .map((b) =>
      typeof b === 'string'
        ? b
        : 'bullets' in b
          ? (b.bullets as string[]).map((l) => `- ${l}`).join('\n')
          : (b.numbered as string[]).map((l, i) => `${i + 1}. ${l}`).join('\n'),
    )
    .join('\n\n');
}

/** Flat form fields back to the object the schema validates; empty optional fields are left out (defaults apply). */
export function formToPayload(specs: FieldSpec[], body: FormBody): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const v = valueOf(spec, body);
    if (v !== undefined) out[spec.key] = v;
  }
  return out;
}

function valueOf(spec: FieldSpec, body: FormBody): unknown {
  switch (spec.kind) {
    case 'text':
    case 'textarea':
    case 'date':
    case 'choice': {
      const v = str(body, spec.name).trim();
      return v === '' ? (spec.required ? (spec.kind === 'choice' ? undefined : '') : undefined) : v;
    }
    case 'number': {
      const v = str(body, spec.name).trim();
      if (v === '') return undefined;
      return /^-?\d+$/.test(v) ? Number(v) : v;
    }
    case 'checkbox': {
      const v = str(body, spec.name);
      return v === 'on' || v === 'true' || v === 'ja';
    }
    case 'lines': {
      const v = splitLines(str(body, spec.name));
      return v.length === 0 && !spec.required ? undefined : v;
    }
    case 'blocks': {
      const v = parseBlocks(str(body, spec.name));
      return v.length === 0 && !spec.required ? undefined : v;
    }
    case 'group': {
      const obj = formToPayload(spec.children, body);
      const empty = spec.children.every((c) => c.kind === 'checkbox' || obj[c.key] === undefined || obj[c.key] === '');
      return empty && !spec.required ? undefined : obj;
    }
    case 'repeat': {
      const rows: unknown[] = [];
      for (let i = 0; i < spec.rows; i++) {
        const children = describeForm(spec.item, { omit: [] }, [...spec.name.split('.'), String(i)]);
        const filled = children.some((c) => hasInput(c, body));
        if (filled) rows.push(formToPayload(children, body));
      }
      return rows.length === 0 && !spec.required ? undefined : rows;
    }
  }
}

function hasInput(spec: FieldSpec, body: FormBody): boolean {
  if (spec.kind === 'group') return spec.children.some((c) => hasInput(c, body));
  if (spec.kind === 'checkbox') return false;
  if (spec.kind === 'repeat') return Object.keys(body).some((k) => k.startsWith(`${spec.name}.`) && str(body, k).trim() !== '');
  return str(body, spec.name).trim() !== '';
}

/** The reverse: an object (e.g. the current draft) as flat form values. */
export function payloadToForm(specs: FieldSpec[], value: Record<string, unknown> | undefined, out: Record<string, string> = {}): Record<string, string> {
  if (!value) return out;
  for (const spec of specs) {
    const v = value[spec.key];
    if (v === undefined || v === null) continue;
    if (spec.kind === 'group') payloadToForm(spec.children, v as Record<string, unknown>, out);
    else if (spec.kind === 'repeat' && Array.isArray(v)) {
      v.slice(0, spec.rows).forEach((row, i) =>
        payloadToForm(describeForm(spec.item, { omit: [] }, [...spec.name.split('.'), String(i)]), row as Record<string, unknown>, out),
      );
    } else if (spec.kind === 'lines' && Array.isArray(v)) out[spec.name] = v.join('\n');
    else if (spec.kind === 'blocks') out[spec.name] = blocksToText(v);
    else if (spec.kind === 'checkbox') out[spec.name] = v ? 'on' : '';
    else out[spec.name] = String(v);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ rendering model

export interface RenderedField {
  kind: string;
  isGroup?: boolean;
  isRepeat?: boolean;
  isText?: boolean;
  isTextarea?: boolean;
  isCheckbox?: boolean;
  isChoice?: boolean;
  isRadio?: boolean;
  id: string;
  name: string;
  label: string;
  required: boolean;
  inputType?: string;
  value?: string;
  checked?: boolean;
  rows?: number;
  hint?: string;
  error?: string;
  errorId?: string;
  describedBy?: string;
  options?: Array<{ value: string; label: string; selected: boolean; id: string }>;
  children?: RenderedField[];
}

export function fieldId(formId: string, name: string): string {
  return `${formId}-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

const HINTS: Partial<Record<LeafKind, string>> = {
  date: 'ÅÅÅÅ-MM-DD',
  lines: 'En per rad.',
  blocks: 'Stycken skiljs med en tom rad. Rader som börjar med "- " blir en punktlista.',
};

/** The render model: values as the user typed them (or defaults), the error of each field next to it. */
export function renderFields(formId: string, specs: FieldSpec[], values: Record<string, string> = {}, errors: Record<string, string> = {}): RenderedField[] {
  return specs.map((spec) => {
    const id = fieldId(formId, spec.name);
    const error = errors[spec.name];
    const errorId = error ? `${id}-fel` : undefined;
    const base = { kind: spec.kind, id, name: spec.name, label: spec.label, required: spec.required, error, errorId };
    if (spec.kind === 'group') return { ...base, isGroup: true, children: renderFields(formId, spec.children, values, errors) };
    if (spec.kind === 'repeat') {
      const children: RenderedField[] = [];
      for (let i = 0; i < spec.rows; i++) {
        const rowSpecs = describeForm(spec.item, { omit: [] }, [...spec.name.split('.'), String(i)]);
        children.push({
          kind: 'group',
          isGroup: true,
          id: fieldId(formId, `${spec.name}.${i}`),
          name: `${spec.name}.${i}`,
          label: `${ROW_LABELS[spec.key] ?? spec.label} ${i + 1}`,
          required: false,
          children: renderFields(formId, rowSpecs, values, errors),
        });
      }
      return { ...base, isRepeat: true, hint: 'Fyll i de rader som behövs; tomma rader räknas inte.', children };
    }
    // A submitted form has no key for an unchecked checkbox: then the default no longer applies.
    const value = values[spec.name] ?? (spec.kind === 'checkbox' && Object.keys(values).length > 0 ? '' : (spec.defaultValue ?? ''));
    const hint = HINTS[spec.kind];
    const describedBy = [hint ? `${id}-tips` : '', errorId ?? ''].filter(Boolean).join(' ') || undefined;
    const common = { ...base, value, hint, describedBy };
    switch (spec.kind) {
      case 'checkbox':
        return { ...common, isCheckbox: true, checked: value === 'on' || value === 'true' };
      case 'choice': {
        const options = (spec.options ?? []).map((o, i) => ({
          value: o,
          label: spec.optionLabels?.[o] ?? CHOICE_LABELS[o] ?? o,
          selected: o === value,
          id: `${id}-${i}`,
        }));
        return { ...common, isChoice: true, isRadio: options.length <= 4, options };
      }
      case 'textarea':
      case 'lines':
      case 'blocks':
        return { ...common, isTextarea: true, rows: spec.kind === 'lines' ? 3 : 5 };
      default:
        return { ...common, isText: true, inputType: spec.kind === 'date' ? 'date' : spec.kind === 'number' ? 'number' : 'text' };
    }
  });
}

function allNames(specs: FieldSpec[], out = new Set<string>()): Set<string> {
  for (const s of specs) {
    out.add(s.name);
    if (s.kind === 'group') allNames(s.children, out);
    if (s.kind === 'repeat') for (let i = 0; i < s.rows; i++) allNames(describeForm(s.item, { omit: [] }, [...s.name.split('.'), String(i)]), out);
  }
  return out;
}

/** Each API field error on the longest form field name that is a prefix of it ("text.0" → "text"); the rest is form-level. */
export function fieldErrorsToForm(specs: FieldSpec[], fields: FieldError[]): { byField: Record<string, string>; other: FieldError[] } {
  const names = allNames(specs);
  const byField: Record<string, string> = {};
  const other: FieldError[] = [];
  for (const f of fields) {
    const parts = f.field.split('.');
    let hit: string | undefined;
    for (let n = parts.length; n > 0 && !hit; n--) {
      const candidate = parts.slice(0, n).join('.');
      if (names.has(candidate)) hit = candidate;
    }
    if (hit && !byField[hit]) byField[hit] = f.message;
    else if (!hit) other.push(f);
  }
  return { byField, other };
}

/** Error summary entries: message plus a link to the field. */
export function errorSummary(formId: string, specs: FieldSpec[], byField: Record<string, string>) {
  const labels = new Map<string, string>();
  const walk = (list: FieldSpec[], parent?: string) => {
    for (const s of list) {
      const label = parent ? `${parent}: ${s.label}` : s.label;
      labels.set(s.name, label);
      if (s.kind === 'group') walk(s.children, label);
      if (s.kind === 'repeat')
        for (let i = 0; i < s.rows; i++)
          walk(describeForm(s.item, { omit: [] }, [...s.name.split('.'), String(i)]), `${ROW_LABELS[s.key] ?? s.label} ${i + 1}`);
    }
  };
  walk(specs);
  return Object.entries(byField).map(([name, message]) => ({ href: `#${fieldId(formId, name)}`, label: labels.get(name) ?? pathLabel(name), message }));
}
