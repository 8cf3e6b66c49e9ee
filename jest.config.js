/** Jest runs TypeScript through SWC (type checking is `tsc --noEmit` in `npm test`). */
/**
 * openid-client and its two dependencies are ES modules only; Jest on Node 20 cannot require them, so SWC turns them
 * into CommonJS for the tests (the product itself runs them as they are: Node ≥ 20.19 requires ES modules).
 */
const ESM_ONLY = ['openid-client', 'oauth4webapi', 'jose'];
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The fault tests need the real Temporal server on PostgreSQL: jest.cluster.config.js (npm run test:cluster).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/cluster/'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
