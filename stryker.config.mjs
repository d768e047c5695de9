/**
 * `npm run mutate`: mutation testing of the logic where a wrong answer is silent. Incremental:
 * a re-run tests only the mutants whose code or tests changed (reports/stryker-incremental.json).
 * `npm run mutate -- --mutate src/git/client.ts` narrows it to one file.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'jest',
  jest: { configFile: 'jest.stryker.config.js', enableFindRelatedTests: false },
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  mutate: [
    'src/range/**/*.ts',
    'src/record/**/*.ts',
    'src/backfill/state.ts',
    'src/backfill/plan.ts',
    'src/backfill/run.ts',
    'src/backfill/post-loop.ts',
    'src/backfill/sources.ts',
    'src/backfill/github-sources.ts',
    'src/backfill/run-sources.ts',
    'src/backfill/plan-table.ts',
    'src/git/**/*.ts',
    'src/send.ts',
    'src/multitudes-client.ts',
    'src/multitudes/**/*.ts',
    'src/inputs.ts',
    'src/input-combinations.ts',
    'src/input-parsers.ts',
    'src/input-text.ts',
    'src/input-values.ts',
    'src/untrusted.ts',
    'src/http.ts',
    'src/http-direct.ts',
    'src/http-response.ts',
    'src/verify.ts',
    'src/outputs.ts',
    'src/summary.ts',
    'src/summary-table.ts',
    'src/context.ts',
    'src/event-payload.ts',
    'src/cli/**/*.ts',
    // One call to quick.ts's main(), run only by the bundle's entry.
    '!src/cli/main.ts'
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation.json' },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'reports', 'coverage', '.stryker-tmp']
}
