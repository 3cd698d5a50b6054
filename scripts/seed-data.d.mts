// Types for the TypeScript tests that check the demo data against the shared schemas (the seed itself is plain JS).
export const EVENT_RULES: unknown[];
export const WAITING_RULES: unknown[];
export const SLA: unknown;
export const CSAT: unknown;
