/** Where the backfill's past deployments come from (`--source`), with what each source needs. */
import { InputError } from '../errors.js'
import { invalid, required, parseEnum } from '../input-parsers.js'
import {
  checkSecret,
  parseApiUrl,
  parsePattern,
  parseRevision
} from '../input-text.js'
import { type CommandLine } from './args.js'
import { flagTable } from './flags.js'
import { addSecret } from '../untrusted.js'

const SOURCES = ['tags', 'releases', 'deployments', 'workflow-runs'] as const
type Source = (typeof SOURCES)[number]

export type Values = CommandLine['values']

/** A flag's value, else its default from the flag table. */
export const text = (values: Values, name: string): string | undefined => {
  const value = values[name]
  return typeof value === 'string' ? value : flagTable()[name].default
}

interface GitHubSourceOptions {
  repository: string
  token: string
  apiUrl: URL
}

/** Where the past deployments come from, with what each source needs. */
export type SourceOptions =
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

export function parseSource(
  values: Values,
  env: NodeJS.ProcessEnv
): SourceOptions {
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
    case 'tags':
      return { kind, pattern: tagPattern(values) }
    case 'releases':
      return {
        kind,
        includePrereleases: values['include-prereleases'] === true,
        github: parseGitHubOptions(values, env)
      }
    case 'deployments':
      return { kind, github: parseGitHubOptions(values, env) }
    case 'workflow-runs':
      return {
        kind,
        workflow: workflowOf(values),
        branch: parseRevision('--branch', text(values, 'branch') ?? ''),
        github: parseGitHubOptions(values, env)
      }
  }
}

function tagPattern(values: Values): string {
  const pattern = parsePattern(
    '--tag-pattern',
    text(values, 'tag-pattern') ?? ''
  )
  if (pattern === undefined)
    throw required('--tag-pattern', "with --source tags, a glob such as 'v*'")
  return pattern
}

function workflowOf(values: Values): string {
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
  return workflow
}
