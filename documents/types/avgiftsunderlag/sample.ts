/** Valid data for the tests and the benchmark (fictitious: "Exempel" names). */
import type { z } from 'zod';
import type { schema } from './schema';

export const sample: z.input<typeof schema> = {
  diarienummer: 'SN 2026/0000',
  date: '2027-01-15',
  year: 2027,
  municipality: 'Stockholms stad',
  population: { count: 988943, asOf: '2023-12-31', source: 'SCB' },
  national: { rateOre: 243, amountOre: 240313149 },
  regional: { payee: 'StorSthlm', rateOre: 188, amountOre: 185921284 },
  totalOre: 240313149 + 185921284,
};
