// Moved to clients/onboarding.ts; this re-export stays until parallel branches are merged.
export * from '../clients/onboarding';
