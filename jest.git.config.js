import base from './jest.stryker.config.js'

/** The git modules' own tests on real repositories, and the backfill's over tags, for their mutation run. */
export default {
  ...base,
  testMatch: [
    '**/__tests__/git.test.ts',
    '**/__tests__/backfill-sources.int.test.ts'
  ]
}
