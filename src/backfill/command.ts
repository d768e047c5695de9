import { plural } from '../plural.js'
import path from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import os from 'node:os'
import { errorMessage, HintedError, InputError } from '../errors.js'
import { createGitClient, type GitClient } from '../git/client.js'
import { createGitHubApi } from '../github/api.js'
import { githubBounds } from '../github/bounds.js'
import { transport } from '../http.js'
import {
  checkSecret,
  invalid,
  parseApiUrl,
  required,
  parseBoolean,
  parseDeployedAt,
  parseEnum,
  parseEnvironment,
  parseInteger,
  parsePattern,
  parseRevision,
  parseTags,
  parseText,
  parseWorkingDirectory
} from '../input-parsers.js'
import { LIMITS, ON_ERROR } from '../inputs.js'
import { createMultitudesClient } from '../multitudes-client.js'
import { createRecord } from '../record/reader.js'
import { EXIT, usage, type CliIo } from '../cli/io.js'
import { readCommandLine, UsageError, type CommandLine } from '../cli/args.js'
import { FLAGS } from '../cli/flags.js'
import { backfillHelpText } from '../cli/help.js'
import { defaultStateFile } from './state.js'
import { planBackfill } from './plan.js'
import { createProgress } from './progress.js'
import { planTable, runBackfill, type BackfillOptions } from './run.js'
import { addSecret, jsonText } from '../untrusted.js'
import {
  githubDeployments,
  releaseDeployments,
  tagDeployments,
  workflowRunDeployments,
  type PastDeployment
} from './sources.js'

const SOURCES = ['tags', 'releases', 'deployments', 'workflow-runs'] as const
type Source = (typeof SOURCES)[number]

/**
 * A date, or a date-time with a zone, as UTC ISO 8601. A bare date is a whole UTC day: `--since`
 * starts at its midnight, and `--until` takes it in to its last millisecond, so month-by-month
 * windows leave no day out.
 */
function parseWindow(
  name: '--since' | '--until',
  raw: string | undefined
): string | undefined {
  if (raw === undefined) return undefined
  const value = /^\d{4}-\d{2}-\d{2}$/.test(raw.trim())
    ? `${raw.trim()}T${name === '--until' ? '23:59:59.999' : '00:00:00'}Z`
    : raw
  return parseDeployedAt(name, value)
}

type Values = CommandLine['values']

/** A flag's value, else its default from the flag table. */
const text = (values: Values, name: string): string | undefined => {
  const value = values[name]
  return typeof value === 'string' ? value : FLAGS[name].default
}

interface GitHubSourceOptions {
  repository: string
  token: string
  apiUrl: URL
}

/** Where the past deployments come from, with what each source needs. */
type SourceOptions =
  | { kind: 'tags'; pattern: string }
  | {
      kind: 'releases'
      includePrereleases: boolean
      github: GitHubSourceOptions
    }
  | { kind: 'deployments'; github: GitHubSourceOptions }
  | {
      kind: 'workflow-runs'
      workflow: string
      branch: string | undefined
      github: GitHubSourceOptions
    }

interface Options extends BackfillOptions {
  source: SourceOptions
  since: string | undefined
  until: string | undefined
  maxCommits: number
  apiUrl: URL
  apiKey: string | undefined
  dir: string
  json: boolean
  recordCheck: boolean
}

/** Flags that belong to one source: given with another, they would be silently ignored. */
const SOURCE_FLAGS: Record<string, Source> = {
  'tag-pattern': 'tags',
  'include-prereleases': 'releases',
  workflow: 'workflow-runs',
  branch: 'workflow-runs'
}

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/
const WORKFLOW = /^(\d+|[A-Za-z0-9_.-]+\.ya?ml)$/

function parseGitHubOptions(
  values: Values,
  env: NodeJS.ProcessEnv
): GitHubSourceOptions {
  const repository = (
    text(values, 'repository') ??
    env.GITHUB_REPOSITORY ??
    ''
  ).trim()
  if (repository === '')
    throw required(
      '--repository',
      'owner/name of the repository on GitHub (or set GITHUB_REPOSITORY)'
    )
  if (!REPOSITORY.test(repository)) {
    throw invalid(
      '--repository',
      repository,
      'owner/name, e.g. octo-org/octo-repo (default: GITHUB_REPOSITORY)'
    )
  }
  const token = (text(values, 'github-token') ?? env.GITHUB_TOKEN ?? '').trim()
  if (token !== '') addSecret(token)
  if (token === '') {
    throw new InputError(
      '--github-token is required with the GitHub sources: set GITHUB_TOKEN (or pass --github-token) to a token with read access to contents, deployments and actions.'
    )
  }
  return {
    repository,
    token: checkSecret('--github-token', token),
    apiUrl: parseApiUrl(
      '--github-api-url',
      text(values, 'github-api-url') ??
        env.GITHUB_API_URL ??
        'https://api.github.com'
    )
  }
}

function parseSource(values: Values, env: NodeJS.ProcessEnv): SourceOptions {
  const given = text(values, 'source') ?? ''
  if (given.trim() === '')
    throw required(
      '--source',
      `one of ${SOURCES.map((s) => `'${s}'`).join(', ')}`
    )
  const kind = parseEnum('--source', given, SOURCES)
  for (const [flag, owner] of Object.entries(SOURCE_FLAGS)) {
    if (values[flag] !== undefined && owner !== kind)
      throw new InputError(
        `--${flag} applies only to --source ${owner}, not ${kind}.`
      )
  }
  switch (kind) {
    case 'tags': {
      const pattern = parsePattern(
        '--tag-pattern',
        text(values, 'tag-pattern') ?? ''
      )
      if (pattern === undefined)
        throw required(
          '--tag-pattern',
          "with --source tags, a glob such as 'v*'"
        )
      return { kind, pattern }
    }
    case 'releases':
      return {
        kind,
        includePrereleases: values['include-prereleases'] === true,
        github: parseGitHubOptions(values, env)
      }
    case 'deployments':
      return { kind, github: parseGitHubOptions(values, env) }
    case 'workflow-runs': {
      const workflow = (text(values, 'workflow') ?? '').trim()
      if (workflow === '')
        throw required(
          '--workflow',
          'with --source workflow-runs, the workflow file name (e.g. deploy.yml) or its numeric id'
        )
      if (!WORKFLOW.test(workflow)) {
        throw invalid(
          '--workflow',
          workflow,
          'the workflow file name, e.g. deploy.yml, or its numeric id'
        )
      }
      return {
        kind,
        workflow,
        branch: parseRevision('--branch', text(values, 'branch') ?? ''),
        github: parseGitHubOptions(values, env)
      }
    }
  }
}

/** Every flag validated; throws InputError naming the first bad one. */
function parseOptions(values: Values, env: NodeJS.ProcessEnv): Options {
  const environment = parseEnvironment(
    '--environment',
    text(values, 'environment') ?? ''
  )
  const source = parseSource(values, env)
  const dryRun = values['dry-run'] === true
  const apiKey =
    (text(values, 'api-key') ?? env.MULTITUDES_API_KEY)?.trim() || undefined
  if (apiKey !== undefined) addSecret(apiKey)
  if (apiKey === undefined && !dryRun) {
    throw new InputError(
      '--api-key is required: set MULTITUDES_API_KEY (or pass --api-key) to a Multitudes API key with the Deployments write scope; --dry-run plans without one.'
    )
  }
  const apiUrl = parseApiUrl('--api-url', text(values, 'api-url') ?? '')
  const dir =
    parseWorkingDirectory(
      '--working-directory',
      text(values, 'working-directory') ?? '',
      process.cwd()
    ) ?? process.cwd()
  const isTest = values['is-test'] === true
  const repository =
    source.kind === 'tags'
      ? text(values, 'repository')?.trim() ||
        env.GITHUB_REPOSITORY ||
        `checkout ${path.resolve(dir)}`
      : source.github.repository
  return {
    environment,
    target: { apiUrl: apiUrl.href, environment, isTest, repository },
    source,
    since: parseWindow('--since', text(values, 'since')),
    until: parseWindow('--until', text(values, 'until')),
    maxCommits: parseInteger(
      '--max-commits',
      text(values, 'max-commits') ?? '',
      1,
      100_000
    ),
    apiUrl,
    apiKey: apiKey === undefined ? undefined : checkSecret('--api-key', apiKey),
    rate: parseInteger('--rate', text(values, 'rate') ?? '', 1, 100),
    title: parseText('--title', text(values, 'title') ?? '', LIMITS.title),
    tags: parseTags(
      '--tags',
      text(values, 'tags') ?? '',
      LIMITS.tags,
      LIMITS.tag
    ),
    dir,
    onError: parseEnum('--on-error', text(values, 'on-error') ?? '', ON_ERROR),
    stateFile:
      text(values, 'state-file') ??
      defaultStateFile(env, os.homedir(), { repository, environment }),
    isTest,
    recordCheck: parseBoolean(
      '--record-check',
      text(values, 'record-check') ?? ''
    ),
    dryRun,
    json: values.json === true
  }
}

/** The past deployments of the chosen source, in no order. */
async function readSource(
  options: Options,
  git: GitClient,
  log: (text: string) => void
): Promise<PastDeployment[]> {
  const { source, since, until } = options
  if (source.kind === 'tags') return tagDeployments(git, source.pattern)
  transport().check(source.github.apiUrl)
  const github = createGitHubApi({
    token: source.github.token,
    repository: source.github.repository,
    baseUrl: source.github.apiUrl.href.replace(/\/$/, ''),
    bounds: githubBounds(REQUEST.timeoutMs, REQUEST.maxAttempts, {
      totalMs: BACKFILL_GITHUB_MS
    }),
    tokenName: '--github-token',
    log
  })
  switch (source.kind) {
    case 'releases':
      return releaseDeployments(github, git, {
        includePrereleases: source.includePrereleases,
        since
      })
    case 'deployments':
      return githubDeployments(github, options.environment, { since, until })
    case 'workflow-runs':
      return workflowRunDeployments(github, {
        workflow: source.workflow,
        branch: source.branch ?? (await github.defaultBranch()),
        since,
        until
      })
  }
}

export async function backfillCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  cliIo: CliIo,
  log: (text: string) => void
): Promise<number> {
  const print = cliIo.out
  let options: Options
  try {
    const { values, positionals } = readCommandLine(argv, 'backfill')
    if (values.help) return (print(backfillHelpText()), EXIT.ok)
    if (positionals.length > 0)
      throw new UsageError(
        `'backfill' takes flags only, but ${positionals.map((p) => `"${p}"`).join(' ')} was given.`
      )
    options = parseOptions(values, env)
  } catch (error) {
    return usage(cliIo, errorMessage(error), 'backfill')
  }
  let interrupted: NodeJS.Signals | undefined
  const onSignal = (signal: NodeJS.Signals): void => {
    // A second signal does not wait: the record is checked on the next run all the same.
    if (interrupted) process.exit(exitAfter(signal))
    interrupted = signal
    log(
      `${signal}: stopping once the request in flight is settled and recorded in the state file.`
    )
  }
  const io = {
    log,
    sleep: (ms: number) => delay(ms),
    now: Date.now,
    progress: createProgress(process.stderr, log),
    interrupted: () => interrupted
  }
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal)
  try {
    // A proxy that cannot be used is a setting to fix, said before anything is read or sent.
    if (options.apiKey !== undefined) transport().check(options.apiUrl)
    const git = createGitClient(options.dir)
    const past = await readSource(options, git, log)
    const plan = await planBackfill(git, past, options)
    if (plan.length === 0) {
      log(`Backfill failed: ${nothingSelected(options, past.length)}`)
      return EXIT.failed
    }
    const preview = await runBackfill(
      plan,
      { ...options, dryRun: true },
      undefined,
      io
    )
    if (!options.json) print(planTable(preview.deployments))
    const client =
      options.apiKey === undefined || options.dryRun
        ? undefined
        : createMultitudesClient({
            url: options.apiUrl,
            apiKey: options.apiKey,
            ...REQUEST,
            fetch: transport().request,
            proxy: transport().proxyFor(options.apiUrl),
            log
          })
    const freshRecord = () =>
      client && options.recordCheck
        ? createRecord(client, {
            includeTests: options.isTest,
            maxPages: BACKFILL_RECORD_BOUNDS.maxPages,
            maxMs: BACKFILL_RECORD_BOUNDS.maxMs,
            warn: log
          })
        : undefined
    const result = client
      ? await runBackfill(plan, options, client, {
          ...io,
          record: freshRecord(),
          freshRecord
        })
      : preview
    const { stopped, ...shape } = result
    print(
      options.json
        ? jsonText(shape)
        : `backfill: ${result.planned} planned, ${result.posted} posted, ${result.skipped} skipped, ${result.failed} failed`
    )
    if (stopped) log(`Backfill ${stopped}`)
    if (interrupted) {
      log(
        "Run the same command again to resume: what was recorded is skipped (state file and Multitudes' record)."
      )
      return exitAfter(interrupted)
    }
    return stopped || (result.failed > 0 && options.onError === 'fail') ? 1 : 0
  } catch (error) {
    const hint = error instanceof HintedError ? ` ${error.hint}` : ''
    log(`Backfill failed: ${errorMessage(error)}${hint}`)
    return 1
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
  }
}

/** Why a backfill has nothing to send, naming what selected nothing. */
function nothingSelected(options: Options, found: number): string {
  const { source, since, until } = options
  const what =
    source.kind === 'tags'
      ? `--tag-pattern "${source.pattern}" matches no tag in the clone`
      : source.kind === 'releases'
        ? `${options.target.repository} has no published release${source.includePrereleases ? '' : ' (prereleases are left out without --include-prereleases)'}`
        : source.kind === 'deployments'
          ? `${options.target.repository} has no successful GitHub deployment to "${options.environment}"`
          : `--workflow "${source.workflow}" has no successful run${source.branch ? ` on --branch "${source.branch}"` : ''}`
  const window = [
    since && `--since ${since}`,
    until && `--until ${until}`
  ].filter(Boolean)
  return found === 0
    ? `${what}. Nothing was sent.`
    : `${window.join(' ')} selects none of the ${plural(found, 'deployment')} found. Nothing was sent.`
}

/** The exit code after a signal, as a shell reports it (128 + the signal's number). */
const exitAfter = (signal: NodeJS.Signals): number =>
  signal === 'SIGTERM' ? 143 : 130

/**
 * How much of Multitudes' record a backfill reads before its first POST: every deployment it may
 * send again is looked up there.
 */
export const BACKFILL_RECORD_BOUNDS = { maxPages: 100, maxMs: 60_000 }

/** Each request of a backfill, to Multitudes and to GitHub: the action's defaults. */
const REQUEST = { timeoutMs: 30_000, maxAttempts: 4 }

/** All of a backfill's GitHub calls: a source of thousands of deployments reads many pages. */
export const BACKFILL_GITHUB_MS = 10 * 60_000
