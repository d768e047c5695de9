import type { GitClient } from '../git/client.js'
import type { GitHubApi } from '../github/api.js'

/**
 * Which commits belong to this repository. Records of every repository of the organisation share
 * one list; only this repository's commits can be base or mark the end of what to read.
 */
export interface Membership {
  /** The listed SHAs that are commits of this repository, as listed. */
  present(shas: readonly string[]): Promise<Set<string>>
  /** False: only each record's first SHA is asked about (one request each). */
  everySha: boolean
}

/** The checkout when the range comes from it, else GitHub; undefined when neither can tell. */
export function membershipOf(
  git: Pick<GitClient, 'presentCommits'> | undefined,
  github: Pick<GitHubApi, 'resolveCommit'> | undefined
): Membership | undefined {
  if (git) return gitMembership(git)
  return github && githubMembership(github)
}

/** From the checkout: one `git cat-file --batch-check` for all the SHAs of a page. */
export function gitMembership(
  git: Pick<GitClient, 'presentCommits'>
): Membership {
  return {
    everySha: true,
    async present(shas) {
      const found = await git.presentCommits(shas)
      // cat-file names full SHAs; a record may list short ones.
      return new Set(
        shas.filter(
          (s) => found.has(s) || [...found].some((f) => f.startsWith(s))
        )
      )
    }
  }
}

/** From GitHub, for `commit-source: api`: one commit look-up per record, at most `budget`. */
export function githubMembership(
  github: Pick<GitHubApi, 'resolveCommit'>,
  budget = 20
): Membership {
  const known = new Map<string, boolean>()
  return {
    everySha: false,
    async present(shas) {
      for (const sha of shas) {
        if (known.has(sha) || known.size >= budget) continue
        known.set(sha, (await github.resolveCommit(sha)) !== undefined)
      }
      return new Set(shas.filter((s) => known.get(s) === true))
    }
  }
}
