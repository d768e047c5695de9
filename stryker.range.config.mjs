import base from './stryker.config.mjs'

/**
 * `npm run mutate -- stryker.range.config.mjs`: `src/range/` against the tests that resolve
 * ranges in process (the whole suite would take hours: nearly every test resolves a commit).
 */
export default {
  ...base,
  mutate: ['src/range/**/*.ts'],
  jest: { ...base.jest, configFile: 'jest.range.config.js' },
  incrementalFile: 'reports/stryker-range-incremental.json',
  jsonReporter: { fileName: 'reports/mutation-range.json' }
}
