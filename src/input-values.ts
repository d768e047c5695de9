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

/** Longest `environment` and `title`; most `tags`, and longest tag. */
export const LIMITS = { environment: 255, title: 255, tags: 20, tag: 100 }

export interface Inputs {
  /** Multitudes key; undefined only on a dry run without one. Masked as soon as it is read. */
  apiKey: string | undefined
  /** `environmentName`, trimmed. */
  environment: string
  strategy: Strategy
  /** Base revision for strategy `base` (or `auto`). */
  base: string | undefined
  /** Head revision; undefined means "from the event". */
  head: string | undefined
  tagPattern: string | undefined
  commitSource: CommitSource
  /** Pathspecs for monorepos; empty means the whole repository. */
  paths: string[]
  maxCommits: number
  firstDeployment: FirstDeployment
  isTest: boolean
  /** UTC ISO 8601 with milliseconds, or undefined for "when the step started". */
  deployedAt: string | undefined
  title: string | undefined
  tags: string[]
  dryRun: boolean
  onError: OnError
  apiUrl: URL
  githubToken: string | undefined
  verify: boolean
  /** Read Multitudes' record before a POST (and as a base): false sends no GET. */
  recordCheck: boolean
  timeoutSeconds: number
  maxAttempts: number
  /** Absolute path of the checkout; undefined means the current directory (the workspace). */
  workingDirectory: string | undefined
}
