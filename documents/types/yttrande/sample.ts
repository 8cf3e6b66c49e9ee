/** Valid data for the tests and the benchmark (fictitious: "Exempel" names). */
import type { z } from 'zod';
import type { schema } from './schema';

export const sample: z.input<typeof schema> = {
  diarienummer: 'ÄN 2026/0000',
  date: '2026-05-20',
  addressee: 'Socialnämnden',
  sender: 'Äldrenämnden',
  forvaltning: 'Äldreförvaltningen',
  referral: { title: 'Hemställan om att ansluta till Yrkesresan', diarienummer: 'SN 2026/0000', date: '2026-05-04' },
  title: 'Yttrande över remiss om Yrkesresan',
  proposals: ['Äldrenämnden godkänner förvaltningens förslag till yttrande.'],
  sections: [
    {
      heading: 'Äldreförvaltningens synpunkter',
      blocks: ['Äldreförvaltningen ser i nuläget inte behov av att ansluta till Yrkesresan.'],
    },
  ],
  signatures: [{ name: 'Exempel Chef', title: 'Äldredirektör' }],
};
