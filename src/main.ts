import * as core from '@actions/core'
import * as github from '@actions/github'
import { toRunContext } from './context.js'
import { createDeps, type Deps } from './deps.js'
import { buildPayload } from './deployment.js'
import { applyOnError, describeFailure } from './failure.js'
import { getInputs, getOnError, type Inputs, type OnError } from './inputs.js'
import { setOutputs } from './outputs.js'
import { resolveRange } from './range/resolve.js'
import { emptyReport } from './report.js'
import { sendDeployment } from './send.js'
import { writeSummary } from './summary.js'

export async function run(
  makeDeps: (inputs: Inputs, repository?: string) => Deps = createDeps,
  now: () => Date = () => new Date()
): Promise<void> {
  // deployedAt is fixed once, before the first attempt: every retry sends the same body.
  const startedAt = now().toISOString()
  const ctx = toRunContext(github.context)
  const report = emptyReport(ctx.serverUrl, ctx.repository)
  let onError: OnError = 'fail'
  try {
    onError = getOnError()
    const inputs = getInputs()
    const { environment, strategy, dryRun, isTest } = inputs
    Object.assign(report, { environment, strategy, dryRun, isTest })
    if (ctx.eventWarning) core.warning(ctx.eventWarning)
    if (ctx.deletedRef && inputs.head === undefined) {
      report.skipped = `the push deleted ${ctx.ref}, so nothing was deployed`
      core.notice(`Nothing to report: ${report.skipped}.`)
      return
    }
    const deps = makeDeps(inputs, ctx.repository)
    const { range, commits } = await core.group('Resolving commit range', () =>
      resolveRange(inputs, ctx, deps)
    )
    Object.assign(report, { range, commits })
    const deployedAt = inputs.deployedAt ?? startedAt
    report.payload = buildPayload(inputs, range.shas, deployedAt)
    core.debug(`payload: ${JSON.stringify(report.payload)}`)
    await sendDeployment(inputs, deps.multitudes, report.payload, report)
  } catch (error) {
    report.failure = describeFailure(error)
    const message = applyOnError(report.failure, onError)
    if (message !== undefined) core.setFailed(message)
  } finally {
    setOutputs(report)
    await writeSummary(report)
  }
}
