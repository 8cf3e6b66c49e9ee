// Moved to clients/registry.ts; this re-export stays until parallel branches are merged.
export * from '../clients/registry';
