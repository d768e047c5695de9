/** Past deployments as successful workflow runs, read from GitHub's run listings. */
import type { GitHubApi, GitHubWorkflowRun } from '../github/api.js'
import { PER_PAGE } from '../github/api.js'
import { FULL_SHA, parseDeployedAt } from '../input-parsers.js'
import { MAX_PAGES, NARROW } from './github-sources.js'
import { SourceError, type PastDeployment } from './sources.js'

/**
 * Successful runs of `workflow` on `branch`, at each run's `updated_at` and `head_sha`: what
 * Multitudes' GitHub Actions integration counted. GitHub lists at most 1,000 runs a query, so
 * each next query asks for runs created at or before the oldest one seen.
 */
export async function workflowRunDeployments(
  github: GitHubApi,
  {
    workflow,
    branch,
    since,
    until
  }: {
    workflow: string
    branch: string
    since?: string
    until?: string
  }
): Promise<PastDeployment[]> {
  const read: Listing = { runs: new Map(), covered: false }
  let createdBefore = until
  for (let query = 0; query < MAX_PAGES / 10; query++) {
    const { added, complete } = await readQuery(
      github,
      workflow,
      { branch, createdBefore },
      since,
      read
    )
    if (complete) return [...read.runs.values()].flatMap(toDeployment)
    if (added === 0) break
    createdBefore = read.oldestCreated
  }
  throw new SourceError(
    `The runs of ${workflow} on ${branch} could not all be listed: GitHub returns at most 1,000 a query, and more than ${read.runs.size} were read.`,
    NARROW
  )
}

/** The runs read so far, over every query. */
interface Listing {
  runs: Map<number, GitHubWorkflowRun>
  oldestCreated?: string
  /** A run before the window is the first one's base; older runs are not needed. */
  covered: boolean
}

/** One query's pages (GitHub serves 10): how many runs were new, and whether all were read. */
async function readQuery(
  github: GitHubApi,
  workflow: string,
  filter: { branch: string; createdBefore: string | undefined },
  since: string | undefined,
  read: Listing
): Promise<{ added: number; complete: boolean }> {
  let added = 0
  let totalCount = 0
  for (let page = 1; page <= 10; page++) {
    const listed = await github.listWorkflowRuns(workflow, filter, page)
    for (const run of listed.runs) {
      if (!read.runs.has(run.id)) added++
      read.runs.set(run.id, run)
      if (
        read.oldestCreated === undefined ||
        run.createdAt < read.oldestCreated
      )
        read.oldestCreated = run.createdAt
      read.covered ||=
        since !== undefined &&
        run.conclusion === 'success' &&
        Date.parse(run.updatedAt) < Date.parse(since)
    }
    if (listed.runs.length < PER_PAGE || read.covered)
      return { added, complete: true }
    totalCount = listed.totalCount
  }
  // Ten full pages: GitHub had no more than one query holds, or the next query goes on.
  return { added, complete: totalCount <= 10 * PER_PAGE }
}

function toDeployment(run: GitHubWorkflowRun): PastDeployment[] {
  if (run.conclusion !== 'success' || !FULL_SHA.test(run.headSha)) return []
  return [
    {
      head: run.headSha.toLowerCase(),
      deployedAt: parseDeployedAt('updated_at', run.updatedAt),
      source: `run #${run.runNumber} (${run.id})`,
      id: `run ${run.id} attempt ${run.attempt}`
    }
  ]
}
