/** The anslagsbevis's view: its data and the municipality's look → what its template.hbs shows. */
import { formatDateIso } from '../../format';
import { organCommon, type View } from '../../view-parts';
import { title as TITLE } from './schema';

export const view: View<'anslagsbevis'> = (d) => ({
  common: {
    ...organCommon(
      d.organ,
      TITLE,
      `${d.organ}, sammanträde ${formatDateIso(d.meetingDate)}`,
      [
        { label: 'Sammanträdesdatum', value: formatDateIso(d.meetingDate) },
        { label: 'Justerat', value: formatDateIso(d.justeringDate) },
      ],
      d.diarienummer ?? null,
    ),
    signatures: [],
    attachments: [],
  },
  d: {
    ...d,
    paragraphs: d.paragraphs ?? null,
    diarienummer: d.diarienummer ?? null,
    certifiedSignatures: d.certifiedBy ? [{ name: d.certifiedBy.name, title: d.certifiedBy.title, unit: null, signed: null }] : [],
  },
});
