/**
 * The integration, onboarding and resilience tests on the real Temporal server on PostgreSQL (BF_TEST_TEMPORAL=cluster:
 * test/support/global-setup.ts starts it, test/support/cluster.ts), and the fault tests of test/cluster/, which kill
 * its services and PostgreSQL. `npm run test:cluster`, run by `npm test` after the dev-server suite.
 */
process.env.BF_TEST_TEMPORAL = 'cluster';
const base = require('./jest.config.js');
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  testMatch: [
    '<rootDir>/test/cluster/**/*.test.ts',
    '<rootDir>/test/integration/**/*.test.ts',
    '<rootDir>/test/onboarding/skr-http.test.ts',
    '<rootDir>/test/onboarding/agreement-owner-http.test.ts',
    '<rootDir>/test/web/api.test.ts',
    '<rootDir>/test/web/diarienummer.test.ts',
    '<rootDir>/test/resilience/concurrent-clients.test.ts',
    '<rootDir>/test/resilience/kill-worker.test.ts',
    '<rootDir>/test/resilience/kill-worker-decisions.test.ts',
  ],
};
