/**
 * Seed 000 (its text: test/fixtures/seed-000.txt): Stockholms stad, socialförvaltningen, tjänsteutlåtande
 * "Hemställan om att ansluta till Yrkesresan". The document's data is the tjänsteutlåtande's sample
 * (documents/types/tjansteutlatande/sample.ts, with how the seed's text was read); here is what npm start seeds
 * besides: Stockholm's look.
 */
import type { MunicipalityLookInput } from '../domain/documents/look';

export * from '../documents/types/tjansteutlatande/sample';

export const seed000Look: MunicipalityLookInput = {
  kommunName: 'Stockholms stad',
  forvaltning: 'Socialförvaltningen',
  /** from the seed's "Ärendets beredning": the ärende was prepared within this avdelning */
  avdelning: 'Avdelningen för strategi och utveckling',
  primaryColor: '#1f3a5f',
};
