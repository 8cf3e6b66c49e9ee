/** Valid data for the tests and the benchmark (fictitious: "Exempel" names). */
import type { z } from 'zod';
import type { schema } from './schema';

export const sample: z.input<typeof schema> = {
  organ: 'Socialnämnden',
  meetingDate: '2026-06-16',
  time: '13:00',
  place: 'Socialförvaltningen, sammanträdesrummet',
  version: 2,
  changed: true,
  secretary: 'Exempel Sekreterare',
  items: [
    { number: 1, title: 'Upprop och närvaro' },
    {
      number: 2,
      title: 'Hemställan om att ansluta till Yrkesresan',
      diarienummer: 'SN 2026/0000',
      rapporteur: 'Exempel Exempelsson',
      proposals: ['Socialnämnden godkänner förslaget.'],
    },
  ],
};
