import { dueWhen, type DueView } from '../domain/due-items';
import { svCount } from '../domain/text';

/** The reminder and digest mails, in Swedish plain text (readable by any mail client and screen reader). */
export interface ComposedMail {
  subject: string;
  text: string;
}

const ref = (i: DueView) => `${i.title}${i.diarienummer ? ` (${i.diarienummer})` : ''}`;
const link = (baseUrl: string | undefined, i: DueView) => (baseUrl ? `\n  ${baseUrl}/arenden/${encodeURIComponent(i.arendeId)}` : '');

function footer(baseUrl?: string): string {
  return [
    '',
    '--',
    'Det här meddelandet skickades av Beslutsflöde.',
    baseUrl
      ? `Stäng av påminnelser eller sammanfattningar under Mina ärenden: ${baseUrl}/mina-arenden`
      : 'Stäng av påminnelser eller sammanfattningar under Mina ärenden.',
  ].join('\n');
}

export function reminderMail(name: string, item: DueView, baseUrl?: string): ComposedMail {
  const when = item.daysLeft === 0 ? 'i dag' : `${item.dueDate} (${dueWhen(item.daysLeft)})`;
  return {
    subject: `Påminnelse: ${item.label}, sista dag ${item.dueDate}${item.diarienummer ? ` – ${item.diarienummer}` : ''}`,
    text: [`Hej ${name},`, '', `${item.label} i ärendet ${ref(item)} ska vara klart senast ${when}.${link(baseUrl, item)}`, footer(baseUrl)].join('\n'),
  };
}

export function digestMail(name: string, today: string, items: readonly DueView[], baseUrl?: string): ComposedMail {
  const overdue = items.filter((i) => i.overdue).length;
  const lines = items.map((i) => {
    const state = i.overdue
      ? `FÖRSENAT, sista dag ${i.dueDate} (${dueWhen(i.daysLeft)})`
      : i.dueDate
        ? `sista dag ${i.dueDate} (${dueWhen(i.daysLeft)})`
        : 'väntar';
    return `- ${i.label}: ${ref(i)}, ${state}${link(baseUrl, i)}`;
  });
  return {
    subject: `Att göra i Beslutsflöde ${today}: ${svCount(items.length, 'sak', 'saker')}${overdue ? `, ${svCount(overdue, 'försenad', 'försenade')}` : ''}`,
    text: [`Hej ${name},`, '', 'Det här väntar på dig, försenat först:', '', ...lines, footer(baseUrl)].join('\n'),
  };
}
