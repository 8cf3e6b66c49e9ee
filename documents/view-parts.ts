/**
 * The pieces every document's view (documents/types/<type>/view.ts) is built from: blocks of text, signatures, the
 * letter or organ header, the type prefix of a title. Everything structural is decided in the views; the templates
 * only place and escape values.
 */
import type { Block, Signatory } from '../domain/documents/parts';
import type { MunicipalityLook } from '../domain/documents/look';
import { formatDateIso, formatDiarienummer, splitParagraphs } from './format';
import type { DocumentData, DocumentType } from './types';

export interface BlockView {
  paragraph: string | null;
  bullets: string[] | null;
  numbered: string[] | null;
}

export function blockViews(blocks: readonly Block[] | undefined): BlockView[] | null {
  if (!blocks) return null;
  const out: BlockView[] = [];
  for (const b of blocks) {
    if (typeof b === 'string') {
      for (const p of splitParagraphs(b)) out.push({ paragraph: p, bullets: null, numbered: null });
    } else if ('bullets' in b) {
      out.push({ paragraph: null, bullets: [...b.bullets], numbered: null });
    } else {
      out.push({ paragraph: null, bullets: null, numbered: [...b.numbered] });
    }
  }
  return out;
}

export interface SignatoryView {
  name: string;
  title: string;
  unit: string | null;
  /** "Undertecknat 2026-12-02" under a signature that was recorded */
  signed: string | null;
}

export function signatoryViews(list: readonly Signatory[] | undefined, look: MunicipalityLook): SignatoryView[] {
  return (list ?? look.signatories ?? []).map((s) => ({
    name: s.name,
    title: s.title,
    unit: s.unit ?? null,
    signed: s.signedAt ? `Undertecknat ${formatDateIso(s.signedAt)}` : null,
  }));
}

export interface LabelValue {
  label: string;
  value: string;
}

/** 'Kommunfullmäktige' → 'kommunfullmäktige' for running text (organ names are common nouns in Swedish). */
export function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('sv-SE') + s.slice(1);
}

/** 'Socialnämnden' → 'Socialnämndens', 'Kommunstyrelsen Malmös' stays (Swedish genitive: -s, none after s/x/z). */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

export interface Common {
  title: string;
  subject: string;
  unitLines: string[];
  /** diarienummer shown in the print header on every page */
  diarienummer: string | null;
  headerBlock: {
    show: boolean;
    left: LabelValue[];
    right: LabelValue[];
    addressee: string | null;
    via: string | null;
  };
  signatures: SignatoryView[];
  attachments: readonly string[];
  footerText: string;
}

export interface LetterLike {
  diarienummer: string;
  date: string;
  caseOfficer?: { name: string; title?: string; phone?: string; email?: string };
  forvaltning?: string;
  avdelning?: string;
}

export function letterCommon(d: LetterLike, look: MunicipalityLook, docLabel: string, title: string, addressee: string | null, via: string | null = null) {
  const units = [d.forvaltning ?? look.forvaltning, d.avdelning ?? look.avdelning].filter((u): u is string => typeof u === 'string');
  const left: LabelValue[] = [];
  if (d.caseOfficer) {
    left.push({
      label: 'Handläggare',
      value: d.caseOfficer.title ? `${d.caseOfficer.name}, ${d.caseOfficer.title}` : d.caseOfficer.name,
    });
    if (d.caseOfficer.phone) left.push({ label: 'Telefon', value: d.caseOfficer.phone });
    if (d.caseOfficer.email) left.push({ label: 'E-post', value: d.caseOfficer.email });
  }
  return {
    title,
    subject: `${withTypePrefix(docLabel, title)}, ${formatDiarienummer(d.diarienummer)}`,
    unitLines: units,
    diarienummer: d.diarienummer,
    headerBlock: {
      show: true,
      left,
      right: [
        { label: 'Datum', value: formatDateIso(d.date) },
        { label: 'Diarienummer', value: d.diarienummer },
      ],
      addressee,
      via,
    },
    footerText: withTypePrefix(docLabel, title),
  };
}

export function organCommon(organ: string, docLabel: string, title: string, fields: LabelValue[], diarienummer: string | null) {
  return {
    title,
    subject: diarienummer ? `${withTypePrefix(docLabel, title)}, ${formatDiarienummer(diarienummer)}` : withTypePrefix(docLabel, title),
    unitLines: [organ],
    diarienummer,
    headerBlock: { show: true, left: [] as LabelValue[], right: fields, addressee: null, via: null },
    footerText: withTypePrefix(docLabel, title),
  };
}

/** What a view gives the engine: the parts every document shares, and the type's own values (`d` in the template). */
export type Built = { common: Common; d: Record<string, unknown> };

/** A document type's view: its validated data and the municipality's look → what its template shows. */
export type View<T extends DocumentType> = (d: DocumentData[T], look: MunicipalityLook) => Built;

/** "Remiss" + "Remiss: X" → "X". */
export function withoutTypePrefix(label: string, title: string): string {
  const prefix = `${label}: `;
  return title.toLocaleLowerCase('sv-SE').startsWith(prefix.toLocaleLowerCase('sv-SE')) ? title.slice(prefix.length) : title;
}

/** "Remiss" + "Remiss till Äldrenämnden: X" stays as it is; "Remiss" + "X" → "Remiss: X" (never "Remiss: Remiss: X"). */
export function withTypePrefix(label: string, title: string): string {
  return title.toLocaleLowerCase('sv-SE').startsWith(label.toLocaleLowerCase('sv-SE')) ? title : `${label}: ${title}`;
}
