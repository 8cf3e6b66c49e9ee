import { DOCUMENT_TITLES } from '../documents/types';
import { STAGE_LABELS, type Stage } from '../domain/stages';

/** Display formats of the web pages: Swedish, Europe/Stockholm. */
const DATE_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

export function formatInstant(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DATE_TIME.format(d);
}

export function stageLabel(stage: string | undefined): string {
  return stage ? (STAGE_LABELS[stage as Stage] ?? stage) : '';
}

/** The Swedish name of a document type, as its header prints it. */
export const DOCUMENT_TYPE_LABELS: Readonly<Record<string, string>> = DOCUMENT_TITLES;

/**
 * The step that wrote a document, in Swedish ("ks_beredning" → "Kommunstyrelsens beredning"): the stages' own labels,
 * and the steps that are not stages.
 */
const DOCUMENT_STEP_LABELS: Readonly<Record<string, string>> = { ...STAGE_LABELS, start: 'Start', sammantrade: 'Sammanträde' };

export function documentStepLabel(step: string | undefined): string {
  return step ? (DOCUMENT_STEP_LABELS[step] ?? step) : '';
}

/**
 * The download name of a document: its handling (from the title) and version, ASCII only (a header value):
 * "Remiss till Äldrenämnden: …" version 1 → "remiss-till-aldrenamnden-…-v1.pdf"; an utkast ends "-v2-utkast.pdf".
 */
export function documentFileName(ref: { type: string; title?: string; version: number; status?: string }): string {
  const slug = (ref.title ?? ref.type)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${slug || ref.type}-v${ref.version}${ref.status === 'utkast' ? '-utkast' : ''}.pdf`;
}

/** The file name of a document's PDF/A archive copy: the document's own with "-arkivexemplar-pdfa". */
export function archiveFileName(ref: { type: string; title?: string; version: number; status?: string }): string {
  return documentFileName(ref).replace(/\.pdf$/, '-arkivexemplar-pdfa.pdf');
}
