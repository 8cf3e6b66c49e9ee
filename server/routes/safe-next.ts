/** Only a path on this site: "/arenden/x" yes, "//evil.example" or "https://…" no. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && !next.startsWith('/logga-') ? next : '/';
}
