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
  /** The newest live deployment found, with its latest state. */
  found: (GitHubDeployment & { state: string }) | undefined
  listed: number
  candidates: number
  lookups: number
  /** The budget ran out before the listing ended. */
  exhausted: boolean
}

/**
 * The SHA of the most recent earlier GitHub deployment to `environment` whose latest status is
 * success or inactive. GitHub treats environment names without case (`Production` and
 * `production` are one environment) but filters by the exact name, so the exact name is listed
 * first and then every deployment newer than what it found is read for other cases of the
 * name: the newest among all of them wins. A failed or skipped deployment is passed over, so
 * its commits ship with the next successful one.
 */
export async function previousDeploymentSha(
  github: GitHubApi,
  environment: string,
  options: PreviousDeploymentOptions
): Promise<string | undefined> {
  const exact = await scan(
    (page) => github.listDeployments(page, environment),
    () => true,
    github,
    options
  )
  let result = exact
  if (!exact.exhausted || exact.found !== undefined) {
    const wanted = environment.toLowerCase()
    say.debug(
      exact.found
        ? `Looking for deployments newer than #${exact.found.id} to another case of '${environment}'.`
        : `No base among the deployments named exactly '${environment}'; scanning all deployments for any case of the name.`
    )
    const other = await scan(
      (page) => github.listDeployments(page),
      (d) =>
        d.environment !== environment && d.environment.toLowerCase() === wanted,
      github,
      options,
      exact.found?.id
    )
    if (other.found !== undefined) result = other
    else if (other.exhausted && exact.found !== undefined) {
      say.warning(
        `Deployment #${exact.found.id} to '${environment}' is the base, but ${other.listed} newer deployments were read without reaching it, so a newer one to another case of the name may have been missed. Set 'base' to say what was live.`
      )
    } else if (exact.found === undefined) result = other
  }
  if (result.found === undefined && result.exhausted) {
    say.warning(
      `No earlier successful deployment to '${environment}' was found in the ${result.listed} deployments read (${result.candidates} of them to that environment, ${result.lookups} statuses looked up); the search stops there. Set 'base' to say what was live.`
    )
  }
  if (result.found !== undefined) {
    say.info(
      `Previous deployment to ${result.found.environment}: #${result.found.id} at ${result.found.sha} (${result.found.state}).`
    )
  }
  return result.found?.sha
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
  /** Deployments up to this id are older than a base already found: the listing stops there. */
  newerThan?: number
): Promise<Scan> {
  const ownRun = new RegExp(`/actions/runs/(${ownRunIds.join('|')})(/|$)`)
  const result: Scan = {
    found: undefined,
    listed: 0,
    candidates: 0,
    lookups: 0,
    exhausted: false
  }
  for (let page = 1; page <= maxPages; page++) {
    const listed = await list(page)
    // Newest first: once the listing reaches the base already found, the rest is older.
    const deployments =
      newerThan === undefined ? listed : listed.filter((d) => d.id > newerThan)
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
      const statuses = await Promise.all(
        batch.map((d) => github.latestStatus(d.id))
      )
      for (const [j, status] of statuses.entries()) {
        const deployment = batch[j]
        if (status === undefined) continue
        if (ownRunIds.length > 0 && ownRun.test(status.url)) continue
        if (LIVE_STATES.has(status.state)) {
          return { ...result, found: { ...deployment, state: status.state } }
        }
        say.debug(
          `Skipping deployment #${deployment.id}: its latest status is ${status.state}.`
        )
      }
    }
    if (listed.length < PER_PAGE || deployments.length < listed.length)
      return result
  }
  return { ...result, exhausted: true }
}
