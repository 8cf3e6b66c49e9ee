/**
 * The stage table: each stage names what runs while the workflow is in it (`run`, until the stage changes) and what
 * happens on the way in or out (`enter`, `leave`), so that a side effect of reaching a stage stands in that stage's
 * file, not in a state setter. `transition` runs the hooks at the moment the stage changes, in the same workflow
 * task, so the commands they issue keep their place in the history.
 */
export interface StageDef<C, S extends string> {
  run(ctx: C): Promise<void>;
  /** On entering from another stage (synchronous: it may start activities, not await them). */
  enter?(ctx: C, from: S, why?: string): void;
  /** On leaving for another stage. */
  leave?(ctx: C, to: S, why?: string): void;
}

export type StageTable<C, S extends string> = { [K in S]?: StageDef<C, S> };

export interface StageHolder<S extends string> {
  stage: S;
}

/**
 * Moves `holder` to `to`: nothing when already there; else sets the stage, lets `record` note it (history), then runs
 * the old stage's `leave` and the new stage's `enter` (both told `why`). Returns whether the stage changed.
 */
export function transition<C, S extends string>(
  table: StageTable<C, S>,
  ctx: C,
  holder: StageHolder<S>,
  to: S,
  record: (from: S, to: S) => void,
  why?: string,
): boolean {
  const from = holder.stage;
  if (from === to) return false;
  holder.stage = to;
  record(from, to);
  table[from]?.leave?.(ctx, to, why);
  table[to]?.enter?.(ctx, from, why);
  return true;
}

/** Runs the stage of the moment until `done` (or for ever); a stage with no entry is served by `otherwise`. */
export async function runStages<C, S extends string>(
  table: StageTable<C, S>,
  ctx: C,
  holder: StageHolder<S>,
  opts: { done?: (stage: S) => boolean; before?: () => Promise<void>; otherwise?: (ctx: C) => Promise<void> } = {},
): Promise<void> {
  while (!opts.done?.(holder.stage)) {
    await opts.before?.();
    const def = table[holder.stage];
    if (def) await def.run(ctx);
    else if (opts.otherwise) await opts.otherwise(ctx);
    else throw new Error(`no stage ${holder.stage} in the table`);
  }
}
