import base from './jest.stryker.config.js'

/** The in-process tests of Multitudes' record and the backfill state, for their mutation run. */
export default {
  ...base,
  testMatch: [
    '**/__tests__/record.test.ts',
    '**/__tests__/backfill-state.test.ts',
    '**/__tests__/send.test.ts',
    '**/__tests__/multitudes-client.test.ts',
    '**/__tests__/verify.test.ts'
  ]
}
