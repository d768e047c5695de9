import { addSecret, say } from './untrusted.js'
import * as core from './core.js'
import { InputError } from './errors.js'
import {
  parseBoolean,
  parseDeployedAt,
  parseEnum,
  parseInteger,
  parsePaths
} from './input-parsers.js'
import {
  checkSecret,
  parseApiUrl,
  parseEnvironment,
  parsePattern,
  parseTags,
  parseText,
  parseRevision,
  parseWorkingDirectory
} from './input-text.js'

export * from './input-values.js'
import {
  DEFAULTS,
  INPUTS,
  ON_ERROR,
  STRATEGIES,
  COMMIT_SOURCES,
  FIRST_DEPLOYMENT,
  type CommitSource,
  type FirstDeployment,
  type OnError,
  type Strategy
} from './input-values.js'

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

export type Reader = (name: string) => string

/**
 * An input as the runner gives it. A value that is still an unevaluated `${{ … }}` expression
 * (tools such as @github/local-action leave `${{ github.token }}` as it is) counts as unset.
 */
export const readInput: Reader = (name) => {
  const value = core.getInput(name)
  return /^\$\{\{[^}]*\}\}$/.test(value.trim()) ? '' : value
}

/** `on-error` alone, so that a failure to read the other inputs can still honour it. */
export function getOnError(read: Reader = readInput): OnError {
  return parseEnum(INPUTS.onError, value(read, INPUTS.onError), ON_ERROR)
}

/** Longest `environment` and `title`; most `tags`, and longest tag. */
export const LIMITS = { environment: 255, title: 255, tags: 20, tag: 100 }

/**
 * Reads and validates every input. Throws one InputError that names every bad input, so a
 * workflow is fixed in one round, not one input at a time.
 */
export function getInputs(
  read: Reader = readInput,
  env: NodeJS.ProcessEnv = process.env,
  now: () => number = Date.now
): Readonly<Inputs> {
  const apiKey = readSecret(read(INPUTS.apiKey) || env.MULTITUDES_API_KEY)
  const githubToken = readSecret(read(INPUTS.githubToken))
  const problems: InputError[] = []
  /** The parsed value, or `fallback` with the problem noted. */
  const check = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse()
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      problems.push(error)
      return fallback
    }
  }
  const bool = (name: string): boolean =>
    check(() => parseBoolean(name, value(read, name)), false)
  const integer = (name: string, min: number, max: number): number =>
    check(() => parseInteger(name, value(read, name), min, max), min)
  const text = (name: string, max: number): string | undefined =>
    check(() => parseText(name, read(name), max), undefined)

  const inputs: Inputs = {
    apiKey,
    environment: check(
      () => parseEnvironment(INPUTS.environment, read(INPUTS.environment)),
      ''
    ),
    strategy: check(
      () =>
        parseEnum(INPUTS.strategy, value(read, INPUTS.strategy), STRATEGIES),
      'auto'
    ),
    base: check(() => parseRevision(INPUTS.base, read(INPUTS.base)), undefined),
    head: check(() => parseRevision(INPUTS.head, read(INPUTS.head)), undefined),
    tagPattern: check(
      () => parsePattern(INPUTS.tagPattern, read(INPUTS.tagPattern)),
      undefined
    ),
    commitSource: check(
      () =>
        parseEnum(
          INPUTS.commitSource,
          value(read, INPUTS.commitSource),
          COMMIT_SOURCES
        ),
      'auto'
    ),
    paths: check(() => parsePaths(INPUTS.paths, read(INPUTS.paths)), []),
    maxCommits: integer(INPUTS.maxCommits, 1, 100_000),
    firstDeployment: check(
      () =>
        parseEnum(
          INPUTS.firstDeployment,
          value(read, INPUTS.firstDeployment),
          FIRST_DEPLOYMENT
        ),
      'head'
    ),
    isTest: bool(INPUTS.isTest),
    deployedAt: check(
      () =>
        read(INPUTS.deployedAt).trim()
          ? parseDeployedAt(INPUTS.deployedAt, read(INPUTS.deployedAt), now())
          : undefined,
      undefined
    ),
    title: text(INPUTS.title, LIMITS.title),
    tags: check(
      () => parseTags(INPUTS.tags, read(INPUTS.tags), LIMITS.tags, LIMITS.tag),
      []
    ),
    dryRun: bool(INPUTS.dryRun),
    onError: check(() => getOnError(read), 'fail'),
    apiUrl: check(
      () => parseApiUrl(INPUTS.apiUrl, value(read, INPUTS.apiUrl)),
      new URL(DEFAULTS[INPUTS.apiUrl])
    ),
    githubToken,
    verify: bool(INPUTS.verify),
    recordCheck: bool(INPUTS.recordCheck),
    timeoutSeconds: integer(INPUTS.timeoutSeconds, 1, 600),
    maxAttempts: integer(INPUTS.maxAttempts, 1, 10),
    workingDirectory: check(
      () =>
        parseWorkingDirectory(
          INPUTS.workingDirectory,
          read(INPUTS.workingDirectory),
          env.GITHUB_WORKSPACE || process.cwd()
        ),
      undefined
    )
  }
  if (problems.length === 0) check(() => checkCombinations(inputs), undefined)
  if (problems.length === 1) throw problems[0]
  if (problems.length > 1) {
    throw new InputError(
      `${problems.length} inputs are invalid. ${problems.map((p, i) => `(${i + 1}) ${p.message}`).join(' ')}`
    )
  }
  for (const [key, v] of Object.entries(inputs)) {
    if (key !== 'apiKey' && key !== 'githubToken') {
      say.debug(`input ${key}: ${JSON.stringify(v)}`)
    }
  }
  return inputs
}

function value(read: Reader, name: string): string {
  const raw = read(name)
  return raw.trim() === '' ? (DEFAULTS[name] ?? '') : raw
}

/** Registers a secret for redaction before anything else can print it. */
function readSecret(raw: string | undefined): string | undefined {
  const secret = raw?.trim()
  if (!secret) return undefined
  addSecret(secret)
  return secret
}

function checkCombinations(inputs: Inputs): void {
  if (inputs.apiKey === undefined && !inputs.dryRun) {
    throw new InputError(
      `Input 'api-key' is empty and MULTITUDES_API_KEY is not set. Expected a Multitudes API key with the Deployments write scope, e.g. 'api-key: \${{ secrets.MULTITUDES_API_KEY }}'. Secrets are not passed to workflows triggered from forks; use 'dry-run: true' there.`
    )
  }
  if (inputs.apiKey !== undefined) checkSecret('api-key', inputs.apiKey)
  if (inputs.githubToken !== undefined)
    checkSecret('github-token', inputs.githubToken)
  if (inputs.strategy === 'base' && inputs.base === undefined) {
    throw new InputError(
      `Input 'base' is required when 'strategy' is 'base': a commit SHA or ref.`
    )
  }
  if (inputs.strategy === 'tag' && inputs.tagPattern === undefined) {
    throw new InputError(
      `Input 'tag-pattern' is required when 'strategy' is 'tag': a glob such as 'v*'.`
    )
  }
  if (
    inputs.strategy === 'multitudes' &&
    (!inputs.recordCheck || inputs.apiKey === undefined)
  ) {
    throw new InputError(
      `Invalid 'strategy': "multitudes" reads Multitudes' record, but ${inputs.apiKey === undefined ? "'api-key' is empty" : "'record-check' is false"}. Expected an API key with the Deployments read scope and 'record-check: true', or another strategy.`
    )
  }
  if (inputs.paths.length > 0 && inputs.commitSource === 'api') {
    throw new InputError(
      `Input 'paths' needs the git source, but 'commit-source' is 'api'. Expected 'commit-source: git' (or 'auto') with a checkout.`
    )
  }
}
