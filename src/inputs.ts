import { checkCombinations } from './input-combinations.js'
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
  LIMITS,
  ON_ERROR,
  STRATEGIES,
  COMMIT_SOURCES,
  FIRST_DEPLOYMENT,
  type OnError,
  type Inputs
} from './input-values.js'

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

/**
 * Reads and validates every input. Throws one InputError that names every bad input, so a
 * workflow is fixed in one round, not one input at a time. Longer than 40 lines on purpose: the
 * inputs are one table, a line each in action.yml's order, which is also the order of the
 * messages; split, that order would live in several places.
 */
export function getInputs(
  read: Reader = readInput,
  env: NodeJS.ProcessEnv = process.env,
  now: () => number = Date.now
): Readonly<Inputs> {
  const apiKey = readSecret(read(INPUTS.apiKey) || env.MULTITUDES_API_KEY)
  const githubToken = readSecret(read(INPUTS.githubToken))
  const { problems, check } = collector()
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
  throwAll(problems)
  for (const [key, v] of Object.entries(inputs)) {
    if (key !== 'apiKey' && key !== 'githubToken') {
      say.debug(`input ${key}: ${JSON.stringify(v)}`)
    }
  }
  return inputs
}

interface Collector {
  problems: InputError[]
  /** The parsed value, or `fallback` with the problem noted. */
  check: <T>(parse: () => T, fallback: T) => T
}

function collector(): Collector {
  const problems: InputError[] = []
  const check = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse()
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      problems.push(error)
      return fallback
    }
  }
  return { problems, check }
}

/** One problem as it is; several as one error that numbers them. */
function throwAll(problems: readonly InputError[]): void {
  if (problems.length === 1) throw problems[0]
  if (problems.length > 1) {
    throw new InputError(
      `${problems.length} inputs are invalid. ${problems.map((p, i) => `(${i + 1}) ${p.message}`).join(' ')}`
    )
  }
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
