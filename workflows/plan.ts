// Moved to domain/arende-plan.ts; this re-export stays until parallel branches are merged.
export * from '../domain/arende-plan';
