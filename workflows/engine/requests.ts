/**
 * Request ids: every human action carries one; the same request twice is recorded once, also after continue-as-new.
 * The memory is an array of [requestId, entry] so that it can be carried over continue-as-new (or kept in the state)
 * as it is; it is changed in place and keeps the newest `cap` ids (a decades-long workflow stays bounded).
 */
export class RequestMemory<T> {
  constructor(
    readonly entries: Array<[string, T]>,
    private readonly cap: number,
  ) {}

  get(requestId: string): T | undefined {
    return this.entries.find(([id]) => id === requestId)?.[1];
  }

  remember(requestId: string, entry: T): void {
    this.entries.push([requestId, entry]);
    while (this.entries.length > this.cap) this.entries.shift();
  }
}

/** What identifies a request's content: the action and its validated payload. */
export function fingerprintOf(action: string, payload: unknown): string {
  return `${action}:${JSON.stringify(payload)}`;
}
