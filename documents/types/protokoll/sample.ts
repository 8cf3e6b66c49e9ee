/** Valid data for the tests and the benchmark (fictitious: "Exempel" names). */
import type { z } from 'zod';
import type { schema } from './schema';

export const sample: z.input<typeof schema> = {
  organ: 'Socialnämnden',
  meetingDate: '2026-06-16',
  time: '13:00',
  place: 'Socialförvaltningen, sammanträdesrummet',
  paragraphs: '§§ 11–12',
  present: ['Exempel Ordförande (S)', 'Exempel Ledamot (X)'],
  serving: ['Exempel Ersättare (Y) för Exempel Borta (Y)'],
  absent: ['Exempel Borta (Y)'],
  secretary: 'Exempel Sekreterare',
  items: [
    { paragraph: 11, title: 'Upprop och närvaro', decision: ['Närvaron fastställs.'] },
    {
      paragraph: 12,
      title: 'Hemställan om att ansluta till Yrkesresan',
      diarienummer: 'SN 2026/0000',
      yrkanden: [{ who: 'Exempel Ledamot (X)', text: 'avslag.' }],
      propositionsordning: 'Ordföranden ställer förvaltningens förslag mot avslag och finner förslaget bifallet.',
      outcome: 'Bifall',
      decision: ['Socialnämnden godkänner förslaget.'],
      votering: {
        question: 'Votering begärs.',
        ja: 'förslaget',
        nej: 'avslag',
        votes: [
          { member: 'Exempel Ordförande (S)', vote: 'Ja' },
          { member: 'Exempel Ledamot (X)', vote: 'Nej' },
          { member: 'Exempel Ersättare (Y)', vote: 'Ja' },
        ],
        result: '2 ja, 1 nej, 0 avstod.',
      },
      reservations: [{ who: 'Exempel Ledamot (X)', text: 'Till förmån för eget yrkande.' }],
      anteckningar: [{ who: 'Exempel Ersättare (Y)', text: 'Vill att uppföljning sker.' }],
    },
  ],
  justering: {
    justerat: true,
    date: '2026-06-20',
    signers: [
      { name: 'Exempel Ordförande', role: 'Ordförande', date: '2026-06-19' },
      { name: 'Exempel Justerare', role: 'Justerare', date: '2026-06-20' },
    ],
  },
};
