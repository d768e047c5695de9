import { say } from '../untrusted.js'
import type { GitHubApi, GitHubDeployment } from '../github-api.js'
import { PER_PAGE } from '../github-api.js'

/** States of a deployment that was live: `inactive` is what GitHub sets on older successes. */
const LIVE_STATES = new Set(['success', 'inactive'])

export interface PreviousDeploymentOptions {
  /** Runs whose deployments are not base: this run, and the run a workflow_run reports on. */
  ownRunIds: readonly number[]
  /** The event's own deployment: neither it nor any deployment made after it is base. */
  eventDeploymentId?: number
  /** Pages of 100 deployments read per listing. */
  maxPages?: number
  /** Status look-ups at most: one per candidate deployment of the environment. */
  maxStatusLookups?: number
  /** Status look-ups in flight at once. */
  concurrency?: number
}

interface Scan {
  sha: string | undefined
  listed: number
  candidates: number
  lookups: number
  /** The budget ran out before the listing ended. */
  exhausted: boolean
}

/**
 * The SHA of the most recent earlier GitHub deployment to `environment` whose latest status is
 * success or inactive. GitHub filters by the exact name first; only when that finds no base are
 * all deployments scanned, comparing names without case (GitHub treats environment names without
 * case, so `Production` and `production` are one environment). A failed or skipped deployment is
 * passed over, so its commits ship with the next successful one.
 */
export async function previousDeploymentSha(
  github: GitHubApi,
  environment: string,
  options: PreviousDeploymentOptions
): Promise<string | undefined> {
  const seen = new Set<number>()
  const exact = await scan(
    (page) => github.listDeployments(page, environment),
    () => true,
    github,
    options,
    seen
  )
  let result = exact
  if (exact.sha === undefined && !exact.exhausted) {
    const wanted = environment.toLowerCase()
    say.debug(
      `No base among the deployments named exactly '${environment}'; scanning all deployments for any case of the name.`
    )
    result = await scan(
      (page) => github.listDeployments(page),
      (d) => d.environment.toLowerCase() === wanted && !seen.has(d.id),
      github,
      options,
      seen
    )
  }
  if (result.sha === undefined && result.exhausted) {
    say.warning(
      `No earlier successful deployment to '${environment}' was found in the ${result.listed} deployments read (${result.candidates} of them to that environment, ${result.lookups} statuses looked up); the search stops there. Set 'base' to say what was live.`
    )
  }
  return result.sha
}

async function scan(
  list: (page: number) => Promise<GitHubDeployment[]>,
  matches: (d: GitHubDeployment) => boolean,
  github: GitHubApi,
  {
    ownRunIds,
    eventDeploymentId,
    maxPages = 10,
    maxStatusLookups = 100,
    concurrency = 10
  }: PreviousDeploymentOptions,
  seen: Set<number>
): Promise<Scan> {
  const ownRun = new RegExp(`/actions/runs/(${ownRunIds.join('|')})(/|$)`)
  const result: Scan = {
    sha: undefined,
    listed: 0,
    candidates: 0,
    lookups: 0,
    exhausted: false
  }
  for (let page = 1; page <= maxPages; page++) {
    const deployments = await list(page)
    result.listed += deployments.length
    const candidates = deployments.filter(
      (d) =>
        matches(d) &&
        (eventDeploymentId === undefined || d.id < eventDeploymentId)
    )
    result.candidates += candidates.length
    // Statuses are looked up a batch at a time, in order: the newest live one wins.
    for (let i = 0; i < candidates.length; i += concurrency) {
      const room = maxStatusLookups - result.lookups
      const batch = candidates.slice(i, i + Math.min(concurrency, room))
      if (batch.length === 0) return { ...result, exhausted: true }
      result.lookups += batch.length
      for (const d of batch) seen.add(d.id)
      const statuses = await Promise.all(
        batch.map((d) => github.latestStatus(d.id))
      )
      for (const [j, status] of statuses.entries()) {
        const deployment = batch[j]
        if (status === undefined) continue
        if (ownRunIds.length > 0 && ownRun.test(status.url)) continue
        if (LIVE_STATES.has(status.state)) {
          say.info(
            `Previous deployment to ${deployment.environment}: #${deployment.id} at ${deployment.sha} (${status.state}).`
          )
          return { ...result, sha: deployment.sha }
        }
        say.debug(
          `Skipping deployment #${deployment.id}: its latest status is ${status.state}.`
        )
      }
    }
    if (deployments.length < PER_PAGE) return result
  }
  return { ...result, exhausted: true }
}
