import { say } from './untrusted.js'
import * as core from './core.js'
import { skipReason, type RunContext } from './context.js'
import type { Deps } from './deps.js'
import { buildPayload } from './deployment.js'
import { applyOnError, describeFailure } from './failure.js'
import {
  getInputs,
  getOnError,
  type Inputs,
  type OnError,
  type Reader
} from './inputs.js'
import { resolveRange } from './range/resolve.js'
import { membershipOf } from './record/membership.js'
import { emptyReport, type Report } from './report.js'
import { sendDeployment } from './send.js'

export interface Execution {
  report: Report
  /** The message to fail with, when `on-error` says the run fails. */
  failMessage: string | undefined
}

/**
 * One run, shared by the action and the CLI: inputs, range, payload, POST. Never throws: a
 * failure is described in the report and judged by `on-error`.
 */
export async function execute(
  read: Reader,
  env: NodeJS.ProcessEnv,
  ctx: RunContext,
  makeDeps: (
    inputs: Inputs,
    repository?: string,
    env?: NodeJS.ProcessEnv
  ) => Deps,
  now: () => Date
): Promise<Execution> {
  // deployedAt is fixed once, before the first attempt: every retry sends the same body.
  const startedAt = now().toISOString()
  const report = emptyReport(ctx.serverUrl, ctx.repository)
  const onError = onErrorOf(read)
  try {
    const inputs = getInputs(read, env)
    const { environment, strategy, dryRun, isTest, title, tags } = inputs
    Object.assign(report, {
      environment,
      strategy,
      dryRun,
      isTest,
      title,
      tags
    })
    if (ctx.eventWarning) say.warning(ctx.eventWarning)
    report.skipped = skipReason(ctx, environment, inputs.head !== undefined)
    if (report.skipped) {
      say.notice(`Nothing to report: ${report.skipped}.`)
      return { report, failMessage: undefined }
    }
    const deps = makeDeps(inputs, ctx.repository, env)
    await deploy(inputs, ctx, deps, report, startedAt)
    return { report, failMessage: undefined }
  } catch (error) {
    report.failure = describeFailure(error)
    return { report, failMessage: applyOnError(report.failure, onError) }
  }
}

/** `on-error` alone: a bad one fails the run, and getInputs names it with every other bad input. */
function onErrorOf(read: Reader): OnError {
  try {
    return getOnError(read)
  } catch {
    return 'fail'
  }
}

/** The range, the payload and the POST, each written into the report as it is known. */
async function deploy(
  inputs: Inputs,
  ctx: RunContext,
  deps: Deps,
  report: Report,
  startedAt: string
): Promise<void> {
  // Every run that posts reads the record first; its first page need not wait for git.
  if (!inputs.dryRun) deps.record?.prefetch()
  const { range, commits } = await core.group('Resolving commit range', () =>
    resolveRange(inputs, ctx, deps, report.resolved)
  )
  report.range = range
  const described = commits()
  try {
    report.payload = buildPayload(
      inputs,
      range.shas,
      inputs.deployedAt ?? ctx.eventTime ?? startedAt
    )
    // Only in debug mode: a 100,000-commit payload is 4 MB of log.
    if (core.isDebug()) say.debug(`payload: ${JSON.stringify(report.payload)}`)
    await sendDeployment(inputs, deps.multitudes, report.payload, report, {
      current: deps.record,
      fresh: deps.freshRecord,
      membership: membershipOf(
        range.source === 'git' ? deps.git : undefined,
        deps.github
      )
    })
  } finally {
    report.commits = await described
  }
}
