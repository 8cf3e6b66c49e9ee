import type { DueKind } from '../domain/due-items';

export const DUE_KIND_LABELS: Record<DueKind, string> = {
  remissvar: 'Remissvar',
  handlingar: 'Handlingar till sammanträde',
  justering: 'Justering',
  anslag: 'Anslag',
  underskrift: 'Underskrift',
  avtal: 'Avtal att underteckna',
};
