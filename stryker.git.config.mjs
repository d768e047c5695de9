import base from './stryker.config.mjs'

/**
 * `npm run mutate -- stryker.git.config.mjs`: the git modules and the checkout's range walk,
 * against the tests that run them on real repositories (minutes, where the whole suite would
 * take hours).
 */
export default {
  ...base,
  mutate: ['src/git/**/*.ts', 'src/range/local-git.ts'],
  jest: { ...base.jest, configFile: 'jest.git.config.js' },
  incrementalFile: 'reports/stryker-git-incremental.json',
  jsonReporter: { fileName: 'reports/mutation-git.json' }
}
