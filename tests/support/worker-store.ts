/**
 * Runs before every test file (jest setupFiles): points DDB_TEST_ENDPOINT, which the stacks and
 * scripts read, at this worker's own DynamoDB Local (global-setup.ts starts one per worker).
 */
const endpoints = process.env.DDB_TEST_ENDPOINTS?.split(',').filter(Boolean) ?? [];
if (endpoints.length > 0) {
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  process.env.DDB_TEST_ENDPOINT = endpoints[(Math.max(1, worker) - 1) % endpoints.length];
}
