/** Valid data for the tests and the benchmark (fictitious: "Exempel" names). */
import type { z } from 'zod';
import type { schema } from './schema';

export const sample: z.input<typeof schema> = {
  diarienummer: 'SN 2026/0000',
  date: '2026-06-24',
  from: 'Socialnämnden',
  title: 'Hemställan om att ansluta till Yrkesresan',
  meetingDate: '2026-06-16',
  paragraph: 12,
  request: ['Stockholms stad ansluter till Yrkesresan från och med 2027-07-01.'],
  body: ['Socialnämnden har behandlat ärendet och överlämnar förslaget.'],
  attachments: ['Protokollsutdrag', 'Tjänsteutlåtande'],
};
