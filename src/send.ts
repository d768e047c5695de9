import { say } from './untrusted.js'
import * as core from '@actions/core'
import type { DeploymentPayload } from './deployment.js'
import type { Inputs } from './inputs.js'
import type { MultitudesClient } from './multitudes-client.js'
import type { Report } from './report.js'
import { verifyDeployment } from './verify.js'

/** POSTs the payload (unless this is a dry run) and, with `verify`, reads it back. */
export async function sendDeployment(
  inputs: Pick<Inputs, 'dryRun' | 'verify' | 'apiUrl'>,
  multitudes: MultitudesClient | undefined,
  payload: DeploymentPayload,
  report: Report
): Promise<void> {
  if (inputs.dryRun || multitudes === undefined) {
    say.info(
      `Dry run: would send ${payload.commitSha.length} commit(s) to ${inputs.apiUrl.href}.`
    )
    return
  }
  report.post = await core.group('Reporting deployment', () => {
    say.info(
      `Posting ${payload.commitSha.length} commit(s) to ${inputs.apiUrl.host}; with retries this takes at most ${Math.ceil(multitudes.worstCaseMs / 1000)} s.`
    )
    return multitudes.postDeployment(payload)
  })
  say.info(`Multitudes recorded the deployment (HTTP ${report.post.status}).`)
  if (inputs.verify) {
    await core.group('Verifying', () => verifyDeployment(multitudes, payload))
    report.verified = true
    say.info('The deployment reads back from GET /deployment.')
  }
}
