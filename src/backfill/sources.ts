import { HintedError } from '../errors.js'
import type { GitClient } from '../git/client.js'
import { parseDeployedAt } from '../input-parsers.js'

/** One past deployment, as a source knows it. */
export interface PastDeployment {
  /** Full SHA of the commit deployed. */
  head: string
  /** When it was deployed: UTC ISO 8601 with milliseconds. */
  deployedAt: string
  /** What it came from, e.g. `tag v1.2.0`. */
  source: string
  /**
   * The source's own identity of it, which no later change to it alters: `tag v1.2.0`,
   * `release 1234`, `deployment 42`, `run 99 attempt 1`.
   */
  id: string
}

/** A source's history could not be read whole; planning from part of it would be a guess. */
export class SourceError extends HintedError {
  override name = 'SourceError'
}

/** Oldest first; the same second (tags pushed at once) by name as numbers: v2 before v10. */
export function byTime(a: PastDeployment, b: PastDeployment): number {
  return (
    Date.parse(a.deployedAt) - Date.parse(b.deployedAt) ||
    a.source.localeCompare(b.source, 'en', { numeric: true })
  )
}

/**
 * One deployment per commit shipped: two tags or releases of one commit in a row (`v1` moved
 * beside `v1.1.0`, `v1.2.0` beside `v1.2.0-rc.1`) shipped it once. The earliest wins and names
 * the others as aliases. The same commit again after another one is a rollback: its own
 * deployment.
 */
export function onePerCommit(found: PastDeployment[]): PastDeployment[] {
  const aliases = new Map<PastDeployment, PastDeployment[]>()
  let current: PastDeployment | undefined
  for (const d of [...found].sort(byTime)) {
    if (current?.head === d.head) aliases.get(current)?.push(d)
    else aliases.set((current = d), [])
  }
  // The order found is kept: a listing's order says what was read.
  return found.flatMap((d) => {
    const others = aliases.get(d)
    if (others === undefined) return []
    if (others.length === 0) return [d]
    const names = others.map((a) => a.source).join(', ')
    return [{ ...d, source: `${d.source} (alias: ${names})` }]
  })
}

/**
 * Tags matching `pattern` as deployments: the tagger date of an annotated tag, the committer
 * date of a lightweight one. A tag that names no commit is passed over.
 */
export async function tagDeployments(
  git: GitClient,
  pattern: string
): Promise<PastDeployment[]> {
  const found: PastDeployment[] = []
  for (const tag of await git.tags(pattern)) {
    const head = tag.peeled ?? tag.object
    const time = tag.taggerDate || tag.peeledDate || tag.committerDate
    if (!time || tag.commitType !== 'commit') continue
    found.push({
      head,
      deployedAt: parseDeployedAt('tag date', time),
      source: `tag ${tag.name}`,
      id: `tag ${tag.name}`
    })
  }
  return onePerCommit(found)
}
