import * as core from '@actions/core'
import { CommitRangeError } from '../errors.js'
import type { GitClient } from '../git.js'
import type { BaseChoice, CommitRange, RangeStatus } from './types.js'

export interface RangeOptions {
  maxCommits: number
  paths: readonly string[]
}

const SHALLOW_FIX =
  'Check out the full history: actions/checkout with fetch-depth: 0 (or filter: tree:0 for a large repository).'

/**
 * The commits of `git rev-list base..head` from the checkout, classified. Never a silently short
 * list: a range that reaches past a shallow boundary is an error, even when git exits 0.
 */
export async function rangeFromGit(
  git: GitClient,
  head: string,
  choice: BaseChoice,
  options: RangeOptions
): Promise<CommitRange> {
  const only = (status: RangeStatus, base?: string): CommitRange => ({
    head,
    base,
    baseRef: choice.ref,
    baseSource: choice.source,
    status,
    shas: [head],
    total: 1,
    truncated: false,
    source: 'git'
  })
  if (choice.ref === undefined) return only('first')

  const shallow = await git.isShallow()
  const base = await git.resolveCommit(choice.ref)
  const named = `${choice.ref} (${choice.source})`
  if (base === undefined) {
    if (shallow) {
      throw new CommitRangeError(
        `Base ${named} is not in the checkout: the checkout is shallow; use fetch-depth: 0.`,
        SHALLOW_FIX
      )
    }
    core.warning(
      `Base ${named} is not in the checkout (a force push may have removed it): only head is sent.`
    )
    return only('unavailable')
  }
  if (base === head) return only('identical', base)
  if (await git.isAncestor(head, base)) return only('behind', base)

  const boundary = shallow ? await git.shallowCommits() : undefined
  const list = await git.revList(base, head, {
    limit: options.maxCommits,
    paths: options.paths,
    shallow: boundary
  })
  if (list.crossesShallowBoundary || boundary?.has(base)) {
    throw new CommitRangeError(
      `The range ${base.slice(0, 12)}..${head.slice(0, 12)} reaches past the shallow boundary of the checkout: the checkout is shallow; use fetch-depth: 0.`,
      SHALLOW_FIX
    )
  }
  let status: RangeStatus = 'ahead'
  if (!(await git.isAncestor(base, head))) {
    if ((await git.mergeBase(base, head)) === undefined) {
      core.warning(
        `Base ${named} shares no history with head ${head}: only head is sent.`
      )
      return only('unavailable', base)
    }
    status = 'diverged'
  }
  // With paths, head may touch none of them: it is sent all the same.
  const extra = list.shas.includes(head) ? 0 : 1
  const shas = [...new Set([head, ...list.shas])].slice(0, options.maxCommits)
  const total = list.total + extra
  return {
    ...only(status, base),
    shas,
    total,
    truncated: total > shas.length
  }
}
