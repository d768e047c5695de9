/** The backfill command's flags, read and checked: nothing is planned on bad input. */
import path from 'node:path'
import os from 'node:os'
import { InputError } from '../errors.js'
import {
  invalid,
  required,
  parseBoolean,
  parseDeployedAt,
  parseEnum,
  parseInteger
} from '../input-parsers.js'
import {
  checkSecret,
  parseApiUrl,
  parseEnvironment,
  parsePattern,
  parseRevision,
  parseTags,
  parseText,
  parseWorkingDirectory
} from '../input-text.js'
import { LIMITS, ON_ERROR } from '../inputs.js'
import { type CommandLine } from './args.js'
import { FLAGS } from './flags.js'
import { defaultStateFile } from '../backfill/state.js'
import { type BackfillOptions } from '../backfill/run.js'
import { addSecret } from '../untrusted.js'

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

export interface Options extends BackfillOptions {
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
export function parseOptions(values: Values, env: NodeJS.ProcessEnv): Options {
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
