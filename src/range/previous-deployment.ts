import * as core from '@actions/core'
import type { GitHubApi } from '../github-api.js'

/** States of a deployment that was live: `inactive` is what GitHub sets on older successes. */
const LIVE_STATES = new Set(['success', 'inactive'])

export interface PreviousDeploymentOptions {
  /** This run's id: its own deployment (created by `environment:`) is skipped. */
  runId: number
  maxPages?: number
  /** Status look-ups at most: one per candidate deployment of the environment. */
  maxStatusLookups?: number
}

/**
 * The SHA of the most recent GitHub deployment to `environment` (case-insensitive) whose latest
 * status is success or inactive. A failed or skipped deployment is passed over, so its commits
 * ship with the next successful one.
 */
export async function previousDeploymentSha(
  github: GitHubApi,
  environment: string,
  { runId, maxPages = 5, maxStatusLookups = 50 }: PreviousDeploymentOptions
): Promise<string | undefined> {
  const wanted = environment.toLowerCase()
  const ownRun = new RegExp(`/actions/runs/${runId}(/|$)`)
  let lookups = 0
  for (let page = 1; page <= maxPages; page++) {
    const deployments = await github.listDeployments(page)
    for (const deployment of deployments) {
      if (deployment.environment.toLowerCase() !== wanted) continue
      if (++lookups > maxStatusLookups) return undefined
      const status = await github.latestStatus(deployment.id)
      if (status === undefined || ownRun.test(status.url)) continue
      if (LIVE_STATES.has(status.state)) {
        core.info(
          `Previous deployment to ${deployment.environment}: #${deployment.id} at ${deployment.sha} (${status.state}).`
        )
        return deployment.sha
      }
      core.debug(
        `Skipping deployment #${deployment.id}: its latest status is ${status.state}.`
      )
    }
    if (deployments.length < 100) break
  }
  return undefined
}
