// Moved to clients/programme-rates.ts; this re-export stays until parallel branches are merged.
export * from '../clients/programme-rates';
