/** One listing of GitHub deployments read for the newest live one, within a budget. */
import {
  PER_PAGE,
  type GitHubApi,
  type GitHubDeployment
} from '../github/api.js'
import { say } from '../untrusted.js'
import type { PreviousDeploymentOptions } from './previous-deployment.js'

/** States of a deployment that was live: `inactive` is what GitHub sets on older successes. */
const LIVE_STATES = new Set(['success', 'inactive'])

/** What is left to spend on the listings and status look-ups of one search. */
export interface Budget {
  pages: number
  lookups: number
}

export interface Scan {
  /** The newest live deployment found, with its latest state. */
  found: (GitHubDeployment & { state: string }) | undefined
  listed: number
  candidates: number
  lookups: number
  /** The budget ran out before the listing ended, with nothing found. */
  exhausted: boolean
}

export type IsOwn = (url: string, deployment: number) => Promise<boolean>

const NOTHING_YET: Scan = {
  found: undefined,
  listed: 0,
  candidates: 0,
  lookups: 0,
  exhausted: false
}

/**
 * Reads a listing newest first, a page at a time within the budget, and looks up the states of
 * the deployments that match until one is live: the previous deployment. Says how far it read.
 */
export async function scan(
  list: (page: number) => Promise<GitHubDeployment[]>,
  matches: (d: GitHubDeployment) => boolean,
  github: GitHubApi,
  isOwn: IsOwn,
  { eventDeploymentId, concurrency = 10 }: PreviousDeploymentOptions,
  budget: Budget,
  /** Deployments up to this id are older than a base already found: the listing stops there. */
  newerThan?: number,
  /** Ask for pages ahead: the listing is of every environment, and few will match. */
  readAhead = false
): Promise<Scan> {
  const result: Scan = { ...NOTHING_YET }
  const pageOf = pager(list, budget, readAhead)
  for (let page = 1; ; page++) {
    const pending = pageOf(page)
    if (pending === undefined) return { ...result, exhausted: true }
    const listed = await pending
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
    const done = await firstLive(
      candidates,
      { github, isOwn, concurrency, budget },
      result
    )
    if (done) return done
    if (listed.length < PER_PAGE || deployments.length < listed.length)
      return result
  }
}

/**
 * A listing's pages, each asked for once, within the budget; undefined once it is spent. The
 * scan for other cases mostly reads past other environments, so with `readAhead` its pages are
 * asked for in batches of 1, 2, 4, 8: four round trips for ten pages, and never more asked for
 * than were read before.
 */
function pager(
  list: (page: number) => Promise<GitHubDeployment[]>,
  budget: Budget,
  readAhead: boolean
): (page: number) => Promise<GitHubDeployment[]> | undefined {
  const pages = new Map<number, Promise<GitHubDeployment[]>>()
  let ahead = 1
  return (page) => {
    if (!pages.has(page)) {
      if (budget.pages === 0) return undefined
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
    return pages.get(page)
  }
}

/**
 * The candidates' statuses, a batch at a time and in order, so the newest live one not set by
 * this run wins. The finished scan when one is found or the budget ends; undefined to read on.
 */
async function firstLive(
  candidates: readonly GitHubDeployment[],
  {
    github,
    isOwn,
    concurrency,
    budget
  }: { github: GitHubApi; isOwn: IsOwn; concurrency: number; budget: Budget },
  result: Scan
): Promise<Scan | undefined> {
  // A batch is cut short by what is left of the budget; the next starts where it ended, so a
  // candidate past a short batch is looked up, or the scan says the budget ran out.
  for (let i = 0; i < candidates.length;) {
    const batch = candidates.slice(i, i + Math.min(concurrency, budget.lookups))
    if (batch.length === 0) return { ...result, exhausted: true }
    i += batch.length
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
  return undefined
}
