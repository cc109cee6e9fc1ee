import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderErrorsMarkdown, renderOpenApiJson } from '../../functions/src/http/docs';
import { ROUTES } from '../../functions/src/http/routes';
import { ERROR_CATALOGUE } from '@shared/errors';

const docs = (name: string) => readFileSync(resolve(__dirname, '../../docs', name), 'utf8');

describe('the API contract documents', () => {
  it('keeps docs/openapi.json identical to the document generated from the zod schemas (run npm run openapi)', () => {
    expect(docs('openapi.json')).toBe(renderOpenApiJson());
  });

  it('keeps docs/errors.md identical to the error catalogue (run npm run openapi)', () => {
    expect(docs('errors.md')).toBe(renderErrorsMarkdown());
  });

  it('describes every route with its request body and every error it can return', () => {
    const doc = JSON.parse(renderOpenApiJson());
    for (const r of ROUTES) {
      const op = doc.paths[`/api${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`]?.[r.method];
      expect(op).toBeDefined();
      if (r.body) expect(op.requestBody.content['application/json'].schema).toBeDefined();
      for (const code of r.errors) expect(op.responses[String(ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE].status)]).toBeDefined();
    }
  });

  it('documents the ballot request with its strict fields and limits', () => {
    const doc = JSON.parse(renderOpenApiJson());
    const schema = doc.paths['/api/ballots'].post.requestBody.content['application/json'].schema;
    const resolved = schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
    expect(resolved.additionalProperties).toBe(false);
    expect(resolved.required).toEqual(expect.arrayContaining(['clientBallotId', 'token', 'answers']));
    expect(resolved.properties.comment.maxLength).toBe(500);
  });
});
