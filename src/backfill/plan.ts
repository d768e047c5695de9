import { plural } from '../plural.js'
import type { GitClient } from '../git/client.js'
import { isFuture, pastExpected } from '../input-parsers.js'
import { headOnly } from '../range/head-only.js'
import { rangeFromGit, type RangeOptions } from '../range/local-git.js'
import type { BaseChoice, CommitRange } from '../range/types.js'
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
  refuseFuture(sorted.filter(inWindow), now)
  const planGit = await planningGit(git, sorted)
  const planned: PlannedDeployment[] = []
  let previous: PastDeployment | undefined
  for (const [at, deployment] of sorted.entries()) {
    if (until !== undefined && deployment.deployedAt > until) break
    if (inWindow(deployment)) {
      const earlier = { before: sorted.slice(0, at), previous }
      planned.push(await planOne(planGit, deployment, earlier, maxCommits))
    }
    previous = deployment
  }
  return planned
}

function refuseFuture(inWindow: readonly PastDeployment[], now: number): void {
  const future = inWindow.filter((d) => isFuture(Date.parse(d.deployedAt), now))
  if (future.length === 0) return
  const named = future.slice(0, 5).map((d) => `${d.source} (${d.deployedAt})`)
  throw new SourceError(
    `${plural(future.length, 'deployment')} ${future.length === 1 ? 'is' : 'are'} dated in the future: ${named.join(', ')}${future.length > 5 ? ', …' : ''}. Expected ${pastExpected(now)}. Nothing was sent.`,
    'Fix the date at its source (re-tag, or correct the clock that set it), or end the window before it with --until.'
  )
}

/** The checkout, with which heads it has and whether it is shallow asked once for the plan. */
type PlanGit = GitClient & { has: (sha: string) => boolean }

async function planningGit(
  git: GitClient,
  sorted: readonly PastDeployment[]
): Promise<PlanGit> {
  // One git call says which heads the checkout has (a GitHub deployment may name a commit that
  // was never merged, or was force-pushed away), and a history is shallow or not once: planning
  // 300 deployments then costs one rev-list each, not four git calls.
  const present = await git.presentCommits([
    ...new Set(sorted.map((d) => d.head))
  ])
  const shallow = await git.isShallow()
  return {
    ...git,
    has: (sha) => present.has(sha),
    isShallow: () => Promise.resolve(shallow),
    resolveCommit: (rev) =>
      present.has(rev) ? Promise.resolve(rev) : git.resolveCommit(rev)
  }
}

/** One deployment's range, from the one before it (or one on its own line of history). */
async function planOne(
  git: PlanGit,
  deployment: PastDeployment,
  {
    before,
    previous
  }: { before: PastDeployment[]; previous: PastDeployment | undefined },
  maxCommits: number
): Promise<PlannedDeployment> {
  const base = previous?.head
  const choice = { ref: base, source: 'previous-deployment' } as const
  const only = (
    status: 'first' | 'unavailable',
    source: BaseChoice['source'] = choice.source
  ): PlannedDeployment => ({
    ...deployment,
    base,
    range: headOnly(deployment.head, { ...choice, source }, status)
  })
  if (base === undefined) return only('first', 'none')
  if (!git.has(deployment.head)) {
    say.warning(
      `${deployment.source}: head ${deployment.head} is not in the checkout (never merged, or force-pushed away): only head is sent.`
    )
    return only('unavailable')
  }
  const options = { maxCommits, paths: [] }
  const range = await rangeFromGit(git, deployment.head, choice, options)
  if (range.status !== 'diverged') return { ...deployment, base, range }
  const along = await fromSameLine(
    git,
    deployment,
    { before, previous: previous as PastDeployment },
    options
  )
  return along ?? { ...deployment, base, range }
}

/**
 * A range that diverged from the deployment before it (a rollback, a hotfix from another
 * branch): taken from an earlier deployment on head's own line of history, when there is one.
 */
async function fromSameLine(
  git: PlanGit,
  deployment: PastDeployment,
  { before, previous }: { before: PastDeployment[]; previous: PastDeployment },
  options: RangeOptions
): Promise<PlannedDeployment | undefined> {
  const along = await sameLine(git, before, deployment, previous)
  if (!along) return undefined
  const choice = { ref: along.head, source: 'previous-deployment' } as const
  return {
    ...deployment,
    base: along.head,
    range: await rangeFromGit(git, deployment.head, choice, options)
  }
}

/** Earlier deployments looked at for one on the same line of history. */
const SAME_LINE_LOOKBACK = 50

/**
 * A deployment whose previous one is on another line of history (a maintenance tag dated
 * between two releases of the main line) would re-send every commit since the two lines split,
 * already sent by the earlier releases of its own line, and date them again. Its base is the
 * newest earlier deployment that head contains instead. With none, the diverged range is kept,
 * with a warning that says what it sends again.
 */
async function sameLine(
  git: GitClient,
  before: readonly PastDeployment[],
  deployment: PastDeployment,
  previous: PastDeployment
): Promise<PastDeployment | undefined> {
  for (const candidate of before.slice(-SAME_LINE_LOOKBACK).reverse()) {
    if (candidate.head === previous.head) continue
    if (await git.isAncestor(candidate.head, deployment.head)) {
      say.info(
        `${deployment.source}: ${previous.source} before it is on another line of history; its base is ${candidate.source}, the newest earlier deployment it contains, so commits sent before are not sent again.`
      )
      return candidate
    }
  }
  say.warning(
    `${deployment.source}: ${previous.source} before it is on another line of history, and no earlier deployment is on this one: every commit since the two lines split is sent, including any an earlier deployment sent.`
  )
  return undefined
}
