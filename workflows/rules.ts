// Moved to domain/arende-rules.ts; this re-export stays until parallel branches are merged.
export * from '../domain/arende-rules';
export type { RejectionCode } from '../domain/arende-state';
