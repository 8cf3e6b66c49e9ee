/** The föredragningslista's view: its data and the municipality's look → what its template.hbs shows. */
import { formatDateIso } from '../../format';
import { blockViews, organCommon, type View } from '../../view-parts';
import { title as TITLE } from './schema';

export const view: View<'foredragningslista'> = (d) => {
  const title = `${d.organ}, sammanträde ${formatDateIso(d.meetingDate)}`;
  return {
    common: {
      ...organCommon(d.organ, TITLE, title, [{ label: 'Sammanträdesdatum', value: formatDateIso(d.meetingDate) }], null),
      signatures: [],
      attachments: [],
    },
    d: {
      title,
      meetingDate: d.meetingDate,
      time: d.time,
      place: d.place,
      chair: d.chair ?? null,
      secretary: d.secretary ?? null,
      items: d.items.map((it, i) => ({
        number: i + 1,
        title: it.title,
        diarienummer: it.diarienummer ?? null,
        rapporteur: it.rapporteur ?? null,
        note: it.note ?? null,
      })),
      notes: blockViews(d.notes),
    },
  };
};
