/** Valid data for the tests and the benchmark (fictitious: "Exempel" names). */
import type { z } from 'zod';
import type { schema } from './schema';

export const sample: z.input<typeof schema> = {
  diarienummer: 'SN 2026/0000',
  date: '2026-05-04',
  caseOfficer: { name: 'Exempel Exempelsson', phone: '08-000 00 00', email: 'exempel@example.se' },
  sender: 'Socialnämnden',
  recipients: ['Äldrenämnden', 'Rådet för funktionshinderfrågor'],
  title: 'Remiss: Hemställan om att ansluta till Yrkesresan',
  body: ['Socialförvaltningen har tagit fram ett förslag om att ansluta till Yrkesresan.\n\nVi vill ha era synpunkter.'],
  questions: ['Vill nämnden ansluta sina verksamheter?'],
  answerBy: '2026-05-25',
  answerTo: 'registrator@example.se',
  attachments: ['Förslag till tjänsteutlåtande'],
};
