import { ACTION_INPUTS } from '../interface.generated.js'
import {
  COMMIT_SOURCES,
  FIRST_DEPLOYMENT,
  ON_ERROR,
  STRATEGIES
} from '../inputs.js'
import { ACTION_NAME } from '../version.js'

/** Inputs that are switches on the command line: present means true. */
export const SWITCHES = new Set(['is-test', 'dry-run', 'verify'])

/** Flags of the CLI's own, beside the action's inputs. */
export const CLI_FLAGS = {
  repository:
    'GitHub repository (owner/name), for previous deployments and compare; default GITHUB_REPOSITORY.',
  json: 'Print the result as JSON: the action outputs, typed (see the README).',
  help: 'Show this help.',
  version: 'Show the version.'
} as const

const ALLOWED: Record<string, readonly string[]> = {
  strategy: STRATEGIES,
  'commit-source': COMMIT_SOURCES,
  'on-error': ON_ERROR,
  'first-deployment': FIRST_DEPLOYMENT
}

/** Defaults as a CLI user meets them (the action's token default is GITHUB_TOKEN here). */
function defaultText(name: string, value: string): string | undefined {
  if (name === 'github-token') return '$GITHUB_TOKEN'
  if (name === 'api-key') return '$MULTITUDES_API_KEY'
  if (SWITCHES.has(name)) return undefined
  return value === '' ? undefined : value
}

function wrap(text: string, indent: number, width = 100): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  lines.push(line)
  return lines.join(`\n${' '.repeat(indent)}`)
}

function describe(
  flag: string,
  description: string,
  extra: string[] = []
): string {
  const head = `  ${flag}`
  const text = [description, ...extra].join(' ')
  return `${head}\n${' '.repeat(6)}${wrap(text, 6)}`
}

/** `--help`: every flag with its description, default and allowed values, from action.yml. */
export function helpText(): string {
  const inputs = ACTION_INPUTS.map((input) => {
    const flag = `--${input.name}${SWITCHES.has(input.name) ? '' : ' <value>'}`
    const extra: string[] = []
    if (input.required) extra.push('Required.')
    const fallback = defaultText(input.name, input.default)
    if (fallback) extra.push(`Default: ${fallback}.`)
    if (ALLOWED[input.name])
      extra.push(`One of: ${ALLOWED[input.name].join(', ')}.`)
    if (SWITCHES.has(input.name))
      extra.push('A switch: give it without a value.')
    return describe(flag, input.description, extra)
  })
  const own = Object.entries(CLI_FLAGS).map(([name, text]) =>
    describe(`--${name}${name === 'repository' ? ' <owner/name>' : ''}`, text)
  )
  return `Usage: ${ACTION_NAME} report --environment <name> [options]

Reports a deployment to Multitudes with the commits it shipped, from any CI system.
The key comes from --api-key or MULTITUDES_API_KEY; the commit from --head or the CI's
variables (GITHUB_SHA, CI_COMMIT_SHA, BUILDKITE_COMMIT, CIRCLE_SHA1, GIT_COMMIT), else HEAD.
Base, with --strategy auto: --base, else the previous deployment (GitHub), else the newest
deployment of this repository in Multitudes' record, else the CI's previous commit
(CI_COMMIT_BEFORE_SHA, GIT_PREVIOUS_SUCCESSFUL_COMMIT), else none. Before the POST, the
record is read, and a deployment it already holds is not sent again.

Options:
${inputs.join('\n')}
${own.join('\n')}

The second command, backfill, reports past deployments: see '${ACTION_NAME} backfill --help'.

Exit codes: 0 reported (or dry run, or a failure that --on-error says to warn about);
1 not reported; 2 bad usage or input (nothing was sent).`
}
