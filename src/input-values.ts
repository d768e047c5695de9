/**
 * The inputs' names, allowed values and defaults: plain data with no imports, so that the CLI's
 * --help can print them without loading the action.
 */
export const STRATEGIES = [
  'auto',
  'previous-deployment',
  'multitudes',
  'push',
  'base',
  'tag',
  'parent',
  'head'
] as const
export type Strategy = (typeof STRATEGIES)[number]
export const COMMIT_SOURCES = ['auto', 'git', 'api'] as const
export type CommitSource = (typeof COMMIT_SOURCES)[number]
export const ON_ERROR = ['fail', 'warn', 'warn-on-outage'] as const
export type OnError = (typeof ON_ERROR)[number]
export const FIRST_DEPLOYMENT = ['head', 'fail'] as const
export type FirstDeployment = (typeof FIRST_DEPLOYMENT)[number]

/** Every input as action.yml names it. */
export const INPUTS = {
  apiKey: 'api-key',
  environment: 'environment',
  strategy: 'strategy',
  base: 'base',
  head: 'head',
  tagPattern: 'tag-pattern',
  commitSource: 'commit-source',
  paths: 'paths',
  maxCommits: 'max-commits',
  firstDeployment: 'first-deployment',
  isTest: 'is-test',
  deployedAt: 'deployed-at',
  title: 'title',
  tags: 'tags',
  dryRun: 'dry-run',
  onError: 'on-error',
  apiUrl: 'api-url',
  githubToken: 'github-token',
  verify: 'verify',
  recordCheck: 'record-check',
  timeoutSeconds: 'timeout-seconds',
  maxAttempts: 'max-attempts',
  workingDirectory: 'working-directory'
} as const

/**
 * The defaults of action.yml (a test keeps the two equal). The runner always passes every input,
 * filled from action.yml; these apply when a value is empty, so an empty `with:` entry behaves
 * like an absent one.
 */
export const DEFAULTS: Readonly<Record<string, string>> = {
  strategy: 'auto',
  'commit-source': 'auto',
  'max-commits': '1000',
  'first-deployment': 'head',
  'is-test': 'false',
  'dry-run': 'false',
  'on-error': 'fail',
  'api-url': 'https://integrations.multitudes.co/deployment',
  verify: 'false',
  'record-check': 'true',
  'timeout-seconds': '30',
  'max-attempts': '4'
}
