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
  const runs = new Map<number, GitHubWorkflowRun>()
  let createdBefore = until
  let oldestCreated: string | undefined
  // A run before the window is the first one's base; older runs are not needed.
  let covered = false
  for (let query = 0; query < MAX_PAGES / 10; query++) {
    let added = 0
    let totalCount = 0
    let page = 1
    for (; page <= 10; page++) {
      const listed = await github.listWorkflowRuns(
        workflow,
        { branch, createdBefore },
        page
      )
      totalCount = listed.totalCount
      for (const run of listed.runs) {
        if (!runs.has(run.id)) added++
        runs.set(run.id, run)
        if (oldestCreated === undefined || run.createdAt < oldestCreated)
          oldestCreated = run.createdAt
        covered ||=
          since !== undefined &&
          run.conclusion === 'success' &&
          Date.parse(run.updatedAt) < Date.parse(since)
      }
      if (listed.runs.length < PER_PAGE || covered) break
    }
    // Stopped before the tenth page, or GitHub had no more than one query holds: all read.
    if (page <= 10 || totalCount <= 10 * PER_PAGE)
      return [...runs.values()].flatMap(toDeployment)
    if (added === 0) break
    createdBefore = oldestCreated
  }
  throw new SourceError(
    `The runs of ${workflow} on ${branch} could not all be listed: GitHub returns at most 1,000 a query, and more than ${runs.size} were read.`,
    NARROW
  )
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
