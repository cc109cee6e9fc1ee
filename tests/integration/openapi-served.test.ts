import { startStack, type TestStack } from '../support/stack';
import { apiClient } from '../support/http';
import { renderOpenApiJson } from '../../functions/src/http/docs';

let stack: TestStack;
beforeAll(async () => (stack = await startStack()));
afterAll(() => stack.close());

it('serves the generated OpenAPI document at GET /api/openapi.json', async () => {
  const r = await apiClient(stack.baseUrl).get('/openapi.json');
  expect(r.status).toBe(200);
  expect(r.body).toEqual(JSON.parse(renderOpenApiJson()));
  expect(r.body.openapi).toBe('3.1.0');
});

it('answers the health check without touching the store', async () => {
  stack.faults.fail('*', 'before', 5);
  const r = await apiClient(stack.baseUrl).get('/health');
  stack.faults.clear();
  expect(r).toMatchObject({ status: 200, body: { ok: true } });
});
