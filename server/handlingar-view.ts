import { randomUUID } from 'node:crypto';
import { ATTACHMENT_TYPE_LIST, DIRECTION_LABELS } from '../domain/attachments';
import { svInteger } from '../domain/text';
import type { ArendeState } from '../domain/arende-state';
import type { HandlingEntry } from '../workflows/handlingar-messages';
import { canAct, type Principal } from './auth/principal';
import type { FieldError } from './http-errors';

export interface HandlingFormState {
  values: Record<string, string>;
  fields: FieldError[];
  message: string;
}

const FIELD_LABELS: Record<string, string> = {
  fil: 'Fil',
  direction: 'Inkommande eller upprättad',
  date: 'Datum',
  sender: 'Avsändare',
  description: 'Kort beskrivning',
  referralRecipient: 'Svar på remiss från',
};

/** "1,2 MB", "340 kB" */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;
  return `${svInteger(Math.max(1, Math.round(bytes / 1024)))} kB`;
}

/** The ärende page's register of received and drawn-up files, and the upload form for those who may register. */
export function handlingarModel(state: ArendeState, entries: HandlingEntry[], principal: Principal, maxBytes: number, failed?: HandlingFormState) {
  const openReferrals = state.stage === 'beredning' ? (state.referrals ?? []).filter((r) => !r.answer).map((r) => r.recipient) : [];
  const values = failed?.values ?? {};
  const fieldErrors = Object.fromEntries((failed?.fields ?? []).map((f) => [f.field, f.message]));
  return {
    handlingar: entries.map((h) => ({
      date: h.document.registeredDate ?? h.document.createdAt.slice(0, 10),
      direction: DIRECTION_LABELS[h.document.direction ?? 'upprattad'],
      sender: h.document.sender ?? '',
      description: h.document.title,
      fileName: h.document.fileName ?? 'bilaga',
      size: fileSize(h.document.size),
      referralRecipient: h.referralRecipient,
      registeredBy: h.registeredBy,
      href: `/arenden/${state.id}/handlingar/${h.document.id}/fil`,
    })),
    handlingForm: canAct(principal, 'registerHandling')
      ? {
          requestId: randomUUID(),
          maxSize: fileSize(maxBytes),
          types: ATTACHMENT_TYPE_LIST,
          openReferrals: openReferrals.map((r) => ({ value: r, selected: values.referralRecipient === r })),
          values: { direction: values.direction ?? 'inkommande', date: values.date ?? '', sender: values.sender ?? '', description: values.description ?? '' },
          inkommande: (values.direction ?? 'inkommande') === 'inkommande',
          fieldErrors,
          errors: failed
            ? failed.fields.length
              ? failed.fields.map((f) => ({ href: `#handling-${f.field}`, label: FIELD_LABELS[f.field] ?? f.field, message: f.message }))
              : [{ message: failed.message }]
            : [],
          open: failed !== undefined,
        }
      : undefined,
  };
}
