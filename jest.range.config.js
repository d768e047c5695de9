import base from './jest.stryker.config.js'

/** The range modules' own tests (in process, on real repositories and fake APIs), for their mutation run. */
export default {
  ...base,
  testMatch: [
    '**/__tests__/base-choice.test.ts',
    '**/__tests__/compare-api.test.ts',
    '**/__tests__/main.test.ts',
    '**/__tests__/range-github.int.test.ts',
    '**/__tests__/range.int.test.ts',
    '**/__tests__/resolve.test.ts'
  ]
}
