// Moved to domain/documents/ (parts, look) and documents/types/ (one folder per type); this re-export stays until
// parallel branches are merged.
export * from '../domain/documents/parts';
export * from '../domain/documents/look';
export * from './types';
export { TJANSTEUTLATANDE_SECTIONS } from './types/tjansteutlatande/schema';
export { reservationSchema } from './types/protokollsutdrag/schema';
export { partySchema } from './types/anslutningsavtal/schema';
export { schema as tjansteutlatandeSchema } from './types/tjansteutlatande/schema';
export { schema as remissSchema } from './types/remiss/schema';
export { schema as yttrandeSchema } from './types/yttrande/schema';
export { schema as protokollsutdragSchema } from './types/protokollsutdrag/schema';
export { schema as anslagsbevisSchema } from './types/anslagsbevis/schema';
export { schema as hemstallanSchema } from './types/hemstallan/schema';
export { schema as anslutningsavtalSchema } from './types/anslutningsavtal/schema';
export { schema as startbeskedSchema } from './types/startbesked/schema';
export { schema as avgiftsunderlagSchema } from './types/avgiftsunderlag/schema';
export { schema as foredragningslistaSchema } from './types/foredragningslista/schema';
