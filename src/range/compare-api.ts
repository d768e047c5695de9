import { say } from '../untrusted.js'
import pLimit from 'p-limit'
import { CommitRangeError } from '../errors.js'
import type { CompareCommit, ComparePage, GitHubApi } from '../github/api.js'
import { PER_PAGE } from '../github/api.js'
import { headOnly, noBase } from './head-only.js'
import { unknownBaseInput } from './local-git.js'
import {
  DESCRIBED,
  type BaseChoice,
  type CommitRange,
  type RangeStatus
} from './types.js'

const STATUSES: Record<string, RangeStatus> = {
  ahead: 'ahead',
  identical: 'identical',
  behind: 'behind',
  diverged: 'diverged'
}

/**
 * The commits of `base...head` from GitHub's compare API: the set `git rev-list base..head`
 * gives. The first page tells the total; the other pages are fetched concurrently.
 */
export async function rangeFromApi(
  github: GitHubApi,
  head: string,
  choice: BaseChoice,
  options: { maxCommits: number; concurrency?: number }
): Promise<{ range: CommitRange; commits: CompareCommit[] }> {
  const only = (status: RangeStatus, base?: string) => ({
    range: headOnly(head, choice, status, base, 'api'),
    commits: []
  })
  if (choice.ref === undefined)
    return { range: noBase(head, choice, 'api'), commits: [] }
  const first = await github.compare(choice.ref, head, 1)
  if (first === undefined && choice.source === 'input') {
    if ((await github.resolveCommit(choice.ref)) === undefined)
      throw unknownBaseInput(choice.ref, 'that GitHub knows')
  }
  if (first === undefined) {
    say.warning(
      `GitHub cannot compare base ${choice.ref} (${choice.source}) with head ${head} (unknown commit, or no common history): only head is sent.`
    )
    return only('unavailable')
  }
  const status = STATUSES[first.status] ?? 'diverged'
  if (status === 'identical' || status === 'behind')
    return only(status, first.baseSha)
  const total = first.totalCommits
  const kept = await newestCommits(github, choice.ref, head, first, options)
  const commits = newestFirst(kept, head).slice(0, options.maxCommits)
  const shas = commits.map((c) => c.sha)
  return {
    range: {
      ...headOnly(head, choice, status, first.baseSha, 'api'),
      shas,
      total: Math.max(total, shas.length),
      truncated: total > shas.length
    },
    commits: commits.slice(0, DESCRIBED)
  }
}

/**
 * The newest max-commits of the comparison. Pages list commits oldest first, so those are on the
 * last pages: only they are fetched (a 200,000-commit range with the default cap costs 11
 * requests, not 2,000).
 */
async function newestCommits(
  github: GitHubApi,
  base: string,
  head: string,
  first: ComparePage,
  options: { maxCommits: number; concurrency?: number }
): Promise<CompareCommit[]> {
  const total = first.totalCommits
  const keepFrom = Math.max(0, total - options.maxCommits)
  const pages = Math.ceil(total / PER_PAGE)
  const firstNeeded = Math.max(2, Math.floor(keepFrom / PER_PAGE) + 1)
  const limit = pLimit(options.concurrency ?? 6)
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - firstNeeded + 1) }, (_, i) =>
      limit(
        async () =>
          (await github.compare(base, head, firstNeeded + i))?.commits ?? []
      )
    )
  )
  const kept = [
    ...first.commits.slice(keepFrom),
    ...rest.flat().slice(Math.max(0, keepFrom - (firstNeeded - 1) * PER_PAGE))
  ]
  const expected = Math.min(total, options.maxCommits)
  if (kept.length !== expected) {
    // A page that came back short (or 404) would silently drop commits from the list.
    throw new CommitRangeError(
      `GitHub's compare API announced ${total} commits from ${base} to ${head}, but its pages held ${kept.length} of the ${expected} to send.`,
      'Re-run the job; if it persists, use commit-source: git with a full checkout.'
    )
  }
  return kept
}

/**
 * Unique, head first, then newest first in GitHub's order: the pages list the range oldest
 * first, as `git log --reverse` does. Dates are no guide (rebases and cherry-picks keep author
 * dates, and clocks differ), so the order is the API's, reversed. GitHub orders by date, so a
 * cut at max-commits can leave head out; it is sent all the same, as the git source does.
 */
function newestFirst(commits: CompareCommit[], head: string): CompareCommit[] {
  const unique = [
    ...new Map(
      commits.map((c) => [
        c.sha.toLowerCase(),
        { ...c, sha: c.sha.toLowerCase() }
      ])
    ).values()
  ].reverse()
  const at = unique.findIndex((c) => c.sha === head)
  if (at === 0) return unique
  const first =
    at > 0 ? unique[at] : { sha: head, date: '', author: '', subject: '' }
  return [first, ...unique.filter((_, i) => i !== at)]
}
