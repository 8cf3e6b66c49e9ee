/** Each document type's view (documents/types/<type>/view.ts), for the template engine (documents/templates.ts). */
import type { View } from '../view-parts';
import type { DocumentType } from './index';
import { view as tjansteutlatande } from './tjansteutlatande/view';
import { view as remiss } from './remiss/view';
import { view as yttrande } from './yttrande/view';
import { view as protokollsutdrag } from './protokollsutdrag/view';
import { view as anslagsbevis } from './anslagsbevis/view';
import { view as hemstallan } from './hemstallan/view';
import { view as anslutningsavtal } from './anslutningsavtal/view';
import { view as startbesked } from './startbesked/view';
import { view as avgiftsunderlag } from './avgiftsunderlag/view';
import { view as foredragningslista } from './foredragningslista/view';
import { view as kallelse } from './kallelse/view';
import { view as protokoll } from './protokoll/view';

export const DOCUMENT_VIEWS: { [T in DocumentType]: View<T> } = {
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
