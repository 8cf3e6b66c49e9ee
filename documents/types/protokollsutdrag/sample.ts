/** Valid data for the tests and the benchmark (fictitious: "Exempel" names). */
import type { z } from 'zod';
import type { schema } from './schema';
import { SEED_000_PROPOSALS } from '../tjansteutlatande/sample';

export const sample: z.input<typeof schema> = {
  organ: 'Socialnämnden',
  meetingDate: '2026-06-16',
  paragraph: 12,
  diarienummer: 'SN 2026/0000',
  title: 'Hemställan om att ansluta till Yrkesresan',
  decision: [...SEED_000_PROPOSALS],
  decisionProcess: ['Ordföranden ställer proposition på förvaltningens förslag och finner det bifallet.'],
  reservations: [{ who: 'Exempel Ledamot (X)', text: 'Till förmån för eget yrkande.' }],
  justering: { date: '2026-06-23', chair: 'Exempel Ordförande', adjusters: ['Exempel Justerare'] },
  certifiedBy: { name: 'Exempel Sekreterare' },
  sentTo: ['Kommunstyrelsen', 'Äldrenämnden'],
};
