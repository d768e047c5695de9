import base from './stryker.config.mjs'

/**
 * `FOCUS_TESTS=untrusted.test.ts npm run mutate -- stryker.focus.config.mjs --mutate src/untrusted.ts`:
 * one module against the test files that drive it in process (jest.focus.config.js).
 */
export default {
  ...base,
  jest: { ...base.jest, configFile: 'jest.focus.config.js' },
  // Each run names its own tests, so an earlier run's results would not carry over.
  incremental: false,
  jsonReporter: { fileName: 'reports/mutation-focus.json' }
}
