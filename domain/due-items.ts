import { daysBetween, type IsoDate } from './iso-date';

/**
 * What is due for one person (issue 15 p. 2): the source of "Mina ärenden" and of the reminder mails. A due item is
 * plain data; each source adds its own (the ärende below; a sammanträde's justering and anslag can be added by the
 * meeting's own source later, with the same shape), and the list is sorted overdue first, then by date.
 */
export type DueKind = 'remissvar' | 'handlingar' | 'justering' | 'anslag' | 'underskrift' | 'avtal';

export interface DueItem {
  /** Stable per item and deadline: the same item on another day has the same key (reminders are sent once). */
  key: string;
  kind: DueKind;
  arendeId: string;
  title: string;
  diarienummer?: string;
  /** What to do, in Swedish: "Remissvar från Äldrenämnden". */
  label: string;
  /** The last day, or undefined when the item waits without a date (a signature). */
  dueDate?: IsoDate;
}

export interface DueView extends DueItem {
  daysLeft?: number;
  overdue: boolean;
}

/** Who asks: the role, whether they sign the agreement for their municipality. */
export interface DuePerson {
  role: 'namndsekreterare' | 'handlaggare' | 'lasare' | 'skr_admin';
  signingRight?: boolean;
}

/** The parts of an ärende's state that make due items (workflows/messages.ts ArendeState has them). */
export interface DueArende {
  id: string;
  title: string;
  diarienummer?: string;
  stage: string;
  deadlines?: Array<{ kind: string; label: string; date: IsoDate }>;
  referrals?: Array<{ recipient: string; dueDate: IsoDate; answer?: unknown }>;
  signatures?: Partial<Record<'forvaltningschef' | 'avdelningschef', unknown>>;
  meeting?: { documentDeadline: IsoDate; organName: string; date: IsoDate };
  agreement?: { signatures: Partial<Record<'kommun' | 'skr', unknown>> };
  agreementHolder?: { agreement?: { signatures: Partial<Record<'kommun' | 'skr', unknown>> } };
  /** After the handover the onboarding owns the agreement; its last progress says whether both have signed. */
  agreementOwner?: { progress?: { signed?: boolean } };
}

/** The deadlines a secretary acts on (the appeal period, the start and the agreement period only pass). */
const SECRETARY_DEADLINES: Record<string, DueKind> = { remissvar: 'remissvar', handlingar: 'handlingar', justering: 'justering', anslag: 'anslag' };
/** A handläggare owns the beredning and the documents, not the meeting's justering and anslag. */
const HANDLAGGARE_DEADLINES = new Set<DueKind>(['remissvar', 'handlingar']);

export function arendeDueItems(a: DueArende, who: DuePerson): DueItem[] {
  const base = { arendeId: a.id, title: a.title, ...(a.diarienummer ? { diarienummer: a.diarienummer } : {}) };
  const items: DueItem[] = [];
  if (who.role === 'namndsekreterare' || who.role === 'handlaggare') {
    for (const d of a.deadlines ?? []) {
      const kind = SECRETARY_DEADLINES[d.kind];
      if (!kind || (who.role === 'handlaggare' && !HANDLAGGARE_DEADLINES.has(kind))) continue;
      items.push({ ...base, key: `${a.id}|${kind}|${d.label}|${d.date}`, kind, label: d.label, dueDate: d.date });
    }
    if (a.stage === 'signering') {
      const missing = (['forvaltningschef', 'avdelningschef'] as const).filter((r) => !a.signatures?.[r]);
      if (missing.length > 0) {
        const names = missing.map((r) => (r === 'forvaltningschef' ? 'förvaltningschefen' : 'avdelningschefen')).join(' och ');
        items.push({
          ...base,
          key: `${a.id}|underskrift|${missing.join(',')}`,
          kind: 'underskrift',
          label: `Tjänsteutlåtandet väntar på underskrift av ${names}`,
          ...(a.meeting ? { dueDate: a.meeting.documentDeadline } : {}),
        });
      }
    }
  }
  if (who.signingRight && who.role !== 'skr_admin' && a.stage === 'avtal') {
    const signatures = a.agreementHolder?.agreement?.signatures ?? a.agreement?.signatures;
    const signedElsewhere = !a.agreementHolder && a.agreementOwner?.progress?.signed === true;
    if (!signatures?.kommun && !signedElsewhere)
      items.push({ ...base, key: `${a.id}|avtal`, kind: 'avtal', label: 'Anslutningsavtalet väntar på din underskrift för kommunen' });
  }
  return items;
}

/** Overdue first, then the earliest date, then those without a date; with the days left counted from `today`. */
export function sortDue(items: readonly DueItem[], today: IsoDate): DueView[] {
  const views = items.map((i) => {
    const daysLeft = i.dueDate ? daysBetween(today, i.dueDate) : undefined;
    return { ...i, ...(daysLeft !== undefined ? { daysLeft } : {}), overdue: daysLeft !== undefined && daysLeft < 0 };
  });
  return views.sort(
    (x, y) =>
      Number(y.overdue) - Number(x.overdue) || (x.dueDate ?? '9999-12-31').localeCompare(y.dueDate ?? '9999-12-31') || x.label.localeCompare(y.label, 'sv'),
  );
}

/** Reminders go out this many days before the last day, and on the day itself. */
export const REMINDER_DAYS_BEFORE = [2, 0] as const;

/** The items a reminder mail is due for today: the last day is two days off or today. */
export function remindersDue(items: readonly DueView[]): DueView[] {
  return items.filter((i) => i.daysLeft !== undefined && (REMINDER_DAYS_BEFORE as readonly number[]).includes(i.daysLeft));
}

/** "i dag", "i morgon", "om 3 dagar", "1 dag sedan", "5 dagar sedan" */
export function dueWhen(daysLeft: number | undefined): string {
  if (daysLeft === undefined) return 'inget datum';
  if (daysLeft === 0) return 'i dag';
  if (daysLeft === 1) return 'i morgon';
  if (daysLeft > 1) return `om ${daysLeft} dagar`;
  return `${-daysLeft} ${daysLeft === -1 ? 'dag' : 'dagar'} sedan`;
}
