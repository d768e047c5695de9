import { lineSplitter } from './lines.js'
import type { GitRunner } from './run.js'

export interface RevListResult {
  /** The newest `limit` SHAs, in git's order (head first). */
  shas: string[]
  /** How many SHAs git listed in all. */
  total: number
  /** A listed commit is a shallow boundary: its parents are missing, so the list may be short. */
  crossesShallowBoundary: boolean
  /**
   * Whether base is an ancestor of head, read off the same walk (base is then a boundary
   * commit); undefined with pathspecs, whose walk does not tell.
   */
  reachesBase: boolean | undefined
}

export interface RevListOptions {
  limit: number
  /** Pathspecs: list only commits that touch them. */
  paths?: readonly string[]
  /** Shallow boundary commits to watch for. */
  shallow?: ReadonlySet<string>
}

/**
 * The range walk: `git rev-list base..head` (or all of head without base), streamed, so a range
 * of any size is read in one pass without holding git's whole output.
 */
export async function revList(
  run: GitRunner,
  base: string | undefined,
  head: string,
  { limit, paths = [], shallow }: RevListOptions
): Promise<RevListResult> {
  const shas: string[] = []
  let total = 0
  let crossesShallowBoundary = false
  let reachesBase = false
  const lines = lineSplitter((line) => {
    if (line.startsWith('-')) {
      reachesBase ||= line.slice(1) === base
      return
    }
    total++
    if (shas.length < limit) shas.push(line)
    if (shallow?.has(line)) crossesShallowBoundary = true
  })
  const range = base === undefined ? [head] : [head, `^${base}`]
  const args =
    paths.length > 0
      ? ['--full-history', '--end-of-options', ...range, '--', ...paths]
      : ['--boundary', '--end-of-options', ...range]
  await run(['rev-list', ...args], { onStdout: lines.push })
  lines.end()
  return {
    shas,
    total,
    crossesShallowBoundary,
    reachesBase: paths.length > 0 ? undefined : reachesBase
  }
}
