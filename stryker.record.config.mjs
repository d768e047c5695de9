import base from './stryker.config.mjs'

/**
 * `npm run mutate -- stryker.record.config.mjs`: Multitudes' record and the backfill state file,
 * against their own in-process tests only (minutes, where the whole suite would take hours).
 */
export default {
  ...base,
  mutate: ['src/record/**/*.ts', 'src/backfill/state.ts'],
  jest: { ...base.jest, configFile: 'jest.record.config.js' },
  incrementalFile: 'reports/stryker-record-incremental.json',
  jsonReporter: { fileName: 'reports/mutation-record.json' }
}
