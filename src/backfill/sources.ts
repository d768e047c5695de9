import type { GitClient } from '../git.js'
import { parseDeployedAt } from '../input-parsers.js'

/** One past deployment, as a source knows it. */
export interface PastDeployment {
  /** Full SHA of the commit deployed. */
  head: string
  /** When it was deployed: UTC ISO 8601 with milliseconds. */
  deployedAt: string
  /** What it came from, e.g. `tag v1.2.0`. */
  source: string
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
      source: `tag ${tag.name}`
    })
  }
  return found
}
