/**
 * Evidence file limits: photos and scanned PDFs from a phone. A module of plain constants, so
 * the app's body parser can read the limit without constructing the rectification API schemas
 * (the citizen and exports Lambda functions never use them).
 */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
