import { plural } from '../plural.js'
import { jsonText, say } from '../untrusted.js'
import { pushBase, type RunContext } from '../context.js'
import { errorMessage } from '../errors.js'
import { FULL_SHA, invalid } from '../input-parsers.js'
import { parseRevision } from '../input-text.js'
import { createDeps } from '../deps.js'
import { execute, type Execution } from '../execute.js'
import { INPUTS } from '../inputs.js'
import { outputValues } from '../outputs.js'
import type { Report } from '../report.js'
import { ACTION_NAME, ACTION_VERSION } from '../version.js'
import { readCommandLine, suggest, type CommandLine } from './args.js'
import { EXIT, usage, type CliIo } from './io.js'
import { detectCi } from './ci.js'
import { helpText } from './help.js'
import { typedOutputs } from './json.js'
import { cliWords } from './words.js'
import { backfillCommand } from './backfill.js'

/** A CI variable that names a commit, validated like an input (it reaches git as a revision). */
function commitVariable(
  name: string,
  raw: string,
  shaOnly: boolean
): string | undefined {
  const value = raw.trim()
  if (shaOnly && !FULL_SHA.test(value)) {
    throw invalid(name, raw, 'a full commit SHA')
  }
  return parseRevision(name, value)
}

/** Where the CLI runs: a RunContext from the CI system's documented variables. */
export function cliContext(
  env: NodeJS.ProcessEnv,
  repository?: string
): RunContext {
  const ci = detectCi(env)
  const previous = ci?.previous?.(env)
  const before = previous && commitVariable(previous[0], previous[1], true)
  const shaVariable = ci?.head.find((n) => (env[n] ?? '').trim() !== '')
  const sha =
    shaVariable === undefined
      ? undefined
      : commitVariable(shaVariable, env[shaVariable] ?? '', false)
  const runId =
    ci?.name === 'GitHub Actions' ? Number(env.GITHUB_RUN_ID ?? 0) : 0
  return {
    eventName: pushBase(before) ? 'push' : 'cli',
    sha: sha ?? 'HEAD',
    shaVariable,
    ref: '',
    repository: repository ?? ci?.repository(env),
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    runId,
    eventHead: undefined,
    eventWarning: undefined,
    pushBefore: pushBase(before),
    deletedRef: false,
    headFromCheckout: false,
    notDeployed: undefined,
    eventEnvironment: undefined,
    eventDeploymentId: undefined,
    ownRunIds: runId ? [runId] : [],
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

export async function cli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CliIo
): Promise<number> {
  if (argv[0] === 'backfill')
    return backfillCommand(argv.slice(1), env, io, (line) => say.info(line))
  let line
  try {
    line = readCommandLine(argv, 'report')
  } catch (error) {
    return usage(io, errorMessage(error))
  }
  const { values: flags, positionals } = line
  if (flags.help) return (io.out(helpText()), EXIT.ok)
  if (flags.version)
    return (io.out(`${ACTION_NAME} ${ACTION_VERSION}`), EXIT.ok)
  const wrong = commandError(positionals)
  if (wrong) return usage(io, wrong)
  let ctx: RunContext
  try {
    ctx = cliContext(
      env,
      typeof flags.repository === 'string' ? flags.repository : undefined
    )
  } catch (error) {
    return usage(io, errorMessage(error))
  }
  const outcome = await execute(
    flagReader(flags, env),
    env,
    ctx,
    createDeps,
    () => new Date()
  )
  return finish(outcome, ctx, flags.json === true, env, io)
}

/** Prints the outcome (JSON, or lines for a person) and turns it into the exit code. */
function finish(
  { report, failMessage }: Execution,
  ctx: RunContext,
  json: boolean,
  env: NodeJS.ProcessEnv,
  io: CliIo
): number {
  if (json) io.out(jsonOutcome(report, ctx, env))
  else if (failMessage === undefined) printOutcome(report, env, io)
  if (failMessage === undefined) return EXIT.ok
  say.error(cliWords(failMessage))
  return report.failure?.input ? EXIT.usage : EXIT.failed
}

/** What is wrong with the command named, if anything: 'report' alone is right here. */
function commandError(positionals: readonly string[]): string | undefined {
  if (positionals[0] === 'report' && positionals.length > 1)
    return `'report' takes flags only, but ${positionals
      .slice(1)
      .map((p) => `"${p}"`)
      .join(' ')} was given.`
  if (positionals.length === 1 && positionals[0] === 'report') return undefined
  const near = positionals[0] && suggest(positionals[0], ['report', 'backfill'])
  return positionals.length === 0
    ? "A command is required: 'report' or 'backfill'."
    : `Unknown command ${positionals.map((p) => `"${p}"`).join(' ')}${near ? `: did you mean '${near}'?` : "; expected 'report' or 'backfill'."}`
}

/** The action's inputs, read from the flags: a flag given twice is one value a line. */
function flagReader(
  flags: CommandLine['values'],
  env: NodeJS.ProcessEnv
): (name: string) => string {
  return (name) => {
    const value = flags[name]
    if (name === INPUTS.githubToken && value === undefined)
      return env.GITHUB_TOKEN ?? ''
    return Array.isArray(value)
      ? value.join('\n')
      : value === undefined
        ? ''
        : String(value)
  }
}

function jsonOutcome(
  report: Report,
  ctx: RunContext,
  env: NodeJS.ProcessEnv
): string {
  const ci = detectCi(env)
  return jsonText({
    ...typedOutputs(outputValues(report)),
    repository: ctx.repository ?? null,
    ci: ci?.name ?? null,
    'run-url': ci?.runUrl(env) ?? null
  })
}

function printOutcome(report: Report, env: NodeJS.ProcessEnv, io: CliIo): void {
  const outputs = outputValues(report)
  const runUrl = detectCi(env)?.runUrl(env)
  const verb = report.post
    ? 'Reported'
    : report.dryRun
      ? 'Dry run: would send'
      : 'Not reported:'
  io.out(
    `${verb} ${plural(outputs['commit-count'], 'commit')} to ${report.environment ?? ''} (${outputs['range-status'] || 'no range'}).`
  )
  if (runUrl) io.out(`CI run: ${runUrl}`)
  if (report.dryRun && report.payload) io.out(jsonText(report.payload))
}
