/** One jest config; projects split fast pure tests from the ones that need the embedded store. */
const moduleNameMapper = { '^@shared/(.*)$': '<rootDir>/shared/$1' };
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } }, module: { type: 'commonjs' } }] };
module.exports = {
  // Two workers on the 2-core CI machine: most test time waits on the store, HTTP or the browser,
  // so a second worker overlaps that waiting; the longest files start first (see the sequencer).
  maxWorkers: 2,
  testSequencer: '<rootDir>/tests/support/sequencer.cjs',
  projects: [
    // Unit tests are pure but share a busy machine: the same generous per-test deadline as the rest.
    { displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'], transform, moduleNameMapper, testEnvironment: 'node', setupFilesAfterEnv: ['<rootDir>/tests/support/timeouts.ts'] },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      transform,
      moduleNameMapper,
      testEnvironment: 'node',
      setupFiles: ['<rootDir>/tests/support/worker-store.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/support/timeouts.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
    {
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      transform,
      moduleNameMapper,
      testEnvironment: 'node',
      setupFiles: ['<rootDir>/tests/support/worker-store.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/support/timeouts.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
  ],
};
