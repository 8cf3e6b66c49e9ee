/** Valid data for every document type (documents/types/<type>/sample.ts), for the rendering tests and the benchmark. */
import type { DocumentInput, DocumentType } from './index';
import { sample as tjansteutlatande } from './tjansteutlatande/sample';
import { sample as remiss } from './remiss/sample';
import { sample as yttrande } from './yttrande/sample';
import { sample as protokollsutdrag } from './protokollsutdrag/sample';
import { sample as anslagsbevis } from './anslagsbevis/sample';
import { sample as hemstallan } from './hemstallan/sample';
import { sample as anslutningsavtal } from './anslutningsavtal/sample';
import { sample as startbesked } from './startbesked/sample';
import { sample as avgiftsunderlag } from './avgiftsunderlag/sample';
import { sample as foredragningslista } from './foredragningslista/sample';
import { sample as kallelse } from './kallelse/sample';
import { sample as protokoll } from './protokoll/sample';

export const SAMPLES: { [T in DocumentType]: DocumentInput[T] } = {
  tjansteutlatande,
  remiss,
  yttrande,
  protokollsutdrag,
  anslagsbevis,
  hemstallan,
  anslutningsavtal,
  startbesked,
  avgiftsunderlag,
  foredragningslista,
  kallelse,
  protokoll,
};
