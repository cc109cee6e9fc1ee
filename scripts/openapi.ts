/**
 * `npm run openapi`: writes docs/openapi.json (from the route table and zod schemas) and
 * docs/errors.md (from the error catalogue). tests/unit/api-docs.test.ts fails when either
 * is stale, so run this after changing a route, a schema or an error.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderErrorsMarkdown, renderOpenApiJson } from '../functions/src/http/docs';

const root = resolve(__dirname, '..');
writeFileSync(resolve(root, 'docs/openapi.json'), renderOpenApiJson());
writeFileSync(resolve(root, 'docs/errors.md'), renderErrorsMarkdown());
console.log('wrote docs/openapi.json and docs/errors.md');
