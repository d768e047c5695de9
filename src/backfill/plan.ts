import type { GitClient } from '../git.js'
import { isFuture, pastExpected } from '../input-parsers.js'
import { headOnly, rangeFromGit } from '../range/local-git.js'
import type { CommitRange } from '../range/types.js'
import { say } from '../untrusted.js'
import { byTime, SourceError, type PastDeployment } from './sources.js'

export interface PlannedDeployment extends PastDeployment {
  /** The deployment before it (of the same source), whose head is base; undefined for none. */
  base: string | undefined
  range: CommitRange
}

export interface PlanOptions {
  since?: string
  until?: string
  maxCommits: number
  /** This machine's clock (ms): a deployment dated after it is refused, as in the live run. */
  now?: number
}

/**
 * Oldest first, each deployment's commits are `git rev-list previous..this` under the live
 * run's rules (rollback: [head], behind; unknown or unrelated: [head], unavailable). The first
 * deployment in the window takes the latest one before the window as base; with none, it sends
 * [head], never the whole history.
 */
export async function planBackfill(
  git: GitClient,
  past: readonly PastDeployment[],
  { since, until, maxCommits, now = Date.now() }: PlanOptions
): Promise<PlannedDeployment[]> {
  const sorted = [...past].sort(byTime)
  const inWindow = (d: PastDeployment): boolean =>
    (since === undefined || d.deployedAt >= since) &&
    (until === undefined || d.deployedAt <= until)
  const future = sorted.filter(
    (d) => inWindow(d) && isFuture(Date.parse(d.deployedAt), now)
  )
  if (future.length > 0) {
    const named = future.slice(0, 5).map((d) => `${d.source} (${d.deployedAt})`)
    throw new SourceError(
      `${future.length} deployment(s) are dated in the future: ${named.join(', ')}${future.length > 5 ? ', …' : ''}. Expected ${pastExpected(now)}. Nothing was sent.`,
      'Fix the date at its source (re-tag, or correct the clock that set it), or end the window before it with --until.'
    )
  }
  // One git call says which heads the checkout has (a GitHub deployment may name a commit that
  // was never merged, or was force-pushed away), and a history is shallow or not once: planning
  // 300 deployments then costs one rev-list each, not four git calls.
  const present = await git.presentCommits([
    ...new Set(sorted.map((d) => d.head))
  ])
  const shallow = await git.isShallow()
  const planGit: GitClient = {
    ...git,
    isShallow: () => Promise.resolve(shallow),
    resolveCommit: (rev) =>
      present.has(rev) ? Promise.resolve(rev) : git.resolveCommit(rev)
  }
  const planned: PlannedDeployment[] = []
  let previous: PastDeployment | undefined
  for (const deployment of sorted) {
    if (until !== undefined && deployment.deployedAt > until) break
    if (inWindow(deployment)) {
      const base = previous?.head
      const choice = { ref: base, source: 'previous-deployment' } as const
      let range: CommitRange
      if (base === undefined) {
        range = headOnly(
          deployment.head,
          { ...choice, source: 'none' },
          'first'
        )
      } else if (!present.has(deployment.head)) {
        say.warning(
          `${deployment.source}: head ${deployment.head} is not in the checkout (never merged, or force-pushed away): only head is sent.`
        )
        range = headOnly(deployment.head, choice, 'unavailable')
      } else {
        range = await rangeFromGit(planGit, deployment.head, choice, {
          maxCommits,
          paths: []
        })
      }
      planned.push({ ...deployment, base, range })
    }
    previous = deployment
  }
  return planned
}
