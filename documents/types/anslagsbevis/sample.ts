/** Valid data for the tests and the benchmark (fictitious: "Exempel" names). */
import type { z } from 'zod';
import type { schema } from './schema';

export const sample: z.input<typeof schema> = {
  organ: 'Socialnämnden',
  meetingDate: '2024-06-11',
  paragraphs: '§§ 1–15',
  justeringDate: '2024-06-18',
  postedFrom: '2024-06-20',
  postedTo: '2024-07-12',
  protocolKeptAt: 'Socialförvaltningen, registraturen',
  lastAppealDate: '2024-07-11',
  certifiedBy: { name: 'Exempel Sekreterare', title: 'Nämndsekreterare' },
};
