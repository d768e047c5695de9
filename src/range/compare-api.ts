import * as core from '@actions/core'
import pLimit from 'p-limit'
import type { CompareCommit, GitHubApi } from '../github-api.js'
import { PER_PAGE } from '../github-api.js'
import { headOnly } from './local-git.js'
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
  if (choice.ref === undefined) return only('first')
  const first = await github.compare(choice.ref, head, 1)
  if (first === undefined) {
    core.warning(
      `GitHub cannot compare base ${choice.ref} (${choice.source}) with head ${head} (unknown commit, or no common history): only head is sent.`
    )
    return only('unavailable')
  }
  const status = STATUSES[first.status] ?? 'diverged'
  if (status === 'identical' || status === 'behind')
    return only(status, first.baseSha)

  const pages = Math.ceil(first.totalCommits / PER_PAGE)
  const limit = pLimit(options.concurrency ?? 6)
  const base = choice.ref
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
      limit(
        async () => (await github.compare(base, head, i + 2))?.commits ?? []
      )
    )
  )
  const commits = newestFirst([first.commits, ...rest].flat(), head)
  const shas = commits.map((c) => c.sha).slice(0, options.maxCommits)
  return {
    range: {
      ...headOnly(head, choice, status, first.baseSha, 'api'),
      shas,
      total: commits.length,
      truncated: commits.length > shas.length
    },
    commits: commits.slice(0, DESCRIBED)
  }
}

/** Unique, head first, then newest first by committer date (pages need not be in order). */
function newestFirst(commits: CompareCommit[], head: string): CompareCommit[] {
  const unique = [
    ...new Map(
      commits.map((c) => [
        c.sha.toLowerCase(),
        { ...c, sha: c.sha.toLowerCase() }
      ])
    ).values()
  ]
  return unique.sort(
    (a, b) =>
      Number(b.sha === head) - Number(a.sha === head) ||
      Date.parse(b.date) - Date.parse(a.date)
  )
}
