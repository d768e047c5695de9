import path from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { errorMessage, HintedError, InputError } from '../errors.js'
import { createGitClient, type GitClient } from '../git.js'
import { createGitHubApi } from '../github-api.js'
import { githubBounds } from '../github-transport.js'
import { transport } from '../http.js'
import {
  checkSecret,
  invalid,
  parseApiUrl,
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
import { DEFAULTS, LIMITS, ON_ERROR } from '../inputs.js'
import { createMultitudesClient } from '../multitudes-client.js'
import { createRecord } from '../record/reader.js'
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

export const BACKFILL_HELP = `Usage: multitudes-deployment-action backfill --environment <name> --source <source> [options]

Reconstructs past production deployments and reports them, oldest first, with the commits each
one shipped (git rev-list previous..this, under the live run's rules). Run it from a clone with
full history and tags. A re-run skips what the state file or Multitudes' record says was
posted; Ctrl-C stops after the request in flight (exit 130), and the same command resumes.

Sources:
  tags                     Tags matching --tag-pattern, at the tagger date (annotated) or the
                           committer date (lightweight).
  releases                 Published GitHub releases at published_at (drafts never; prereleases
                           with --include-prereleases), at their tag's commit.
  deployments              GitHub deployments to --environment that reached success, at that
                           status's time.
  workflow-runs            Successful runs of --workflow on --branch at their updated_at: what
                           Multitudes' GitHub Actions integration counted.

  --environment <name>     Required. The environment the deployments went to.
  --source <source>        Required. One of the sources above.
  --tag-pattern <glob>     Required with --source tags, e.g. 'v*'.
  --workflow <file or id>  Required with --source workflow-runs, e.g. deploy.yml.
  --branch <name>          With workflow-runs. Default: the repository's default branch.
  --include-prereleases    With releases: count prereleases too.
  --since, --until <date>  The time window (ISO 8601: 2026-01-31 or 2026-01-31T12:00:00Z). A
                           bare date is a whole UTC day, included at both ends.
  --dry-run                Plan only: print the plan, send nothing.
  --json                   Print the result as JSON.
  --state-file <path>      Default .multitudes-backfill.jsonl.
  --rate <n>               Multitudes requests per second at most. Default 5.
  --repository <owner/name>  For the GitHub sources. Default: GITHUB_REPOSITORY.
  --github-token <token>   For the GitHub sources (or GITHUB_TOKEN): contents, deployments and
                           actions read access.
  --github-api-url <url>   Default: GITHUB_API_URL, else https://api.github.com.
  --max-commits <n>, --api-url <url>, --api-key <key> (or MULTITUDES_API_KEY), --is-test,
  --title <text>, --tags <list>, --working-directory <dir>, --on-error <mode>
                           As for report.
  --record-check <bool>    Default true: before the first POST, read Multitudes' record (up to
                           10,000 deployments, 60 s) and skip what it already holds; false
                           sends no GET and trusts the state file alone.

Exit codes: 0 done; 1 stopped or failed; 2 bad usage or input (nothing was sent).`

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

const FLAGS = {
  environment: { type: 'string' },
  source: { type: 'string' },
  'tag-pattern': { type: 'string' },
  workflow: { type: 'string' },
  branch: { type: 'string' },
  'include-prereleases': { type: 'boolean' },
  repository: { type: 'string' },
  'github-token': { type: 'string' },
  'github-api-url': { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  'state-file': { type: 'string', default: '.multitudes-backfill.jsonl' },
  rate: { type: 'string', default: '5' },
  'max-commits': { type: 'string', default: DEFAULTS['max-commits'] },
  'api-url': { type: 'string', default: DEFAULTS['api-url'] },
  'api-key': { type: 'string' },
  'is-test': { type: 'boolean' },
  title: { type: 'string' },
  tags: { type: 'string', default: '' },
  'working-directory': { type: 'string', default: '' },
  'on-error': { type: 'string', default: 'fail' },
  'record-check': { type: 'string', default: 'true' },
  help: { type: 'boolean' }
} as const

type Flags = ReturnType<typeof parseArgs<{ options: typeof FLAGS }>>['values']

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
  values: Flags,
  env: NodeJS.ProcessEnv
): GitHubSourceOptions {
  const repository = (values.repository ?? env.GITHUB_REPOSITORY ?? '').trim()
  if (!REPOSITORY.test(repository)) {
    throw invalid(
      '--repository',
      repository,
      'owner/name, e.g. octo-org/octo-repo (default: GITHUB_REPOSITORY)'
    )
  }
  const token = (values['github-token'] ?? env.GITHUB_TOKEN ?? '').trim()
  if (token !== '') addSecret(token)
  if (token === '') {
    throw new InputError(
      '--github-token is empty and GITHUB_TOKEN is not set. The GitHub sources read the repository through the API: give a token with read access to contents, deployments and actions.'
    )
  }
  return {
    repository,
    token: checkSecret('--github-token', token),
    apiUrl: parseApiUrl(
      '--github-api-url',
      values['github-api-url'] ?? env.GITHUB_API_URL ?? 'https://api.github.com'
    )
  }
}

function parseSource(values: Flags, env: NodeJS.ProcessEnv): SourceOptions {
  const kind = parseEnum('--source', values.source ?? '', SOURCES)
  for (const [flag, owner] of Object.entries(SOURCE_FLAGS)) {
    if (values[flag as keyof Flags] !== undefined && owner !== kind)
      throw new InputError(
        `--${flag} applies only to --source ${owner}, not ${kind}.`
      )
  }
  switch (kind) {
    case 'tags': {
      const pattern = parsePattern('--tag-pattern', values['tag-pattern'] ?? '')
      if (pattern === undefined)
        throw invalid('--tag-pattern', '', "a glob such as 'v*'")
      return { kind, pattern }
    }
    case 'releases':
      return {
        kind,
        includePrereleases: values['include-prereleases'] ?? false,
        github: parseGitHubOptions(values, env)
      }
    case 'deployments':
      return { kind, github: parseGitHubOptions(values, env) }
    case 'workflow-runs': {
      const workflow = (values.workflow ?? '').trim()
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
        branch: parseRevision('--branch', values.branch ?? ''),
        github: parseGitHubOptions(values, env)
      }
    }
  }
}

/** Every flag validated; throws InputError naming the first bad one. */
function parseOptions(values: Flags, env: NodeJS.ProcessEnv): Options {
  const source = parseSource(values, env)
  const dryRun = values['dry-run'] ?? false
  const apiKey =
    (values['api-key'] ?? env.MULTITUDES_API_KEY)?.trim() || undefined
  if (apiKey !== undefined) addSecret(apiKey)
  if (apiKey === undefined && !dryRun) {
    throw new InputError(
      '--api-key is empty and MULTITUDES_API_KEY is not set. Set one, or use --dry-run to plan only.'
    )
  }
  const environment = parseEnvironment(
    '--environment',
    values.environment ?? ''
  )
  const apiUrl = parseApiUrl('--api-url', values['api-url'])
  const dir =
    parseWorkingDirectory(
      '--working-directory',
      values['working-directory'],
      process.cwd()
    ) ?? process.cwd()
  const isTest = values['is-test'] ?? false
  const repository =
    source.kind === 'tags'
      ? values.repository?.trim() ||
        env.GITHUB_REPOSITORY ||
        `checkout ${path.resolve(dir)}`
      : source.github.repository
  return {
    environment,
    target: { apiUrl: apiUrl.href, environment, isTest, repository },
    source,
    since: parseWindow('--since', values.since),
    until: parseWindow('--until', values.until),
    maxCommits: parseInteger(
      '--max-commits',
      values['max-commits'],
      1,
      100_000
    ),
    apiUrl,
    apiKey: apiKey === undefined ? undefined : checkSecret('--api-key', apiKey),
    rate: parseInteger('--rate', values.rate, 1, 100),
    title: parseText('--title', values.title ?? '', LIMITS.title),
    tags: parseTags('--tags', values.tags, LIMITS.tags, LIMITS.tag),
    dir,
    onError: parseEnum('--on-error', values['on-error'], ON_ERROR),
    stateFile: values['state-file'],
    isTest,
    recordCheck: parseBoolean('--record-check', values['record-check']),
    dryRun,
    json: values.json ?? false
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
  print: (text: string) => void,
  log: (text: string) => void
): Promise<number> {
  let options: Options
  try {
    const { values } = parseArgs({ args: argv, options: FLAGS })
    if (values.help) return (print(BACKFILL_HELP), 0)
    options = parseOptions(values, env)
  } catch (error) {
    print(
      `${errorMessage(error)} Nothing was sent.\nRun 'multitudes-deployment-action backfill --help' for every flag.`
    )
    return 2
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
            fetch: transport().fetch,
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
