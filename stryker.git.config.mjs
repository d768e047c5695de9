import base from './stryker.config.mjs'

/**
 * `npm run mutate -- stryker.git.config.mjs`: the git modules against their own tests on real
 * repositories (minutes, where the whole suite would take hours: nearly every test resolves a
 * commit).
 */
export default {
  ...base,
  mutate: ['src/git/**/*.ts'],
  jest: { ...base.jest, configFile: 'jest.git.config.js' },
  incrementalFile: 'reports/stryker-git-incremental.json',
  jsonReporter: { fileName: 'reports/mutation-git.json' }
}
