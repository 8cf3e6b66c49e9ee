/** The kallelse's view: its data and the municipality's look → what its template.hbs shows. */
import { formatDateIso } from '../../format';
import { organCommon, type View } from '../../view-parts';
import { title as TITLE } from './schema';

export const view: View<'kallelse'> = (d) => {
  const title = `${d.organ}, sammanträde ${formatDateIso(d.meetingDate)}`;
  const fields = [
    { label: 'Sammanträdesdatum', value: formatDateIso(d.meetingDate) },
    { label: 'Version', value: d.changed ? `${d.version} (ändrad)` : String(d.version) },
  ];
  return {
    common: { ...organCommon(d.organ, TITLE, title, fields, null), signatures: [], attachments: [] },
    d: {
      title,
      changedNotice: d.changed ? `Ändrad kallelse, version ${d.version}: ersätter tidigare utskickad kallelse och föredragningslista.` : null,
      meetingDate: d.meetingDate,
      time: d.time,
      place: d.place,
      kallelseDeadline: d.kallelseDeadline ?? null,
      secretary: d.secretary ?? null,
      items: d.items.map((it) => ({
        number: it.number,
        title: it.title,
        diarienummer: it.diarienummer ?? null,
        rapporteur: it.rapporteur ?? null,
        proposals: it.proposals,
      })),
    },
  };
};
