/** The protokoll's view: its data and the municipality's look → what its template.hbs shows. */
import { formatDateIso } from '../../format';
import { organCommon, type View } from '../../view-parts';
import { title as TITLE } from './schema';

export const view: View<'protokoll'> = (d) => {
  const title = `${d.organ}, sammanträde ${formatDateIso(d.meetingDate)}`;
  const fields = [{ label: 'Sammanträdesdatum', value: formatDateIso(d.meetingDate) }, ...(d.paragraphs ? [{ label: 'Paragrafer', value: d.paragraphs }] : [])];
  return {
    common: { ...organCommon(d.organ, TITLE, title, fields, null), signatures: [], attachments: [] },
    d: {
      title,
      meetingDate: d.meetingDate,
      time: d.time,
      place: d.place,
      present: d.present,
      serving: d.serving,
      absent: d.absent,
      others: d.others,
      secretary: d.secretary ?? null,
      items: d.items.map((it) => ({
        ...it,
        diarienummer: it.diarienummer ?? null,
        rapporteur: it.rapporteur ?? null,
        propositionsordning: it.propositionsordning ?? null,
        outcome: it.outcome ?? null,
        votering: it.votering ?? null,
        reservations: it.reservations.map((r) => ({ who: r.who, text: r.text ?? null })),
      })),
      justering: {
        justerat: d.justering.justerat,
        status: d.justering.justerat ? `Justerat ${d.justering.date ? formatDateIso(d.justering.date) : ''}`.trim() : 'Ej justerat',
        signers: d.justering.signers.map((x) => ({ name: x.name, role: x.role, date: x.date ? formatDateIso(x.date) : null })),
      },
    },
  };
};
