import base from './jest.stryker.config.js'

/** The tests of the git modules and the range walk over a real repository, for their mutation run. */
export default {
  ...base,
  testMatch: [
    '**/__tests__/git.test.ts',
    '**/__tests__/range.int.test.ts',
    '**/__tests__/resolve.test.ts'
  ]
}
