/** The protokollsutdrag's view: its data and the municipality's look → what its template.hbs shows. */
import { formatDateIso, formatParagraph } from '../../format';
import { blockViews, organCommon, type View } from '../../view-parts';
import { title as TITLE } from './schema';

export const view: View<'protokollsutdrag'> = (d) => {
  // One protokollsutdrag is one § of one organ's meeting: the register's title says which.
  const title = `${d.organ} ${formatDateIso(d.meetingDate)}, ${formatParagraph(d.paragraph)} ${d.title}`;
  return {
    common: {
      ...organCommon(
        d.organ,
        TITLE,
        title,
        [
          { label: 'Sammanträdesdatum', value: formatDateIso(d.meetingDate) },
          { label: 'Diarienummer', value: d.diarienummer },
        ],
        d.diarienummer,
      ),
      signatures: [],
      attachments: [],
    },
    d: {
      title: d.title,
      paragraph: d.paragraph,
      diarienummer: d.diarienummer,
      background: blockViews(d.background),
      decisionIntro: d.decisionIntro ?? `${d.organ} beslutar`,
      decision: d.decision,
      decisionProcess: blockViews(d.decisionProcess),
      reservations: d.reservations.map((r) => ({ who: r.who, text: r.text ?? null })),
      justering: { date: d.justering.date, immediate: d.justering.immediate },
      justeringSignatures: [
        { name: d.justering.chair, title: 'Ordförande', unit: null, signed: null },
        ...d.justering.adjusters.map((a) => ({ name: a, title: 'Justerare', unit: null, signed: null })),
      ],
      certifiedSignatures: [{ name: d.certifiedBy.name, title: d.certifiedBy.title, unit: null, signed: null }],
      sentTo: d.sentTo,
    },
  };
};
