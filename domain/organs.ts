import { z } from 'zod';
import { diarieserieSchema } from './diarienummer';
import { line } from './text';

/**
 * The municipality's organs (nämnder and styrelse) and their diarieserier: an ärende is registered for one of them,
 * and its diarienummer is drawn from (or must belong to) that organ's series (issue 10 p. 3). Configured per
 * municipality in config/kommuner/<kommunkod>.json ("organs"); a municipality without its own list has DEFAULT_ORGANS.
 * A typo cannot create a series: a code not in the list is refused.
 */
export const organSchema = z.object({ kod: diarieserieSchema, namn: line(120) });
export type Organ = z.infer<typeof organSchema>;

export const organsSchema = z
  .array(organSchema)
  .min(1, 'minst ett organ')
  .superRefine((organs, ctx) => {
    const seen = new Set<string>();
    organs.forEach((o, i) => {
      if (seen.has(o.kod)) ctx.addIssue({ code: 'custom', path: [i, 'kod'], message: `diarieserien ${o.kod} finns två gånger` });
      seen.add(o.kod);
    });
  });

/** The usual organs of a Swedish municipality (KL 3 kap. 3–4 §§: kommunstyrelsen and the nämnder fullmäktige sets up). */
export const DEFAULT_ORGANS: readonly Organ[] = [
  { kod: 'KS', namn: 'Kommunstyrelsen' },
  { kod: 'SN', namn: 'Socialnämnden' },
  { kod: 'ÄN', namn: 'Äldrenämnden' },
  { kod: 'UN', namn: 'Utbildningsnämnden' },
  { kod: 'AMN', namn: 'Arbetsmarknadsnämnden' },
  { kod: 'KFN', namn: 'Kultur- och fritidsnämnden' },
  { kod: 'MBN', namn: 'Miljö- och byggnadsnämnden' },
  { kod: 'TN', namn: 'Tekniska nämnden' },
  { kod: 'VON', namn: 'Vård- och omsorgsnämnden' },
  { kod: 'BUN', namn: 'Barn- och ungdomsnämnden' },
  { kod: 'ÖFN', namn: 'Överförmyndarnämnden' },
];

/** The organ with this code, if the municipality has it. */
export function organByKod(organs: readonly Organ[], kod: string): Organ | undefined {
  return organs.find((o) => o.kod === kod);
}
