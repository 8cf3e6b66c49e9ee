/** Valid data for the tests and the benchmark (fictitious: "Exempel" names). */
import type { z } from 'zod';
import type { schema } from './schema';

export const sample: z.input<typeof schema> = {
  diarienummer: 'SN 2026/0000',
  date: '2027-06-01',
  addressee: 'Socialnämnden',
  startDate: '2027-07-01',
  programmeParts: ['Barn och unga', 'Funktionshinder'],
  body: ['Kontoadministrationen öppnar två veckor före start.'],
  contact: { name: 'Exempel Kontakt', email: 'kontakt@example.se' },
};
