import {
  PER_PAGE,
  type GitHubApi,
  type GitHubDeployment
} from '../github/api.js'
import { say } from '../untrusted.js'
import { ownRunCheck } from './own-run.js'

/** States of a deployment that was live: `inactive` is what GitHub sets on older successes. */
const LIVE_STATES = new Set(['success', 'inactive'])

export interface PreviousDeploymentOptions {
  /** Runs whose deployments are not base: this run, and the run a workflow_run reports on. */
  ownRunIds: readonly number[]
  /** The event's own deployment: neither it nor any deployment made after it is base. */
  eventDeploymentId?: number
  /** Pages of 100 deployments read at most, the exact name's listing and the case scan's together. */
  maxPages?: number
  /** Status look-ups at most, in both listings: one per candidate deployment. */
  maxStatusLookups?: number
  /** Status look-ups in flight at once. */
  concurrency?: number
}

/** What is left to spend on the listings and status look-ups of one search. */
interface Budget {
  pages: number
  lookups: number
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
  const isOwn = ownRunCheck(github, options.ownRunIds)
  // One budget for both listings: the case scan costs no request beyond it.
  const budget: Budget = {
    pages: options.maxPages ?? 10,
    lookups: options.maxStatusLookups ?? 100
  }
  const exact = await scan(
    (page) => github.listDeployments(page, environment),
    () => true,
    github,
    isOwn,
    options,
    budget
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
      isOwn,
      options,
      budget,
      exact.found?.id,
      true
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
  isOwn: (url: string, deployment: number) => Promise<boolean>,
  { eventDeploymentId, concurrency = 10 }: PreviousDeploymentOptions,
  budget: Budget,
  /** Deployments up to this id are older than a base already found: the listing stops there. */
  newerThan?: number,
  /** Ask for pages ahead: the listing is of every environment, and few will match. */
  readAhead = false
): Promise<Scan> {
  const result: Scan = {
    found: undefined,
    listed: 0,
    candidates: 0,
    lookups: 0,
    exhausted: false
  }
  // The scan for other cases mostly reads past other environments, so its pages are asked for
  // in batches of 1, 2, 4, 8: four round trips for ten pages, and never more asked for than
  // were read before.
  const pages = new Map<number, Promise<GitHubDeployment[]>>()
  let ahead = 1
  for (let page = 1; ; page++) {
    if (!pages.has(page)) {
      if (budget.pages === 0) return { ...result, exhausted: true }
      const asked = Math.min(ahead, budget.pages)
      budget.pages -= asked
      for (let p = page; p < page + asked; p++) {
        const pending = list(p)
        // A page asked for ahead and never read must not fail the run.
        pending.catch(() => undefined)
        pages.set(p, pending)
      }
      if (readAhead) ahead *= 2
    }
    const listed = await (pages.get(page) as Promise<GitHubDeployment[]>)
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
      const batch = candidates.slice(
        i,
        i + Math.min(concurrency, budget.lookups)
      )
      if (batch.length === 0) return { ...result, exhausted: true }
      budget.lookups -= batch.length
      result.lookups += batch.length
      const statuses = await Promise.all(
        batch.map((d) => github.latestStatus(d.id))
      )
      for (const [j, status] of statuses.entries()) {
        const deployment = batch[j]
        if (status === undefined) continue
        if (!LIVE_STATES.has(status.state)) {
          say.debug(
            `Skipping deployment #${deployment.id}: its latest status is ${status.state}.`
          )
        } else if (!(await isOwn(status.url, deployment.id))) {
          return { ...result, found: { ...deployment, state: status.state } }
        }
      }
    }
    if (listed.length < PER_PAGE || deployments.length < listed.length)
      return result
  }
}
