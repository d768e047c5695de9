import base from './jest.stryker.config.js'

/**
 * A mutation run of one module against its own tests: FOCUS_TESTS names the test files
 * (comma-separated). The whole in-process suite per mutant would take hours; see docs/testing.md.
 */
const names = (process.env.FOCUS_TESTS ?? '').split(',').filter(Boolean)
if (names.length === 0)
  throw new Error(
    'FOCUS_TESTS: name the test files to run, e.g. FOCUS_TESTS=untrusted.test.ts'
  )

export default {
  ...base,
  testMatch: names.map((name) => `**/__tests__/${name}`)
}
