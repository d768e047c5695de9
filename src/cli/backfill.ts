import { setTimeout as delay } from 'node:timers/promises'
import { errorMessage, HintedError } from '../errors.js'
import { transport } from '../http.js'
import {
  createMultitudesClient,
  type MultitudesClient
} from '../multitudes-client.js'
import { createRecord, type MultitudesRecord } from '../record/reader.js'
import { EXIT, usage, type CliIo } from './io.js'
import { readCommandLine, UsageError } from './args.js'
import { backfillHelpText } from './help.js'
import { parseOptions, type Options } from './backfill-options.js'
import {
  cloneAt,
  nothingSelected,
  readSource,
  RECORD_BOUNDS,
  REQUEST
} from './backfill-read.js'
import { planBackfill } from '../backfill/plan.js'
import { createProgress } from '../backfill/progress.js'
import { planTable } from '../backfill/plan-table.js'
import {
  runBackfill,
  type BackfillIo,
  type BackfillResult
} from '../backfill/run.js'
import { jsonText } from '../untrusted.js'

export async function backfillCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  cliIo: CliIo,
  log: (text: string) => void
): Promise<number> {
  const options = readOptions(argv, env, cliIo)
  if (typeof options === 'number') return options
  const signals = watchSignals(log)
  const io: BackfillIo = {
    log,
    sleep: (ms: number) => delay(ms),
    now: Date.now,
    progress: createProgress(process.stderr, log),
    interrupted: signals.interrupted
  }
  try {
    // A proxy that cannot be used is a setting to fix, said before anything is read or sent.
    if (options.apiKey !== undefined) transport().check(options.apiUrl)
    const result = await planAndPost(options, io, cliIo, log)
    if (!result) return EXIT.failed
    return finish(result, options, cliIo, log, signals.interrupted())
  } catch (error) {
    const hint = error instanceof HintedError ? ` ${error.hint}` : ''
    log(`Backfill failed: ${errorMessage(error)}${hint}`)
    return 1
  } finally {
    signals.stop()
  }
}

/**
 * Reads the source, plans every range, shows the plan and (unless it is a dry run) posts it;
 * undefined, said, when the source selects nothing.
 */
async function planAndPost(
  options: Options,
  io: BackfillIo,
  cliIo: CliIo,
  log: (text: string) => void
): Promise<BackfillResult | undefined> {
  const git = await cloneAt(options.dir)
  const past = await readSource(options, git, log)
  const plan = await planBackfill(git, past, options)
  if (plan.length === 0) {
    log(`Backfill failed: ${nothingSelected(options, past.length)}`)
    return undefined
  }
  const preview = await runBackfill(
    plan,
    { ...options, dryRun: true },
    undefined,
    io
  )
  if (!options.json) cliIo.out(planTable(preview.deployments))
  const client = clientFor(options, log)
  if (!client) return preview
  const freshRecord = () => recordOf(client, options, log)
  return runBackfill(plan, options, client, {
    ...io,
    record: freshRecord(),
    freshRecord
  })
}

/** The options, or the exit code of --help or of a usage error. */
function readOptions(
  argv: string[],
  env: NodeJS.ProcessEnv,
  cliIo: CliIo
): Options | number {
  try {
    const { values, positionals } = readCommandLine(argv, 'backfill')
    if (values.help) return (cliIo.out(backfillHelpText()), EXIT.ok)
    if (positionals.length > 0)
      throw new UsageError(
        `'backfill' takes flags only, but ${positionals.map((p) => `"${p}"`).join(' ')} was given.`
      )
    return parseOptions(values, env)
  } catch (error) {
    return usage(cliIo, errorMessage(error), 'backfill')
  }
}

/**
 * SIGINT and SIGTERM ask the run to stop after the request in flight; a second one does not wait.
 */
function watchSignals(log: (text: string) => void): {
  interrupted: () => NodeJS.Signals | undefined
  stop: () => void
} {
  let interrupted: NodeJS.Signals | undefined
  const onSignal = (signal: NodeJS.Signals): void => {
    // A second signal does not wait: the record is checked on the next run all the same.
    if (interrupted) process.exit(exitAfter(signal))
    interrupted = signal
    log(
      `${signal}: stopping once the request in flight is settled and recorded in the state file.`
    )
  }
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal)
  return {
    interrupted: () => interrupted,
    stop: () => process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
  }
}

/** Multitudes' client, unless the run only plans. */
function clientFor(
  options: Options,
  log: (text: string) => void
): MultitudesClient | undefined {
  return options.apiKey === undefined || options.dryRun
    ? undefined
    : createMultitudesClient({
        url: options.apiUrl,
        apiKey: options.apiKey,
        ...REQUEST,
        fetch: transport().request,
        proxy: transport().proxyFor(options.apiUrl),
        log
      })
}

/** A new read of Multitudes' record, unless --record-check is off. */
function recordOf(
  client: MultitudesClient,
  options: Options,
  log: (text: string) => void
): MultitudesRecord | undefined {
  return options.recordCheck
    ? createRecord(client, {
        includeTests: options.isTest,
        ...RECORD_BOUNDS,
        warn: log
      })
    : undefined
}

/** Prints the outcome; the exit code says whether it all went through. */
function finish(
  result: BackfillResult,
  options: Options,
  cliIo: CliIo,
  log: (text: string) => void,
  interrupted: NodeJS.Signals | undefined
): number {
  const { stopped, ...shape } = result
  cliIo.out(
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
  // Under --on-error fail a failed POST stops the run; under warn it is counted, and the run is ok.
  return stopped ? 1 : 0
}

/** The exit code after a signal, as a shell reports it (128 + the signal's number). */
const exitAfter = (signal: NodeJS.Signals): number =>
  signal === 'SIGTERM' ? 143 : 130
