/** Valid data for the tests and the benchmark (fictitious: "Exempel" names). */
import type { z } from 'zod';
import type { schema } from './schema';

export const sample: z.input<typeof schema> = {
  diarienummer: 'SN 2026/0000',
  date: '2027-03-01',
  parties: {
    skr: { name: 'Sveriges Kommuner och Regioner', shortName: 'SKR' },
    municipality: { name: 'Stockholms stad', shortName: 'kommunen' },
  },
  programmeParts: [
    { name: 'Barn och unga', description: 'myndighetsutövning' },
    { name: 'Funktionshinder' },
    { name: 'Skadligt bruk och beroende' },
    { name: 'Äldre' },
  ],
  fees: {
    nationalRateOre: 243,
    regional: null,
    computation: ['Den nationella avgiften beräknas på kommunens invånarantal och faktureras årsvis.'],
  },
  period: { start: '2027-07-01', end: '2028-06-30' },
  terms: [{ heading: 'Uppsägning', blocks: ['Avtalet kan sägas upp enligt vad parterna kommer överens om.'] }],
  signatures: {
    skr: [{ name: 'Exempel Direktör', title: 'Avdelningschef', place: 'Stockholm' }],
    municipality: [{ name: 'Exempel Ordförande', title: 'Ordförande i socialnämnden', date: '2027-03-10' }],
  },
};
