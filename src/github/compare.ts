import { PER_PAGE, type GitHubApi } from './api.js'
import type { Requester } from './octokit.js'

type CompareApi = Pick<GitHubApi, 'compare' | 'resolveCommit'>

/**
 * Commits: a ref's SHA, and the pages of a comparison (permission contents: read). Longer than 40
 * lines as one object of endpoints, each a few lines.
 */
export function compareApi({
  octokit,
  owner,
  repo,
  lookup
}: Requester): CompareApi {
  return {
    // 422: a ref that is no commit-ish.
    resolveCommit: async (ref) =>
      (
        await lookup('get commit', [404, 422], () =>
          octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', {
            owner,
            repo,
            ref,
            per_page: 1
          })
        )
      )?.data.sha,

    // 404: an unknown SHA, or no common ancestor.
    compare: async (base, head, page) => {
      const response = await lookup('compare', [404], () =>
        octokit.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
          owner,
          repo,
          basehead: `${base}...${head}`,
          per_page: PER_PAGE,
          page
        })
      )
      if (!response) return undefined
      const { data } = response
      return {
        status: data.status,
        totalCommits: data.total_commits,
        baseSha: data.base_commit.sha,
        commits: data.commits.map((c) => ({
          sha: c.sha,
          date: c.commit.committer?.date ?? c.commit.author?.date ?? '',
          author: c.commit.author?.name ?? c.author?.login ?? '',
          subject: c.commit.message.split('\n')[0]
        }))
      }
    }
  }
}
