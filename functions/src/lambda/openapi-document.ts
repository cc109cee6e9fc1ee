import { WHOLE_API } from '../http/docs';

/**
 * The OpenAPI document the staff function serves. Run from source (tsx, jest) it is built from
 * the full route table; in the bundle this module is replaced by the same JSON, built at bundle
 * time and embedded brotli-compressed (≈ 15 KB; scripts/lambda/trims.ts), so the staff function
 * neither imports the citizen and exports routes nor runs zod-openapi.
 */
export const openApiJson: () => string = WHOLE_API.openapi;
