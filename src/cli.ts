import { jsonText, say } from './untrusted.js'
import { parseArgs } from 'node:util'
import { pushBase, type RunContext } from './context.js'
import { errorMessage } from './errors.js'
import { FULL_SHA, invalid, parseRevision } from './input-parsers.js'
import { createDeps } from './deps.js'
import { execute } from './execute.js'
import { INPUTS } from './inputs.js'
import { outputValues } from './outputs.js'
import { ACTION_NAME, ACTION_VERSION } from './version.js'
import { CLI_FLAGS, helpText, SWITCHES } from './cli/help.js'
import { typedOutputs } from './cli/json.js'
import { cliWords } from './cli/words.js'
import { backfillCommand } from './backfill/command.js'

/** Exit codes, as documented in the README. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

const FLAGS = Object.values(INPUTS)

export const HELP = helpText()

/** The first of `names` that is set, as [name, value]. */
const first = (
  env: NodeJS.ProcessEnv,
  names: string[]
): [string, string] | undefined =>
  names
    .map((n): [string, string | undefined] => [n, env[n]])
    .find((e): e is [string, string] => e[1] !== undefined && e[1] !== '')

/** A CI variable that names a commit, validated like an input (it reaches git as a revision). */
function commitVariable(
  env: NodeJS.ProcessEnv,
  names: string[],
  shaOnly: boolean
): string | undefined {
  const found = first(env, names)
  if (found === undefined) return undefined
  const [name, raw] = found
  const value = raw.trim()
  if (shaOnly && !FULL_SHA.test(value)) {
    throw invalid(name, raw, 'a full commit SHA')
  }
  return parseRevision(name, value)
}

/** Where the CLI runs: a RunContext from the CI system's variables. */
export function cliContext(
  env: NodeJS.ProcessEnv,
  repository?: string
): RunContext {
  const before = commitVariable(
    env,
    ['CI_COMMIT_BEFORE_SHA', 'GIT_PREVIOUS_SUCCESSFUL_COMMIT'],
    true
  )
  const shaVariables = [
    'GITHUB_SHA',
    'CI_COMMIT_SHA',
    'BUILDKITE_COMMIT',
    'CIRCLE_SHA1',
    'GIT_COMMIT'
  ]
  const sha = commitVariable(env, shaVariables, false)
  return {
    eventName: before ? 'push' : 'cli',
    sha: sha ?? 'HEAD',
    shaVariable: sha === undefined ? undefined : first(env, shaVariables)?.[0],
    ref: '',
    repository: repository ?? first(env, ['GITHUB_REPOSITORY'])?.[1],
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    runId: Number(env.GITHUB_RUN_ID ?? 0),
    eventHead: undefined,
    eventWarning: undefined,
    pushBefore: pushBase(before),
    deletedRef: false,
    headFromCheckout: false,
    notDeployed: undefined,
    eventEnvironment: undefined,
    eventDeploymentId: undefined,
    ownRunIds: env.GITHUB_RUN_ID ? [Number(env.GITHUB_RUN_ID)] : [],
    eventTime: undefined
  }
}

/** Turns workflow commands (::warning:: …) into plain lines for other CI systems' logs. */
export function plainLog(line: string, verbose: boolean): string | undefined {
  const m = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
  if (!m) return line
  const [, command, text] = m
  if (command === 'add-mask' || command === 'endgroup') return undefined
  if (command === 'debug') return verbose ? `debug: ${text}` : undefined
  if (command === 'group') return `== ${text}`
  return `${command}: ${text}`
}

/** A usage error: names the flag, points at --help, exit 2. */
function usage(print: (text: string) => void, message: string): number {
  print(`${message}\nRun '${ACTION_NAME} --help' for every flag.`)
  return EXIT.usage
}

export async function cli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  print: (text: string) => void
): Promise<number> {
  if (argv[0] === 'backfill')
    return backfillCommand(argv.slice(1), env, print, (line) => say.info(line))
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      tokens: true,
      options: {
        ...Object.fromEntries(
          FLAGS.map((f) => [
            f,
            {
              type: SWITCHES.has(f)
                ? ('boolean' as const)
                : ('string' as const),
              multiple: f === 'paths'
            }
          ])
        ),
        ...Object.fromEntries(
          Object.keys(CLI_FLAGS).map((f) => [
            f,
            {
              type:
                f === 'repository' ? ('string' as const) : ('boolean' as const)
            }
          ])
        )
      }
    })
  } catch (error) {
    return usage(print, errorMessage(error))
  }
  const { values, positionals, tokens } = parsed
  if (values.help) return (print(HELP), EXIT.ok)
  if (values.version)
    return (print(`${ACTION_NAME} ${ACTION_VERSION}`), EXIT.ok)
  // `--is-test false` reads as a switch and a stray word: say which flag took no value.
  for (const [i, token] of tokens.entries()) {
    const next = tokens[i + 1]
    if (
      token.kind === 'option' &&
      (SWITCHES.has(token.name) || token.name === 'json') &&
      next?.kind === 'positional'
    ) {
      return usage(
        print,
        `--${token.name} is a switch and takes no value, but "${next.value}" follows it. Write --${token.name} to turn it on, or leave it out.`
      )
    }
  }
  if (positionals.length !== 1 || positionals[0] !== 'report') {
    return usage(
      print,
      positionals.length === 0
        ? "Expected the command 'report'."
        : `Expected the command 'report', got ${positionals.map((p) => `"${p}"`).join(' ')}.`
    )
  }
  const flags = values as Record<
    string,
    string | string[] | boolean | undefined
  >
  const read = (name: string): string => {
    const value = flags[name]
    if (name === INPUTS.githubToken && value === undefined)
      return env.GITHUB_TOKEN ?? ''
    return Array.isArray(value)
      ? value.join('\n')
      : value === undefined
        ? ''
        : String(value)
  }
  let ctx: RunContext
  try {
    ctx = cliContext(
      env,
      typeof flags.repository === 'string' ? flags.repository : undefined
    )
  } catch (error) {
    return usage(print, cliWords(`${errorMessage(error)} Nothing was sent.`))
  }
  const { report, failMessage } = await execute(
    read,
    env,
    ctx,
    createDeps,
    () => new Date()
  )
  const outputs = outputValues(report)
  if (flags.json) print(jsonText(typedOutputs(outputs)))
  else if (failMessage === undefined) {
    const verb = report.post
      ? 'Reported'
      : report.dryRun
        ? 'Dry run: would send'
        : 'Not reported:'
    print(
      `${verb} ${outputs['commit-count']} commit(s) to ${report.environment ?? ''} (${outputs['range-status'] || 'no range'}).`
    )
    if (report.dryRun && report.payload) print(jsonText(report.payload))
  }
  if (failMessage !== undefined) say.error(cliWords(failMessage))
  if (failMessage === undefined) return EXIT.ok
  return report.failure?.input ? EXIT.usage : EXIT.failed
}
