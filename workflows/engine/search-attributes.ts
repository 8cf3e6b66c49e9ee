import { upsertSearchAttributes } from '@temporalio/workflow';

/**
 * Search attributes (keys in workflows/search-attributes.ts): what lists and filters read without querying each
 * workflow. Every upsert is a command in the history: `upsert` upserts on every call, `Published` only when what it
 * is told to compare changed since its last upsert.
 */
export type AttributeValue = string | Date | null;
/** A typed key (defineSearchAttributeKey) and its value; null removes it. */
export type AttributePair = { key: { name: string; type: string }; value: AttributeValue };

export function upsert(pairs: readonly AttributePair[]): void {
  upsertSearchAttributes(pairs as unknown as Parameters<typeof upsertSearchAttributes>[0]);
}

export class Published {
  private last?: string;

  /** Upserts `pairs` unless `compared` (what the pairs are made from) is what was upserted last. */
  publish(compared: ReadonlyArray<string | undefined>, pairs: () => readonly AttributePair[]): void {
    const key = JSON.stringify(compared);
    if (key === this.last) return;
    this.last = key;
    upsert(pairs());
  }
}
