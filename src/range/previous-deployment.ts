import type { GitHubApi } from '../github/api.js'
import { plural } from '../plural.js'
import { say } from '../untrusted.js'
import { scan, type Budget, type IsOwn, type Scan } from './deployment-scan.js'
import { ownRunCheck } from './own-run.js'

export interface PreviousDeploymentOptions {
  /** Runs whose deployments are not base: this run, and the run a workflow_run reports on. */
  ownRunIds: readonly number[]
  /** The event's own deployment: neither it nor any deployment made after it is base. */
  eventDeploymentId?: number
  /**
   * Pages of 100 deployments read at most, the exact name's listing and the case scan's together.
   */
  maxPages?: number
  /** Status look-ups at most, in both listings: one per candidate deployment. */
  maxStatusLookups?: number
  /** Status look-ups in flight at once. */
  concurrency?: number
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
  const result = exact.exhausted
    ? exact
    : await otherCases(github, environment, options, budget, isOwn, exact)
  tell(environment, result, exact)
  return result.found?.sha
}

/**
 * The newest live deployment to another case of the name, newer than what the exact name gave;
 * what the exact name gave when there is none.
 */
async function otherCases(
  github: GitHubApi,
  environment: string,
  options: PreviousDeploymentOptions,
  budget: Budget,
  isOwn: IsOwn,
  exact: Scan
): Promise<Scan> {
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
  if (other.found !== undefined || exact.found === undefined) return other
  if (other.exhausted) {
    say.warning(
      `Deployment #${exact.found.id} to '${environment}' is the base, but ${other.listed} newer deployments were read without reaching it, so a newer one to another case of the name may have been missed. Set 'base' to say what was live.`
    )
  }
  return exact
}

/**
 * Says what the search found, or why it stopped without finding anything: what both listings
 * read, when the case scan ran after the exact name's.
 */
function tell(environment: string, result: Scan, exact: Scan): void {
  if (result.exhausted) {
    const both = result !== exact
    const lookups = exact.lookups + (both ? result.lookups : 0)
    const looked = `${lookups} ${lookups === 1 ? 'status' : 'statuses'} looked up`
    const read = both
      ? `the ${plural(exact.listed, 'deployment')} named exactly so and the newest ${result.listed} of all deployments (${exact.candidates + result.candidates} of them to that environment in any case, ${looked})`
      : `the ${plural(exact.listed, 'deployment')} read (${exact.candidates} of them to that environment, ${looked})`
    say.warning(
      `No earlier successful deployment to '${environment}' was found in ${read}; the search stops there. Set 'base' to say what was live.`
    )
  }
  if (result.found !== undefined) {
    say.info(
      `Previous deployment to ${result.found.environment}: #${result.found.id} at ${result.found.sha} (${result.found.state}).`
    )
  }
}
