import * as core from '@actions/core'
import * as github from '@actions/github'
import { toRunContext } from './context.js'
import { createDeps, type Deps } from './deps.js'
import { buildPayload } from './deployment.js'
import { errorMessage } from './errors.js'
import { describeFailure } from './failure.js'
import { getInputs, getOnError, type Inputs, type OnError } from './inputs.js'
import { setOutputs } from './outputs.js'
import { resolveRange } from './range/resolve.js'
import { emptyReport } from './report.js'
import { writeSummary } from './summary.js'

export async function run(
  makeDeps: (inputs: Inputs) => Deps = createDeps,
  now: () => Date = () => new Date()
): Promise<void> {
  const startedAt = now().toISOString()
  const ctx = toRunContext(github.context)
  const report = emptyReport(ctx.serverUrl, ctx.repository)
  let onError: OnError = 'fail'
  try {
    onError = getOnError()
    const inputs = getInputs()
    Object.assign(report, {
      environment: inputs.environment,
      strategy: inputs.strategy,
      dryRun: inputs.dryRun,
      isTest: inputs.isTest
    })
    if (ctx.eventWarning) core.warning(ctx.eventWarning)
    if (ctx.deletedRef && inputs.head === undefined) {
      report.skipped = `the push deleted ${ctx.ref}, so nothing was deployed`
      core.notice(`Nothing to report: ${report.skipped}.`)
      return
    }
    const deps = makeDeps(inputs)
    const range = await core.group('Resolving commit range', () =>
      resolveRange(inputs, ctx, deps)
    )
    report.range = range
    report.commits = await deps.git
      .commitDetails(range.shas)
      .catch((e: unknown) => {
        core.warning(
          `Could not read commit subjects for the summary: ${errorMessage(e)}`
        )
        return []
      })
    // Fixed once, before the first attempt: every retry sends the same body.
    const payload = buildPayload(
      inputs,
      range.shas,
      inputs.deployedAt ?? startedAt
    )
    report.payload = payload
    core.debug(`payload: ${JSON.stringify(payload)}`)
    if (inputs.dryRun || deps.multitudes === undefined) {
      core.info(
        `Dry run: would send ${payload.commitSha.length} commit(s) to ${inputs.apiUrl.href}.`
      )
      return
    }
    const multitudes = deps.multitudes
    report.post = await core.group('Reporting deployment', () =>
      multitudes.postDeployment(payload)
    )
    core.info(
      `Multitudes recorded the deployment (HTTP ${report.post.status}).`
    )
  } catch (error) {
    report.failure = describeFailure(error)
    const f = report.failure
    const fails =
      onError === 'fail' || (onError === 'warn-on-outage' && !f.outage)
    const annotate = fails ? core.error : core.warning
    for (const p of f.fields)
      annotate(`Field '${p.field}': ${p.message}`, {
        title: 'Multitudes rejected a field'
      })
    const message = f.hint ? `${f.message} ${f.hint}` : f.message
    if (fails) core.setFailed(message)
    else
      core.warning(
        `${message} (on-error: ${onError}, so the step does not fail)`
      )
  } finally {
    setOutputs(report)
    await writeSummary(report)
  }
}
