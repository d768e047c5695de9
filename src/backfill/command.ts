import { setTimeout as delay } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { errorMessage, InputError } from '../errors.js'
import { createGitClient } from '../git.js'
import { transport } from '../http.js'
import {
  invalid,
  parseApiUrl,
  parseDeployedAt,
  parseEnum,
  parseEnvironment,
  parseInteger,
  parsePattern,
  parseTags,
  parseText,
  parseWorkingDirectory
} from '../input-parsers.js'
import { DEFAULTS, LIMITS, ON_ERROR } from '../inputs.js'
import { createMultitudesClient } from '../multitudes-client.js'
import { planBackfill } from './plan.js'
import { planTable, runBackfill, type BackfillOptions } from './run.js'
import { tagDeployments } from './sources.js'

/** Sources named by the interface; only `tags` is built so far. */
const SOURCES = ['tags', 'releases', 'deployments', 'workflow-runs'] as const
const BUILT = new Set(['tags'])

export const BACKFILL_HELP = `Usage: multitudes-deployment-action backfill --environment <name> --source tags --tag-pattern <glob> [options]

Reconstructs past production deployments and reports them, oldest first, with the commits each
one shipped (git rev-list previous..this, under the live run's rules). Run it from a clone with
full history. A re-run skips what the state file says was posted.

  --environment <name>     Required. The environment the deployments went to.
  --source <source>        Required. tags (releases, deployments and workflow-runs: not yet).
  --tag-pattern <glob>     Required with --source tags, e.g. 'v*'.
  --since, --until <date>  The time window (ISO 8601: 2026-01-31 or 2026-01-31T12:00:00Z).
  --dry-run                Plan only: print the plan, send nothing.
  --json                   Print the result as JSON.
  --state-file <path>      Default .multitudes-backfill.jsonl.
  --rate <n>               Multitudes requests per second at most. Default 5.
  --max-commits <n>, --api-url <url>, --api-key <key> (or MULTITUDES_API_KEY), --is-test,
  --title <text>, --tags <list>, --working-directory <dir>, --on-error <mode>
                           As for report.

Exit codes: 0 done; 1 stopped or failed; 2 bad usage or input (nothing was sent).`

/** A date, or a date-time with a zone, as UTC ISO 8601 (a bare date is midnight UTC). */
function parseWindow(
  name: string,
  raw: string | undefined
): string | undefined {
  if (raw === undefined) return undefined
  const value = /^\d{4}-\d{2}-\d{2}$/.test(raw.trim())
    ? `${raw.trim()}T00:00:00Z`
    : raw
  return parseDeployedAt(name, value)
}

const FLAGS = {
  environment: { type: 'string' },
  source: { type: 'string' },
  'tag-pattern': { type: 'string' },
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
  help: { type: 'boolean' }
} as const

type Flags = ReturnType<typeof parseArgs<{ options: typeof FLAGS }>>['values']

interface Options extends BackfillOptions {
  pattern: string
  since: string | undefined
  until: string | undefined
  maxCommits: number
  apiUrl: URL
  apiKey: string | undefined
  dir: string
  json: boolean
}

/** Every flag validated; throws InputError naming the first bad one. */
function parseOptions(values: Flags, env: NodeJS.ProcessEnv): Options {
  const source = parseEnum('--source', values.source ?? '', SOURCES)
  if (!BUILT.has(source)) {
    throw new InputError(
      `--source ${source} is not available yet. Expected --source tags (with --tag-pattern).`
    )
  }
  const pattern = parsePattern('--tag-pattern', values['tag-pattern'] ?? '')
  if (pattern === undefined)
    throw invalid('--tag-pattern', '', "a glob such as 'v*'")
  const dryRun = values['dry-run'] ?? false
  const apiKey =
    (values['api-key'] ?? env.MULTITUDES_API_KEY)?.trim() || undefined
  if (apiKey === undefined && !dryRun) {
    throw new InputError(
      '--api-key is empty and MULTITUDES_API_KEY is not set. Set one, or use --dry-run to plan only.'
    )
  }
  return {
    environment: parseEnvironment('--environment', values.environment ?? ''),
    pattern,
    since: parseWindow('--since', values.since),
    until: parseWindow('--until', values.until),
    maxCommits: parseInteger(
      '--max-commits',
      values['max-commits'],
      1,
      100_000
    ),
    apiUrl: parseApiUrl('--api-url', values['api-url']),
    apiKey,
    rate: parseInteger('--rate', values.rate, 1, 100),
    title: parseText('--title', values.title ?? '', LIMITS.title),
    tags: parseTags('--tags', values.tags, LIMITS.tags, LIMITS.tag),
    dir:
      parseWorkingDirectory(
        '--working-directory',
        values['working-directory'],
        process.cwd()
      ) ?? process.cwd(),
    onError: parseEnum('--on-error', values['on-error'], ON_ERROR),
    stateFile: values['state-file'],
    isTest: values['is-test'] ?? false,
    dryRun,
    json: values.json ?? false
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
  const io = { log, sleep: (ms: number) => delay(ms), now: Date.now }
  try {
    const git = createGitClient(options.dir)
    const past = await tagDeployments(git, options.pattern)
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
            timeoutMs: 30_000,
            maxAttempts: 4,
            fetch: transport().fetch,
            proxy: transport().proxyFor(options.apiUrl),
            log
          })
    const result = client
      ? await runBackfill(plan, options, client, io)
      : preview
    const { stopped, ...shape } = result
    print(
      options.json
        ? JSON.stringify(shape, null, 2)
        : `backfill: ${result.planned} planned, ${result.posted} posted, ${result.skipped} skipped, ${result.failed} failed`
    )
    if (stopped) log(`Backfill ${stopped}`)
    return stopped || (result.failed > 0 && options.onError === 'fail') ? 1 : 0
  } catch (error) {
    log(`Backfill failed: ${errorMessage(error)}`)
    return 1
  }
}
