/**
 * The CLI's flags, both commands', in one table: parsing, --help and the check that every action
 * input has a flag all read it. Longer than 200 lines on purpose, and flagTable() longer than 40:
 * one row a flag, in --help's order; split, a flag's parts would live in two files.
 */
import { ACTION_INPUTS } from '../interface.generated.js'
import {
  COMMIT_SOURCES,
  DEFAULTS,
  FIRST_DEPLOYMENT,
  ON_ERROR,
  STRATEGIES
} from '../input-values.js'

export type Command = 'report' | 'backfill'

export interface Flag {
  /** A switch is present or absent; it takes no value. */
  switch?: true
  /** Given more than once, every value is kept, in order; any other flag may be given once. */
  multiple?: true
  /** The value's placeholder in --help. */
  value?: string
  commands: readonly Command[]
  /** --help's text, in words that hold on every CI; an action input defaults to action.yml's. */
  help?: string
  /** What --help says of it under backfill, where that differs. */
  backfill?: string
  default?: string
  /** Allowed values, listed by --help. */
  oneOf?: readonly string[]
}

const BOTH = ['report', 'backfill'] as const
const REPORT = ['report'] as const
const BACKFILL = ['backfill'] as const

/**
 * Every flag of both commands, once. A test keeps the action's inputs in it. Made on each call
 * (a few microseconds), not once at load: a table built at load is out of mutation testing's
 * reach (docs/testing.md).
 */
export function flagTable(): Readonly<Record<string, Flag>> {
  return {
    environment: {
      value: '<name>',
      commands: BOTH,
      help: 'Required. The environment deployed to, sent as environmentName.'
    },
    'api-key': {
      value: '<key>',
      commands: BOTH,
      help: 'Multitudes API key with the Deployments write scope (an Organization key). Default: $MULTITUDES_API_KEY, which keeps it out of the process list. Not needed with --dry-run.'
    },
    strategy: {
      value: '<name>',
      commands: REPORT,
      default: DEFAULTS.strategy,
      oneOf: STRATEGIES
    },
    base: { value: '<commit>', commands: REPORT },
    head: {
      value: '<commit>',
      commands: REPORT,
      help: "The commit deployed: a SHA, branch or tag. Default: the CI's commit variable (see the README's CI table), else HEAD of the clone."
    },
    'tag-pattern': {
      value: '<glob>',
      commands: BOTH,
      help: "Glob of tags for --strategy tag, e.g. 'v*'.",
      backfill:
        "Required with --source tags: the tags that were deployments, e.g. 'v*'."
    },
    'commit-source': {
      value: '<source>',
      commands: REPORT,
      default: DEFAULTS['commit-source'],
      oneOf: COMMIT_SOURCES,
      help: 'Where commits come from: git (the clone), api (the GitHub compare API, no clone needed) or auto (the clone when it holds the range).'
    },
    paths: {
      value: '<pathspec>',
      multiple: true,
      commands: REPORT,
      help: 'Monorepos: a git pathspec; give it once for each. Only commits that touch them are sent (head always is). Needs the git source.'
    },
    'max-commits': {
      value: '<n>',
      commands: BOTH,
      default: DEFAULTS['max-commits']
    },
    'first-deployment': {
      value: '<mode>',
      commands: REPORT,
      help: 'When no base exists: head sends only head; fail exits 1. Never the whole history.',
      default: DEFAULTS['first-deployment'],
      oneOf: FIRST_DEPLOYMENT
    },
    'is-test': { switch: true, commands: BOTH },
    'deployed-at': {
      value: '<time>',
      commands: REPORT,
      help: 'ISO 8601 time of the deployment with a zone, e.g. 2026-01-31T12:00:00Z. Default: now.'
    },
    title: { value: '<text>', commands: BOTH },
    tags: { value: '<list>', commands: BOTH },
    'dry-run': {
      switch: true,
      commands: BOTH,
      help: 'Do everything but the POST, and print what would be sent.',
      backfill: 'Plan only: print the plan, send nothing.'
    },
    'on-error': {
      value: '<mode>',
      commands: BOTH,
      default: DEFAULTS['on-error'],
      oneOf: ON_ERROR,
      help: 'fail: any error exits 1; warn: never exits 1; warn-on-outage: exits 1 on errors to fix (bad flags, 400, 401, 403) and 0 with a warning when Multitudes stays unreachable or answers 5xx.'
    },
    'api-url': {
      value: '<url>',
      commands: BOTH,
      default: DEFAULTS['api-url']
    },
    'github-token': {
      value: '<token>',
      commands: BOTH,
      help: 'Token for the GitHub API (previous deployments, compare). Default: $GITHUB_TOKEN.',
      backfill:
        'For the GitHub sources, with read access to contents, deployments and actions. Default: $GITHUB_TOKEN.'
    },
    verify: { switch: true, commands: REPORT },
    'record-check': {
      value: '<bool>',
      commands: BOTH,
      default: DEFAULTS['record-check'],
      backfill:
        "Default true: before the first POST, read Multitudes' record (up to 10,000 deployments, 60 s) and skip what it already holds; false sends no GET and trusts the state file alone."
    },
    'timeout-seconds': {
      value: '<n>',
      commands: REPORT,
      default: DEFAULTS['timeout-seconds']
    },
    'max-attempts': {
      value: '<n>',
      commands: REPORT,
      default: DEFAULTS['max-attempts']
    },
    'working-directory': {
      value: '<dir>',
      commands: BOTH,
      help: 'The clone of the repository. Default: the current directory.'
    },
    repository: {
      value: '<owner/name>',
      commands: BOTH,
      help: "The repository, for the GitHub API and the output. Default: the CI's repository variable (see the README's CI table)."
    },
    source: {
      value: '<source>',
      commands: BACKFILL,
      oneOf: ['tags', 'releases', 'deployments', 'workflow-runs'],
      help: 'Required. Where the past deployments come from: one of the sources above.'
    },
    workflow: {
      value: '<file or id>',
      commands: BACKFILL,
      help: 'Required with --source workflow-runs, e.g. deploy.yml.'
    },
    branch: {
      value: '<name>',
      commands: BACKFILL,
      help: "With --source workflow-runs. Default: the repository's default branch."
    },
    'include-prereleases': {
      switch: true,
      commands: BACKFILL,
      help: 'With --source releases: count prereleases too.'
    },
    since: {
      value: '<date>',
      commands: BACKFILL,
      help: 'The start of the window (ISO 8601: 2026-01-31 or 2026-01-31T12:00:00Z). A bare date is a whole UTC day.'
    },
    until: {
      value: '<date>',
      commands: BACKFILL,
      help: 'The end of the window, included; a bare date takes in its whole UTC day.'
    },
    'state-file': {
      value: '<path>',
      commands: BACKFILL,
      help: 'Where posted deployments are recorded, so that a re-run resumes. Default: a file per repository and environment in $XDG_STATE_HOME/multitudes-deployment-action (~/.local/state/… when unset; $RUNNER_TEMP in GitHub Actions), never in the clone.'
    },
    rate: {
      value: '<n>',
      commands: BACKFILL,
      default: '5',
      help: 'Multitudes requests per second at most.'
    },
    'github-api-url': {
      value: '<url>',
      commands: BACKFILL,
      help: 'Default: $GITHUB_API_URL, else https://api.github.com.'
    },
    json: {
      switch: true,
      commands: BOTH,
      help: 'Print the result as JSON on stdout (see the README); logs stay on stderr.'
    },
    help: { switch: true, commands: BOTH, help: 'Show this help.' },
    version: { switch: true, commands: REPORT, help: 'Show the version.' }
  }
}

/** A flag's --help text for a command: its own, else the action input's description. */
export function flagHelp(name: string, command: Command): string {
  const flag = flagTable()[name]
  const text =
    (command === 'backfill' ? flag.backfill : undefined) ??
    flag.help ??
    ACTION_INPUTS.find((input) => input.name === name)?.description ??
    ''
  const extra: string[] = []
  if (flag.default !== undefined && !text.includes('Default'))
    extra.push(`Default: ${flag.default}.`)
  if (flag.oneOf && !text.includes('one of'))
    extra.push(`One of: ${flag.oneOf.join(', ')}.`)
  if (flag.switch) extra.push('A switch: give it without a value.')
  return [text, ...extra].join(' ')
}

/** The flags of one command, by name. */
export function flagsOf(command: Command): string[] {
  return Object.entries(flagTable())
    .filter(([, flag]) => flag.commands.includes(command))
    .map(([name]) => name)
}
