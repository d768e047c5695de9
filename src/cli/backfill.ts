import { plural } from '../plural.js'
import { setTimeout as delay } from 'node:timers/promises'
import { errorMessage, HintedError } from '../errors.js'
import { createGitClient, type GitClient } from '../git/client.js'
import { createGitHubApi } from '../github/api.js'
import { githubBounds } from '../github/bounds.js'
import { transport } from '../http.js'
import { createMultitudesClient } from '../multitudes-client.js'
import { createRecord } from '../record/reader.js'
import { EXIT, usage, type CliIo } from './io.js'
import { readCommandLine, UsageError } from './args.js'
import { backfillHelpText } from './help.js'
import { parseOptions, type Options } from './backfill-options.js'
import { planBackfill } from '../backfill/plan.js'
import { createProgress } from '../backfill/progress.js'
import { planTable } from '../backfill/plan-table.js'
import { runBackfill } from '../backfill/run.js'
import { jsonText } from '../untrusted.js'
import { tagDeployments, type PastDeployment } from '../backfill/sources.js'
import {
  githubDeployments,
  releaseDeployments
} from '../backfill/github-sources.js'
import { workflowRunDeployments } from '../backfill/run-sources.js'

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
