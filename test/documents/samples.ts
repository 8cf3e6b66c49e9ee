/**
 * The look the rendering tests and the benchmark print the samples with (Stockholm's, with a tiny logo).
 */
import type { MunicipalityLookInput } from '../../domain/documents/look';

/** Valid sample data for every document type: each type's own (documents/types/<type>/sample.ts). */
export { SAMPLES } from '../../documents/types/samples';

export const TINY_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export const sampleLook: MunicipalityLookInput = {
  kommunName: 'Stockholms stad',
  forvaltning: 'Socialförvaltningen',
  avdelning: 'Avdelningen för strategi och utveckling',
  logoDataUrl: TINY_PNG,
  primaryColor: '#1f3a5f',
  signatories: [{ name: 'Veronica Carstorp Wolgast', title: 'Socialdirektör', unit: 'Socialförvaltningen' }],
};

export const signatures = [
  { name: 'Veronica Carstorp Wolgast', title: 'Socialdirektör', unit: 'Socialförvaltningen' },
  { name: 'Lina Blombergsson', title: 'Avdelningschef', unit: 'Socialförvaltningen' },
];
