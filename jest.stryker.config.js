import base from './jest.config.js'

/**
 * Jest for mutation testing: the in-process tests only. The end-to-end tests run the bundle in
 * dist/, which Stryker does not mutate, so they could never kill a mutant.
 */
export default {
  ...base,
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    '[/.]e2e\\.test\\.ts$',
    '/cli\\.test\\.ts$',
    // Documents and CI scripts: no code under mutation.
    '/docs\\.test\\.ts$',
    '/ci-checks\\.test\\.ts$'
  ],
  verbose: false
}
