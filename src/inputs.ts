import * as core from '@actions/core'
import { InputError } from './errors.js'
import {
  hasControlCharacters,
  parseApiUrl,
  parseBoolean,
  parseDeployedAt,
  parseEnum,
  parseEnvironment,
  parseInteger,
  parseList,
  parsePaths,
  parseRevision,
  parseWorkingDirectory
} from './input-parsers.js'

export const STRATEGIES = [
  'auto',
  'previous-deployment',
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
  'timeout-seconds': '30',
  'max-attempts': '4'
}

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
  timeoutSeconds: number
  maxAttempts: number
  /** Absolute path of the checkout; undefined means the current directory (the workspace). */
  workingDirectory: string | undefined
}

export type Reader = (name: string) => string

const readInput: Reader = (name) => core.getInput(name)

/** `on-error` alone, so that a failure to read the other inputs can still honour it. */
export function getOnError(read: Reader = readInput): OnError {
  return parseEnum(INPUTS.onError, value(read, INPUTS.onError), ON_ERROR)
}

/** Reads and validates every input. Throws InputError naming the first bad one. */
export function getInputs(
  read: Reader = readInput,
  env: NodeJS.ProcessEnv = process.env
): Readonly<Inputs> {
  const apiKey = readSecret(read(INPUTS.apiKey) || env.MULTITUDES_API_KEY)
  const githubToken = readSecret(read(INPUTS.githubToken))
  const bool = (name: string): boolean => parseBoolean(name, value(read, name))
  const text = (name: string): string | undefined =>
    read(name).trim() || undefined

  const inputs: Inputs = {
    apiKey,
    environment: parseEnvironment(INPUTS.environment, read(INPUTS.environment)),
    strategy: parseEnum(
      INPUTS.strategy,
      value(read, INPUTS.strategy),
      STRATEGIES
    ),
    base: parseRevision(INPUTS.base, read(INPUTS.base)),
    head: parseRevision(INPUTS.head, read(INPUTS.head)),
    tagPattern: text(INPUTS.tagPattern),
    commitSource: parseEnum(
      INPUTS.commitSource,
      value(read, INPUTS.commitSource),
      COMMIT_SOURCES
    ),
    paths: parsePaths(INPUTS.paths, read(INPUTS.paths)),
    maxCommits: parseInteger(
      INPUTS.maxCommits,
      value(read, INPUTS.maxCommits),
      1,
      100_000
    ),
    firstDeployment: parseEnum(
      INPUTS.firstDeployment,
      value(read, INPUTS.firstDeployment),
      FIRST_DEPLOYMENT
    ),
    isTest: bool(INPUTS.isTest),
    deployedAt: text(INPUTS.deployedAt)
      ? parseDeployedAt(INPUTS.deployedAt, read(INPUTS.deployedAt))
      : undefined,
    title: text(INPUTS.title),
    tags: parseList(read(INPUTS.tags)),
    dryRun: bool(INPUTS.dryRun),
    onError: getOnError(read),
    apiUrl: parseApiUrl(INPUTS.apiUrl, value(read, INPUTS.apiUrl)),
    githubToken,
    verify: bool(INPUTS.verify),
    timeoutSeconds: parseInteger(
      INPUTS.timeoutSeconds,
      value(read, INPUTS.timeoutSeconds),
      1,
      600
    ),
    maxAttempts: parseInteger(
      INPUTS.maxAttempts,
      value(read, INPUTS.maxAttempts),
      1,
      10
    ),
    workingDirectory: parseWorkingDirectory(
      INPUTS.workingDirectory,
      read(INPUTS.workingDirectory),
      env.GITHUB_WORKSPACE || process.cwd()
    )
  }
  checkCombinations(inputs)
  for (const [key, v] of Object.entries(inputs)) {
    if (key !== 'apiKey' && key !== 'githubToken') {
      core.debug(`input ${key}: ${JSON.stringify(v)}`)
    }
  }
  return inputs
}

function value(read: Reader, name: string): string {
  const raw = read(name)
  return raw.trim() === '' ? (DEFAULTS[name] ?? '') : raw
}

/** Masks a secret before anything else can print it, and the token part of `Bearer <token>`. */
function readSecret(raw: string | undefined): string | undefined {
  const secret = raw?.trim()
  if (!secret) return undefined
  core.setSecret(secret)
  const token = /^\S+\s+(\S+)$/.exec(secret)?.[1]
  if (token) core.setSecret(token)
  return secret
}

function checkCombinations(inputs: Inputs): void {
  if (inputs.apiKey === undefined && !inputs.dryRun) {
    throw new InputError(
      `Input 'api-key' is empty and MULTITUDES_API_KEY is not set. Expected a Multitudes API key with the Deployments write scope, e.g. 'api-key: \${{ secrets.MULTITUDES_API_KEY }}'. Secrets are not passed to workflows triggered from forks; use 'dry-run: true' there.`
    )
  }
  if (inputs.apiKey !== undefined && hasControlCharacters(inputs.apiKey)) {
    throw new InputError(
      `Invalid 'api-key': it contains a line break or control character. Expected the key exactly as Multitudes shows it.`
    )
  }
  if (inputs.strategy === 'base' && inputs.base === undefined) {
    throw new InputError(
      `Input 'base' is empty. Expected a commit SHA or ref when 'strategy' is 'base'.`
    )
  }
  if (inputs.strategy === 'tag' && inputs.tagPattern === undefined) {
    throw new InputError(
      `Input 'tag-pattern' is empty. Expected a glob such as 'v*' when 'strategy' is 'tag'.`
    )
  }
  if (inputs.paths.length > 0 && inputs.commitSource === 'api') {
    throw new InputError(
      `Input 'paths' needs the git source, but 'commit-source' is 'api'. Expected 'commit-source: git' (or 'auto') with a checkout.`
    )
  }
}
