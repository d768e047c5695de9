/** @type {import('ts-jest').JestConfigWithTsJest} */
export default {
  testEnvironment: 'node',
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: [
    '/dist/',
    '/node_modules/',
    '<rootDir>/.stryker-tmp/'
  ],
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  clearMocks: true,
  setupFiles: ['<rootDir>/__fixtures__/capture-stdout.ts'],
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts', '!src/cli/main.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  testTimeout: 60000,
  verbose: true
}
