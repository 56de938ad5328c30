/** Tests run from the TypeScript sources (ts-jest, transpile only: `npm test` type-checks with `tsc -b` first).
 * Child processes the end-to-end tests start (subgraphs, gateway) run the compiled `dist/` output. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/test'],
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // a stray compiled .js beside its .ts must never shadow the source
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  moduleNameMapper: {
    '^@sme/(kernel|devtools|testing|resource-library|demonstration-platform)$': '<rootDir>/packages/$1/src/index.ts',
  },
  globalSetup: '<rootDir>/packages/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/packages/testing/src/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
