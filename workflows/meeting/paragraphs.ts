import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { allocateParagraphsUpdate, paragraphSeriesQuery, type ParagraphSeriesInput } from './messages';

/**
 * The § numbers of one organ and year: "paragraferna numreras löpande per organ och år" (DOMAIN.md §7). Like the
 * diarium (workflows/diarium.ts), one workflow hands them out one update at a time, so two meetings never get the same
 * number; a key (meeting and item) asked for again gets the number it got, so a retried request changes nothing.
 */
const REMEMBERED = 2_000;

export async function paragraphSeriesWorkflow(input: ParagraphSeriesInput): Promise<void> {
  let next = input.next ?? 1;
  const recent = new Map<string, number>(input.recent ?? []);
  let changed = 0;
  setHandler(paragraphSeriesQuery, () => ({ next }));
  setHandler(allocateParagraphsUpdate, ({ keys }) =>
    keys.map((key) => {
      const known = recent.get(key);
      if (known !== undefined) return known;
      const nr = next++;
      recent.set(key, nr);
      if (recent.size > REMEMBERED) recent.delete(recent.keys().next().value as string);
      changed += 1;
      return nr;
    }),
  );
  await condition(() => changed >= 500 || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof paragraphSeriesWorkflow>({ ...input, next, recent: [...recent] });
}
